import { type KeyboardEvent, useEffect, useState } from "react";
import { errorMessage } from "../api";
import { type FieldErrors, fieldErrorsOf } from "./form-errors";

interface InlineRowOptions<R, D> {
  /** The saved record, or null for the "new" row. */
  record: R | null;
  toDraft(r: R): D;
  empty: D;
  /** Same checks as the server, so the obvious mistakes never leave the row. */
  validate(d: D): FieldErrors;
  payload(d: D): object;
  /** POST for the new row, PATCH for a saved one. */
  request(body: object, isNew: boolean): Promise<R>;
  onSaved(r: R): void;
  onCancel?(): void;
}

/**
 * An inline-editable list row (Odoo's editable list): cells edit a draft, Enter saves, Escape reverts, and the
 * server's refusal shows under the row with its fields marked. A fresh server copy resets the cells.
 */
export function useInlineRow<R, D>(o: InlineRowOptions<R, D>) {
  const { record, toDraft } = o;
  const [draft, setDraft] = useState<D>(record ? toDraft(record) : o.empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (record) setDraft(toDraft(record));
  }, [record, toDraft]);

  const isNew = record === null;
  const dirty = isNew || JSON.stringify(toDraft(record)) !== JSON.stringify(draft);
  const set = (p: Partial<D>) => setDraft((d) => ({ ...d, ...p }));

  /** Sends a body as is (also for one-cell saves such as an archive toggle). */
  const send = async (body: object) => {
    setSaving(true);
    setMessage(null);
    try {
      const saved = await o.request(body, isNew);
      setErrors({});
      o.onSaved(saved);
      if (isNew) setDraft(o.empty);
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setMessage(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const save = () => {
    const local = o.validate(draft);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setMessage(Object.values(local).join(" · "));
      return;
    }
    void send(o.payload(draft));
  };
  const revert = () => {
    setErrors({});
    setMessage(null);
    if (record) setDraft(toDraft(record));
    else o.onCancel?.();
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === "Enter") {
      e.preventDefault();
      save();
    } else if (e.key === "Escape") revert();
  };
  return { draft, set, errors, message, saving, dirty, isNew, send, save, revert, keys };
}

/** Save / Cancel while the row has edits; otherwise Delete when the row may be deleted. */
export function InlineRowActions({ row, name, onDelete }: { row: Pick<ReturnType<typeof useInlineRow>, "dirty" | "saving" | "isNew" | "save" | "revert">; name: string; onDelete?(): void }) {
  return (
    <td className="cfg-grid__actions">
      {row.dirty && (
        <>
          <button type="button" className="uk-button" disabled={row.saving} onClick={row.save}>
            {row.saving ? "Saving…" : row.isNew ? "Add" : "Save"}
          </button>
          <button type="button" className="uk-button uk-button--secondary" disabled={row.saving} onClick={row.revert}>
            Cancel
          </button>
        </>
      )}
      {!row.dirty && onDelete && (
        <button type="button" className="uk-button uk-button--secondary cfg-button--danger-text" onClick={onDelete} aria-label={`Delete ${name}`}>
          Delete
        </button>
      )}
    </td>
  );
}

/** The server's (or the local check's) words, on a row of their own under the edited row. */
export function InlineRowMessage({ message, colSpan }: { message: string | null; colSpan: number }) {
  if (!message) return null;
  return (
    <tr className="cfg-row-error">
      <td colSpan={colSpan} role="alert">
        {message}
      </td>
    </tr>
  );
}
