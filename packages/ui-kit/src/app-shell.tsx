import { type ReactNode, createContext, useContext, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
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
        {nav.length > 0 && <MainNav items={nav} isCurrent={isCurrent} />}
        {tools}
        {user && (
          <div className="app-header__user">
            <span data-testid="user-name" title={user.role}>
              {user.name}
            </span>
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

/**
 * The main menu on one line at any width: the items that fit are shown, the rest go under "More" (a disclosure
 * list, as a site menu should be: Escape closes it and gives focus back to More). A hidden copy of every item
 * gives their widths, so the split is computed before paint and again whenever the header's room changes.
 */
function MainNav({ items, isCurrent }: { items: ShellNavItem[]; isCurrent(n: ShellNavItem): boolean }) {
  const { path } = useLocation();
  const box = useRef<HTMLElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const [fit, setFit] = useState(items.length);
  const [open, setOpen] = useState(false);

  useLayoutEffect(() => {
    const el = box.current;
    const copy = measure.current;
    if (!el || !copy) return;
    const split = () => {
      const gap = parseFloat(getComputedStyle(copy).columnGap) || 0;
      const widths = [...copy.children].map((c) => c.getBoundingClientRect().width);
      const more = widths.pop() ?? 0;
      const room = el.clientWidth;
      const all = widths.reduce((sum, w) => sum + w, 0) + gap * (widths.length - 1);
      if (all <= room) return setFit(widths.length);
      let used = 0;
      let n = 0;
      while (n < widths.length && used + widths[n]! + gap + more <= room) used += widths[n++]! + gap;
      setFit(n);
    };
    split();
    const watch = new ResizeObserver(split);
    watch.observe(el);
    return () => watch.disconnect();
  }, [items]);

  // Going somewhere closes the list; so do a click outside it and Escape.
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      moreButton.current?.focus();
    };
    document.addEventListener("mousedown", away);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", away);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);

  const shown = items.slice(0, fit);
  const rest = items.slice(fit);
  const link = (n: ShellNavItem) => (
    <Link key={n.to} to={n.to} aria-current={isCurrent(n) ? "page" : undefined}>
      {n.label}
    </Link>
  );
  return (
    <nav aria-label="Main" ref={box} className="app-nav">
      {shown.map(link)}
      {rest.length > 0 && (
        <div className="app-nav__more">
          <button
            ref={moreButton}
            type="button"
            className={`app-nav__more-button${rest.some(isCurrent) ? " app-nav__more-button--current" : ""}`}
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((o) => !o)}
          >
            More
          </button>
          <ul id={listId} className="app-nav__more-list" hidden={!open}>
            {rest.map((n) => (
              <li key={n.to}>{link(n)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="app-nav__measure" ref={measure} aria-hidden="true">
        {items.map((n) => (
          <span key={n.to}>{n.label}</span>
        ))}
        <span className="app-nav__more-button">More</span>
      </div>
    </nav>
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
