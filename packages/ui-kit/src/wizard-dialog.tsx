import { type FormEvent, type ReactNode, useState } from "react";
import { Dialog } from "./dialog";

export interface WizardDialogProps {
  open: boolean;
  title: string;
  submitLabel: string;
  onClose(): void;
  /**
   * Throw to show the message in the dialog; the dialog stays open with what was typed. Answer "stay" to keep
   * it open after a step that only moves the wizard on (a review before the real submit).
   */
  onSubmit(): Promise<void | "stay">;
  /** When false the submit button is disabled and `blockedReason` says why. */
  canSubmit?: boolean;
  blockedReason?: string;
  /** The submit button is red: the action removes or takes away something (Delete, Revoke, Archive). */
  danger?: boolean;
  children: ReactNode;
}

/** A modal form: submits once at a time, shows the server's refusal in place, closes only on success. */
export function WizardDialog({ open, title, submitLabel, onClose, onSubmit, canSubmit = true, blockedReason, danger = false, children }: WizardDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (pending) return;
    setError(null);
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit || pending) return;
    setPending(true);
    setError(null);
    try {
      const next = await onSubmit();
      setPending(false);
      if (next !== "stay") onClose();
    } catch (err) {
      setPending(false);
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Dialog open={open} title={title} onClose={close} actions={<></>}>
      <form className="uk-wizard" onSubmit={(e) => void submit(e)} noValidate>
        {children}
        {error && (
          <p className="uk-wizard__error" role="alert">
            {error}
          </p>
        )}
        {!canSubmit && blockedReason && <p className="uk-field__hint">{blockedReason}</p>}
        <div className="uk-dialog__actions">
          <button type="button" className="uk-button uk-button--secondary" onClick={close} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className={`uk-button${danger ? " uk-button--danger" : ""}`} disabled={!canSubmit || pending} aria-disabled={!canSubmit || pending}>
            {pending ? "Working…" : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
