/**
 * The one save bar of a record form in both apps: first thing in the form, sticky at the top of the window while
 * the form is scrolled, so Save and Discard stay in reach from any field. It is always there (the form does not
 * jump when the first edit makes it dirty); only its words and colour change. Render it inside the <form>: Save
 * submits it.
 */
export function SaveBar({ dirty, saving, onDiscard }: { dirty: boolean; saving: boolean; onDiscard(): void }) {
  return (
    <div className={`uk-savebar${dirty ? " uk-savebar--dirty" : ""}`} role="group" aria-label="Save bar">
      <span className="uk-savebar__text" aria-live="polite">
        {dirty ? "Unsaved changes" : "All changes saved"}
      </span>
      <button type="button" className="uk-button uk-button--secondary" onClick={onDiscard} disabled={!dirty || saving}>
        Discard
      </button>
      <button type="submit" className="uk-button" disabled={!dirty || saving}>
        {saving ? "Saving…" : "Save"}
      </button>
    </div>
  );
}
