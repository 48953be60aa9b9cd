import { type AnchorHTMLAttributes, type ReactElement, useEffect } from "react";
import {
  type DataRouter,
  Link as RouterLink,
  RouterProvider,
  createBrowserRouter,
  matchPath as routerMatchPath,
  useLocation as useRouterLocation,
} from "react-router";

/**
 * Routing is react-router's data router (v7): it is what gives us navigation blocking (`useBlocker`, see
 * unsaved-changes-guard.tsx) for links, `navigate()` calls and the browser's back and forward buttons,
 * which a hand-written history router cannot undo cleanly. The apps keep matching paths in plain code
 * (one catch-all route renders the app), so adding a page is one line in the app's `Page` switch.
 */
let router: DataRouter | null = null;

/** Creates the one router of the page around the app's root element. Call once, in main.tsx. */
export function createAppRouter(root: ReactElement): DataRouter {
  router = createBrowserRouter([{ path: "*", element: root }]);
  return router;
}

export function AppRouterProvider({ router: r }: { router: DataRouter }) {
  return <RouterProvider router={r} />;
}

const current = () => window.location.pathname + window.location.search;

export interface NavigateOptions {
  replace?: boolean;
  /** Skips the unsaved-changes guard: the page has just saved (or deliberately dropped) its edits. */
  force?: boolean;
}

/**
 * Navigates from outside a link (after a save, a filter change); blocked like a link when a form is dirty.
 * False when there is nowhere to go (already there).
 */
export function navigate(to: string, opts: NavigateOptions = {}): boolean {
  if (to === current() || !router) return false;
  void router.navigate(to, { replace: opts.replace, state: opts.force ? { force: true } : undefined });
  return true;
}

/** Current path plus query, re-rendering on navigation. */
export function useLocation(): { path: string; search: URLSearchParams; href: string } {
  const { pathname, search } = useRouterLocation();
  return { path: pathname, search: new URLSearchParams(search), href: pathname + search };
}

/** `/leads/:id` against `/leads/42` gives `{ id: "42" }`; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const m = routerMatchPath({ path: pattern, end: true }, path);
  if (!m) return null;
  return Object.fromEntries(Object.entries(m.params).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * A real <a href> (open-in-new-tab works) that navigates in place on a plain click. `from` names the menu
 * item the user came from (read back with `useCameFrom`), so the next page can stay under it.
 */
export function Link({ to, from, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; from?: string }) {
  return <RouterLink to={to} state={from === undefined ? undefined : { from }} {...rest} />;
}

/** The menu item the current page was opened from by a `Link from=…`, if any (it survives a reload). */
export function useCameFrom(): string | null {
  const state = useRouterLocation().state as { from?: unknown } | null;
  return typeof state?.from === "string" ? state.from : null;
}

/** Sets document.title while a page is shown. */
export function useDocumentTitle(title: string, app: string) {
  useEffect(() => {
    document.title = `${title} · ${app}`;
  }, [title, app]);
}
