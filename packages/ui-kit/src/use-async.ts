import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";

export type AsyncState<T> = { status: "loading"; data?: T } | { status: "error"; error: string; data?: T } | { status: "ready"; data: T };

/**
 * Loads data for a screen and keeps the last good value while reloading, so a refresh never
 * blanks the page. Late answers from an earlier call are dropped.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> & { reload(): void } {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ status: "loading", data: s.data }));
    loadRef.current(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ status: "ready", data });
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setState((s) => ({ status: "error", error: e instanceof Error ? e.message : String(e), data: s.data }));
      },
    );
    return () => ctrl.abort();
    // deps are the caller's (like useEffect's), plus the reload tick.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload } as AsyncState<T> & { reload(): void };
}
