import { type ReactNode, createContext, useContext, useEffect, useState } from "react";
import { Link, useLocation } from "./router";

export interface ShellNavItem {
  to: string;
  label: string;
  /** Paths (and their sub-paths) that mark this item current besides `to` itself. */
  prefixes?: string[];
}

export interface AppShellProps {
  /** The app's name, first in the header ("BPO CRM"). */
  app: string;
  /** Where this instance works (the dealership's name), shown beside the app's name so two instances never look alike. */
  place?: string;
  nav: ShellNavItem[];
  user?: { name: string; role: string };
  onLogout?(): void;
  /** Extra header tools between the menu and the user (a search box). */
  tools?: ReactNode;
  children: ReactNode;
}

const SectionContext = createContext<(to: string | null) => void>(() => undefined);

/**
 * A page that belongs to a menu item other than the one its path suggests (a lead opened from Open Leads,
 * New lead) says so here: the menu marks that item current while the page is shown.
 */
export function useNavSection(to: string | null) {
  const set = useContext(SectionContext);
  useEffect(() => {
    set(to);
    return () => set(null);
  }, [set, to]);
}

/** The same frame in both apps: skip link, header (app, place, menu, tools, user) and the main region. */
export function AppShell({ app, place, nav, user, onLogout, tools, children }: AppShellProps) {
  const { path } = useLocation();
  const [section, setSection] = useState<string | null>(null);
  const isCurrent = (n: ShellNavItem) =>
    section !== null ? n.to === section : path === n.to || (n.prefixes ?? []).some((p) => path === p || path.startsWith(p.endsWith("/") ? p : `${p}/`));
  return (
    <SectionContext.Provider value={setSection}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="app-header__brand">
          {app}
          {place && (
            <span className="app-header__place" data-testid="place-name">
              {place}
            </span>
          )}
        </span>
        {nav.length > 0 && (
          <nav aria-label="Main">
            {nav.map((n) => (
              <Link key={n.to} to={n.to} aria-current={isCurrent(n) ? "page" : undefined}>
                {n.label}
              </Link>
            ))}
          </nav>
        )}
        {tools}
        {user && (
          <div className="app-header__user">
            <span data-testid="user-name">{user.name}</span>
            <span className="app-header__role">{user.role}</span>
            {onLogout && (
              <button type="button" className="uk-button uk-button--secondary" onClick={onLogout}>
                Log out
              </button>
            )}
          </div>
        )}
      </header>
      <main className="app-main" id="main">
        {children}
      </main>
    </SectionContext.Provider>
  );
}

/** What a full reload shows until the session is known: the app's header and a skeleton of a page, not a bare word. */
export function LoadingShell({ app }: { app: string }) {
  return (
    <AppShell app={app} nav={[]}>
      <div className="uk-skeleton" role="status" aria-label="Loading">
        <span className="uk-skeleton__title" />
        <span className="uk-skeleton__line" />
        <div className="uk-skeleton__columns">
          {[0, 1, 2, 3].map((i) => (
            <span key={i} className="uk-skeleton__column" />
          ))}
        </div>
      </div>
    </AppShell>
  );
}
