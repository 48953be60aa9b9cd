import { useEffect, useState } from "react";
import { AppShell, ErrorState, Link, LoadingShell, LoginPage, type ShellNavItem, matchPath, useLocation } from "@crm/ui-kit";
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
import { RECONCILIATION_PATH, ReconciliationPage } from "./reconciliation-page";
import { SourceReportPage } from "./source-report-page";

const ROLE_LABEL: Record<User["role"], string> = { agent: "Agent", supervisor: "Supervisor", manager: "Manager" };

interface NavItem extends ShellNavItem {
  managerOnly?: boolean;
  /** Supervisors and Managers. */
  seesAll?: boolean;
}

const NAV: NavItem[] = [
  { to: "/", label: "Open Leads" },
  // A lead's page says itself which item it belongs to (useNavSection); My Pipeline until it knows.
  { to: "/pipeline", label: "My Pipeline", prefixes: ["/leads/"] },
  { to: LEADS_PATH, label: "Leads" },
  { to: "/activities", label: "My Activities" },
  { to: "/call-logs", label: "Call Logs" },
  { to: "/floor", label: "Floor", seesAll: true },
  { to: "/reports/lead-sources", label: "Reports", prefixes: ["/reports"], seesAll: true },
  { to: RECONCILIATION_PATH, label: "Reconciliation", managerOnly: true },
  { to: "/config/lead-sources", label: "Configuration", prefixes: ["/config"], managerOnly: true },
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
  if (path === RECONCILIATION_PATH) return <ReconciliationPage user={user} />;
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
  if (user === undefined) return <LoadingShell app="BPO CRM" />;
  if (user === null) return <LoginPage<User> title="BPO CRM" hint="Sign in to work the lead pool." onLoggedIn={setUser} />;

  const logout = async () => {
    await api("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    setUser(null);
  };

  return (
    <AppShell
      app="BPO CRM"
      nav={NAV.filter((n) => (!n.managerOnly || user.role === "manager") && (!n.seesAll || user.role !== "agent"))}
      tools={<HeaderSearch />}
      user={{ name: user.name, role: ROLE_LABEL[user.role] ?? user.role }}
      onLogout={() => void logout()}
    >
      <Page user={user} path={path} />
    </AppShell>
  );
}
