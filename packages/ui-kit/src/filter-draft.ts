import { type Dispatch, type SetStateAction, useEffect, useRef, useState } from "react";
import { navigate, useLocation } from "./router";

export interface FilterDraft<F> {
  /** What the form shows: the applied filters plus whatever the user has changed since. */
  draft: F;
  setDraft: Dispatch<SetStateAction<F>>;
  /** Shows `next` at once and navigates to `to`, the address that applies it (replacing the history entry). */
  go: (to: string, next: F) => void;
}

/**
 * The edited copy of filters that live in the URL. The router commits a navigation later than the click that
 * asked for it (it checks the unsaved-changes guard, then renders in a transition), so a form rebuilt from the
 * URL on every change drops what the user picked meanwhile: click Clear, pick an agent at once, and the pick
 * is gone when Clear lands; two quick choices keep only the second. The draft follows the URL only when
 * something else moved it (back and forward, a link, the header search); after the form's own `go` it keeps
 * the edits.
 */
export function useFilterDraft<F>(applied: F): FilterDraft<F> {
  const { href } = useLocation();
  const [draft, setDraft] = useState(applied);
  // Addresses this form navigated to that have not landed yet, oldest first (a quick second choice can be
  // asked for before the first one lands).
  const requested = useRef<string[]>([]);
  const shown = useRef(href);
  useEffect(() => {
    if (shown.current === href) return;
    shown.current = href;
    const own = requested.current.indexOf(href);
    requested.current = own < 0 ? [] : requested.current.slice(own + 1);
    // `applied` is derived from `href` by the caller, so the address is the dependency that matters.
    if (own < 0) setDraft(applied);
  }, [href]);
  const go = (to: string, next: F) => {
    setDraft(next);
    if (navigate(to, { replace: true })) requested.current.push(to);
  };
  return { draft, setDraft, go };
}

/** The filters named `keys` as an address's query holds them ("" for each one it lacks); no query: none set. */
export function filtersFrom<K extends string>(keys: readonly K[], search = new URLSearchParams()): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, search.get(k) ?? ""])) as Record<K, string>;
}
