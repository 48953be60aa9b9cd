import { type FormEvent, useState } from "react";
import { formatInstant, formatTrackedValue } from "./display-dates";

export interface ChatterChange {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
}

export interface ChatterMessage {
  id: number;
  kind: "note" | "system" | "tracking" | string;
  body: string;
  changes: ChatterChange[] | null;
  authorName: string | null;
  createdAt: string;
}

/** The record's history: notes, system lines and tracked field changes (`field: old → new`), newest first. */
export function Chatter({ messages, onPost, loading, error }: { messages: ChatterMessage[]; onPost?(body: string): Promise<void>; loading?: boolean; error?: string | null }) {
  const [draft, setDraft] = useState("");
  const [pending, setPending] = useState(false);
  const [postError, setPostError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!onPost || !draft.trim()) return;
    setPending(true);
    setPostError(null);
    try {
      await onPost(draft.trim());
      setDraft("");
    } catch (err) {
      setPostError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };
  const ordered = [...messages].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return (
    <section className="uk-chatter" aria-label="Chatter">
      <h2 className="uk-section-title">Chatter</h2>
      {onPost && (
        <form onSubmit={(e) => void submit(e)} className="uk-chatter__composer">
          <label htmlFor="uk-chatter-note" className="uk-visually-hidden">
            Log a note
          </label>
          <textarea id="uk-chatter-note" className="uk-input uk-input--area" placeholder="Log a note…" value={draft} onChange={(e) => setDraft(e.target.value)} rows={2} />
          <button type="submit" className="uk-button" disabled={pending || !draft.trim()}>
            {pending ? "Posting…" : "Log note"}
          </button>
          {postError && (
            <p className="uk-field__error" role="alert">
              {postError}
            </p>
          )}
        </form>
      )}
      {error && (
        <p className="uk-field__error" role="alert">
          {error}
        </p>
      )}
      {loading && messages.length === 0 ? (
        <p role="status" className="uk-muted">
          Loading history…
        </p>
      ) : ordered.length === 0 ? (
        <p className="uk-muted">No history yet.</p>
      ) : (
        <ol className="uk-chatter__list">
          {ordered.map((m) => (
            <li key={m.id} className={`uk-chatter__item uk-chatter__item--${m.kind}`}>
              <div className="uk-chatter__meta">
                <strong>{m.authorName ?? "System"}</strong> <time dateTime={m.createdAt}>{formatInstant(m.createdAt)}</time>
              </div>
              {m.body && <p className="uk-chatter__body">{m.body}</p>}
              {m.changes && m.changes.length > 0 && (
                <ul className="uk-chatter__changes">
                  {m.changes.map((c, i) => (
                    <li key={`${c.field}-${i}`}>
                      <span className="uk-chatter__field">{c.label}:</span> {formatTrackedValue(c.old)} → {formatTrackedValue(c.new)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
