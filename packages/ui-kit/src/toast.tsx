import { type ReactNode, createContext, useCallback, useContext, useMemo, useRef, useState } from "react";

export type ToastTone = "info" | "success" | "error";
interface ToastItem {
  id: number;
  key?: string;
  tone: ToastTone;
  message: string;
}

interface ToastApi {
  /**
   * `key` ties a toast to one thing whose state goes on changing (an endorsement being delivered): a later
   * toast with the same key replaces it in place, so an old "sending…" never stays beside "delivered".
   */
  show(message: string, tone?: ToastTone, opts?: { key?: string }): void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** Toasts in a live region: errors are announced assertively, the rest politely. */
export function ToastProvider({ children, timeoutMs = 6000 }: { children: ReactNode; timeoutMs?: number }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const seq = useRef(0);
  const dismiss = useCallback((id: number) => setItems((xs) => xs.filter((x) => x.id !== id)), []);
  const show = useCallback(
    (message: string, tone: ToastTone = "info", opts: { key?: string } = {}) => {
      const id = ++seq.current;
      const { key } = opts;
      setItems((xs) => [...xs.filter((x) => key === undefined || x.key !== key).slice(-4), { id, key, tone, message }]);
      setTimeout(() => dismiss(id), timeoutMs);
    },
    [dismiss, timeoutMs],
  );
  const api = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="uk-toasts" aria-live="polite">
        {items.map((t) => (
          <div key={t.id} className={`uk-toast uk-toast--${t.tone}`} role={t.tone === "error" ? "alert" : "status"}>
            <span>{t.message}</span>
            <button type="button" className="uk-toast__close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast needs a <ToastProvider>");
  return api;
}
