import { useEffect, useState } from "react";
import { AppShell, ErrorState, Link, LoadingShell, LoginPage, type ShellNavItem, matchPath, useLocation } from "@crm/ui-kit";
import { ApiError, ROLE_LABEL, type User, api, isAdmin } from "./api";
import { ConfigPage } from "./config/config-page";
import { LeadFormPage } from "./lead/lead-form-page";
import { NewLeadPage } from "./lead/new-lead-page";
import { LeadsPage } from "./leads/leads-page";
import { SaleOrderPage } from "./order/sale-order-page";
import { ReferenceDataProvider, useReferenceData } from "./reference-data";

interface NavItem extends ShellNavItem {
  adminOnly?: boolean;
}

const NAV: NavItem[] = [
  { to: "/", label: "All Leads", prefixes: ["/list", "/leads", "/sale-orders"] },
  { to: "/my-pipeline", label: "My Pipeline", prefixes: ["/my-pipeline"] },
  { to: "/config/brands", label: "Configuration", prefixes: ["/config"], adminOnly: true },
];

function Page({ user, path }: { user: User; path: string }) {
  if (path === "/") return <LeadsPage user={user} scope="all" view="kanban" />;
  if (path === "/list") return <LeadsPage user={user} scope="all" view="list" />;
  if (path === "/my-pipeline") return <LeadsPage user={user} scope="mine" view="kanban" />;
  if (path === "/my-pipeline/list") return <LeadsPage user={user} scope="mine" view="list" />;
  if (path === "/leads/new") return <NewLeadPage user={user} />;
  const lead = matchPath("/leads/:id", path);
  if (lead && /^\d+$/.test(lead.id!)) return <LeadFormPage key={lead.id} user={user} leadId={Number(lead.id)} />;
  const order = matchPath("/sale-orders/:id", path);
  if (order && /^\d+$/.test(order.id!)) return <SaleOrderPage key={order.id} user={user} orderId={Number(order.id)} />;
  const config = matchPath("/config/:section", path);
  if (config) return <ConfigPage user={user} section={config.section!} />;
  return (
    <div className="uk-page-state" role="alert">
      <h1>Page not found</h1>
      <p>
        Nothing lives at <code>{path}</code>. <Link to="/">Go to All Leads</Link>
      </p>
    </div>
  );
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

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
  if (user === undefined) return <LoadingShell app={APP} />;
  if (user === null) return <LoginPage<User> title={APP} hint="Sign in to work your dealership's leads." onLoggedIn={setUser} />;
  return (
    <ReferenceDataProvider loading={<LoadingShell app={APP} />}>
      <Shell user={user} onLoggedOut={() => setUser(null)} />
    </ReferenceDataProvider>
  );
}

const APP = "Dealer CRM";

/** The header names the dealership (two instances never look alike) above the current page. */
function Shell({ user, onLoggedOut }: { user: User; onLoggedOut(): void }) {
  const { path } = useLocation();
  const { instance } = useReferenceData();
  const logout = async () => {
    await api("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    onLoggedOut();
  };
  return (
    <AppShell app={APP} place={instance.name} nav={NAV.filter((n) => !n.adminOnly || isAdmin(user))} user={{ name: user.name, role: ROLE_LABEL[user.role] ?? user.role }} onLogout={() => void logout()}>
      <Page user={user} path={path} />
    </AppShell>
  );
}
