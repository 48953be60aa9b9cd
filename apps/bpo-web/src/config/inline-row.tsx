import { type InputHTMLAttributes, type KeyboardEvent, useEffect, useId, useState } from "react";
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
  /** The fields the row has cells for: their messages show in the cell, any other under the row. */
  cells: readonly string[];
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
  const rowId = useId();
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
      const fields = fieldErrorsOf(e);
      setErrors(fields);
      setMessage(Object.keys(fields).length > 0 ? notInCells(fields) : errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const save = () => {
    const local = o.validate(draft);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setMessage(notInCells(local));
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
  const notInCells = (fields: FieldErrors) =>
    Object.entries(fields)
      .filter(([k]) => !o.cells.includes(k))
      .map(([, m]) => m)
      .join(" · ") || null;
  const errorId = (key: string) => `${rowId}-${key}-error`;
  /** A cell control's invalid state, described by its message. */
  const cell = (key: string) => ({ "aria-invalid": errors[key] ? true : undefined, "aria-describedby": errors[key] ? errorId(key) : undefined });
  /** The message of one cell's field, under its control. */
  const cellError = (key: string) =>
    errors[key] ? (
      <span className="cfg-cell-error" id={errorId(key)} role="alert">
        {errors[key]}
      </span>
    ) : null;
  return { draft, set, errors, message, saving, dirty, isNew, send, save, revert, keys, cell, cellError };
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

/** A refusal that names no cell of the row (a conflict, a field without a cell), on a row of its own under it. */
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

/** A text cell of an inline row: its input named for the row, the field's invalid state, and its message under it. */
export function InlineTextCell({
  row,
  field,
  label,
  value,
  onValue,
  tdClassName,
  ...input
}: {
  row: Pick<ReturnType<typeof useInlineRow>, "cell" | "cellError" | "keys">;
  field: string;
  label: string;
  value: string;
  onValue(v: string): void;
  tdClassName?: string;
} & Pick<InputHTMLAttributes<HTMLInputElement>, "maxLength" | "placeholder" | "inputMode">) {
  return (
    <td className={tdClassName}>
      <input className="uk-input cfg-cell" aria-label={label} {...row.cell(field)} value={value} {...input} onChange={(e) => onValue(e.target.value)} onKeyDown={row.keys} />
      {row.cellError(field)}
    </td>
  );
}
