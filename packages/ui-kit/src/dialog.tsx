import * as RadixDialog from "@radix-ui/react-dialog";
import { type ReactNode, useLayoutEffect, useRef } from "react";

export interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children?: ReactNode;
  actions?: ReactNode;
}

/**
 * A modal on Radix Dialog: focus trapped inside, the page behind inert, Escape and the overlay close it.
 * Our dialogs are opened by state, not by a Radix trigger, so the element that had focus when the dialog
 * opened is remembered here and gets focus back when it closes (Escape, Cancel or a finished wizard).
 */
export function Dialog({ open, title, onClose, children, actions }: DialogProps) {
  const opener = useRef<HTMLElement | null>(null);
  // A layout effect runs before Radix moves focus into the dialog (its focus scope does that in a passive effect).
  useLayoutEffect(() => {
    if (open && document.activeElement instanceof HTMLElement && document.activeElement !== document.body) opener.current = document.activeElement;
  }, [open]);
  return (
    <RadixDialog.Root open={open} onOpenChange={(o) => !o && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="uk-dialog-overlay" />
        <RadixDialog.Content
          className="uk-dialog"
          aria-describedby={undefined}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            const el = opener.current;
            opener.current = null;
            if (el?.isConnected) el.focus();
          }}
        >
          <RadixDialog.Title className="uk-dialog__title">{title}</RadixDialog.Title>
          <div className="uk-dialog__body">{children}</div>
          <div className="uk-dialog__actions">
            {actions ?? (
              <button type="button" className="uk-button" onClick={onClose}>
                Close
              </button>
            )}
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** "danger" for what cannot be undone or takes something away (Delete, Archive, Discard). */
  tone?: "danger" | "primary";
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before an action: Cancel is the safe default, the confirm button is red for destructive actions. */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = "Cancel", tone = "danger", busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={() => !busy && onCancel()}
      actions={
        <>
          <button type="button" className="uk-button uk-button--secondary" onClick={onCancel} disabled={busy} autoFocus>
            {cancelLabel}
          </button>
          <button type="button" className={`uk-button${tone === "danger" ? " uk-button--danger" : ""}`} onClick={onConfirm} disabled={busy}>
            {busy ? "Working…" : confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
