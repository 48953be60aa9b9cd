import { type ReactNode, useEffect, useId, useRef } from "react";

export interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children?: ReactNode;
  actions?: ReactNode;
}

/** A modal on the native <dialog>: focus is trapped and restored by the browser, Escape closes it. */
export function Dialog({ open, title, onClose, children, actions }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="uk-dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <h2 id={titleId} className="uk-dialog__title">
        {title}
      </h2>
      <div className="uk-dialog__body">{children}</div>
      <div className="uk-dialog__actions">
        {actions ?? (
          <button type="button" className="uk-button" onClick={onClose}>
            Close
          </button>
        )}
      </div>
    </dialog>
  );
}
