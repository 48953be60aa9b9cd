import type { ReactNode } from "react";
import { TextField } from "./form-fields";
import { WizardDialog } from "./wizard-dialog";

/**
 * Building blocks of the configuration screens (cfg-* classes, styled by each app): a record list's Open/Edit
 * buttons, a panel with a heading and status, a stored secret's field, and the confirmation of a removal.
 */

/** The Actions cell of a configuration list: Open (Close when this row is open) and Edit, named for screen readers. */
export function OpenEditActions({ name, open, onToggle, onEdit }: { name: string; open: boolean; onToggle(): void; onEdit(): void }) {
  return (
    <div className="cfg-row-actions">
      <button type="button" className="uk-button uk-button--secondary" aria-label={`Open ${name}`} aria-pressed={open} onClick={onToggle}>
        {open ? "Close" : "Open"}
      </button>
      <button type="button" className="uk-button uk-button--secondary" aria-label={`Edit ${name}`} onClick={onEdit}>
        Edit
      </button>
    </div>
  );
}

/** A panel of an opened record: heading, optional Configured / Not configured status, a hint, then its content. */
export function ConfigPanel({ title, configured, hint, children }: { title: string; configured?: boolean; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="cfg-panel">
      <div className="cfg-panel__head">
        <h3>{title}</h3>
        {configured !== undefined && <span className={`cfg-status ${configured ? "cfg-status--on" : ""}`}>{configured ? "Configured" : "Not configured"}</span>}
      </div>
      {hint && <p className="cfg-panel__hint">{hint}</p>}
      {children}
    </div>
  );
}

/** A password or key the server keeps and never shows: required until one is stored, then empty keeps it. */
export function StoredSecretField(props: {
  label: string;
  stored: boolean;
  value: string;
  onValue(v: string): void;
  error?: string;
  autoComplete: string;
  /** The hint once a secret is stored (how to keep it). */
  storedHint: string;
  /** The hint before one is stored (where it comes from). */
  newHint: string;
}) {
  return (
    <TextField
      label={props.label}
      type="password"
      required={!props.stored}
      value={props.value}
      onValue={props.onValue}
      error={props.error}
      autoComplete={props.autoComplete}
      placeholder={props.stored ? "•••••••• (stored)" : ""}
      hint={props.stored ? props.storedHint : props.newHint}
    />
  );
}

/** The Save connection button, and Remove connection once one is configured (it opens the confirmation). */
export function ConnectionFormActions({ configured, busy, saving, onRemove, children }: { configured: boolean; busy: boolean; saving: boolean; onRemove(): void; children?: ReactNode }) {
  return (
    <div className="cfg-actions">
      <button type="submit" className="uk-button" disabled={busy}>
        {saving ? "Saving…" : "Save connection"}
      </button>
      {configured && (
        <>
          {children}
          <button type="button" className="uk-button uk-button--secondary cfg-button--danger-text cfg-actions__end" disabled={busy} onClick={onRemove}>
            Remove connection
          </button>
        </>
      )}
    </div>
  );
}

/** "Remove the … connection?": a red Remove that runs `onRemove`; the text says what stops working. */
export function RemoveConnectionDialog({ open, what, onClose, onRemove, children }: { open: boolean; what: string; onClose(): void; onRemove(): Promise<void>; children: ReactNode }) {
  return (
    <WizardDialog open={open} title={`Remove the ${what} connection?`} submitLabel="Remove" danger onClose={onClose} onSubmit={onRemove}>
      <p className="cfg-dialog-text">{children}</p>
    </WizardDialog>
  );
}
