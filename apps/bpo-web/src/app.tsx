import { useEffect, useState } from "react";
import { ErrorState, Link, Loading, LoginPage, matchPath, useLocation } from "@crm/ui-kit";
import { ApiError, type User, api } from "./api";
import { ActivitiesPage } from "./activities-page";
import { CallLogsPage } from "./call-logs-page";
import { ConfigPage } from "./config/config-page";
import { HeaderSearch } from "./header-search";
import { FloorPage } from "./floor/floor-page";
import { LeadFormPage } from "./lead/lead-form-page";
import { LEADS_PATH, LeadsListPage } from "./leads-list-page";
import { OpenLeadsPage } from "./open-leads-page";
import { PipelinePage } from "./pipeline-page";
import { SourceReportPage } from "./source-report-page";

const ROLE_LABEL: Record<User["role"], string> = { agent: "Agent", supervisor: "Supervisor", manager: "Manager" };

interface NavItem {
  to: string;
  label: string;
  /** Paths that mark this item current besides `to` itself. */
  prefix?: string;
  managerOnly?: boolean;
  /** Supervisors and Managers. */
  seesAll?: boolean;
}

const NAV: NavItem[] = [
  { to: "/", label: "Open Leads" },
  { to: "/pipeline", label: "My Pipeline", prefix: "/leads/" },
  { to: LEADS_PATH, label: "Leads" },
  { to: "/activities", label: "My Activities" },
  { to: "/call-logs", label: "Call Logs" },
  { to: "/floor", label: "Floor", seesAll: true },
  { to: "/reports/lead-sources", label: "Reports", prefix: "/reports", seesAll: true },
  { to: "/config/lead-sources", label: "Configuration", prefix: "/config", managerOnly: true },
];

function Page({ user, path }: { user: User; path: string }) {
  if (path === "/") return <OpenLeadsPage user={user} />;
  if (path === "/pipeline") return <PipelinePage user={user} />;
  if (path === LEADS_PATH) return <LeadsListPage user={user} />;
  if (path === "/leads/new") return <LeadFormPage user={user} leadId={null} />;
  const lead = matchPath("/leads/:id", path);
  if (lead && /^\d+$/.test(lead.id!)) return <LeadFormPage user={user} leadId={Number(lead.id)} />;
  if (path === "/activities") return <ActivitiesPage user={user} />;
  if (path === "/call-logs") return <CallLogsPage user={user} />;
  if (path === "/reports/lead-sources") return <SourceReportPage user={user} />;
  if (path === "/floor") return <FloorPage user={user} />;
  const config = matchPath("/config/:section", path);
  if (config) return <ConfigPage user={user} section={config.section!} />;
  return (
    <div className="uk-page-state" role="alert">
      <h1>Page not found</h1>
      <p>
        Nothing lives at <code>{path}</code>. <Link to="/">Go to Open Leads</Link>
      </p>
    </div>
  );
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const { path } = useLocation();

  const loadMe = () => {
    setError(null);
    api<User>("/api/auth/me")
      .then(setUser)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setUser(null);
        else setError(e instanceof Error ? e.message : String(e));
      });
  };
  useEffect(loadMe, []);

  if (error) return <ErrorState message={error} onRetry={loadMe} />;
  if (user === undefined) return <Loading />;
  if (user === null) return <LoginPage<User> title="BPO CRM" hint="Sign in to work the lead pool." onLoggedIn={setUser} />;

  const logout = async () => {
    await api("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    setUser(null);
  };
  const isCurrent = (n: NavItem) => path === n.to || (n.prefix !== undefined && path.startsWith(n.prefix));

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="app-header__brand">BPO CRM</span>
        <nav aria-label="Main">
          {NAV.filter((n) => (!n.managerOnly || user.role === "manager") && (!n.seesAll || user.role !== "agent")).map((n) => (
            <Link key={n.to} to={n.to} aria-current={isCurrent(n) ? "page" : undefined}>
              {n.label}
            </Link>
          ))}
        </nav>
        <HeaderSearch />
        <div className="app-header__user">
          <span data-testid="user-name">{user.name}</span>
          <span className="app-header__role">{ROLE_LABEL[user.role] ?? user.role}</span>
          <button type="button" className="uk-button uk-button--secondary" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </header>
      <main className="app-main" id="main">
        <Page user={user} path={path} />
      </main>
    </>
  );
}
