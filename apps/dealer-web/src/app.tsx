import { useEffect, useState } from "react";
import { ErrorState, Link, Loading, LoginPage, matchPath, useLocation } from "@crm/ui-kit";
import { ApiError, ROLE_LABEL, type User, api, isAdmin } from "./api";
import { ConfigPage } from "./config/config-page";
import { LeadFormPage } from "./lead/lead-form-page";
import { NewLeadPage } from "./lead/new-lead-page";
import { LeadsPage } from "./leads/leads-page";
import { SaleOrderPage } from "./order/sale-order-page";
import { ReferenceDataProvider } from "./reference-data";

interface NavItem {
  to: string;
  label: string;
  /** Marks the item current for these path prefixes too. */
  prefixes?: string[];
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
  if (user === null) return <LoginPage<User> title="Dealer CRM" hint="Sign in to work your dealership's leads." onLoggedIn={setUser} />;

  const logout = async () => {
    await api("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    setUser(null);
  };
  const isCurrent = (n: NavItem) => path === n.to || (n.prefixes ?? []).some((p) => path === p || path.startsWith(`${p}/`));

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="app-header__brand">Dealer CRM</span>
        <nav aria-label="Main">
          {NAV.filter((n) => !n.adminOnly || isAdmin(user)).map((n) => (
            <Link key={n.to} to={n.to} aria-current={isCurrent(n) ? "page" : undefined}>
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="app-header__user">
          <span data-testid="user-name">{user.name}</span>
          <span className="app-header__role">{ROLE_LABEL[user.role] ?? user.role}</span>
          <button type="button" className="uk-button uk-button--secondary" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </header>
      <main className="app-main" id="main">
        <ReferenceDataProvider>
          <Page user={user} path={path} />
        </ReferenceDataProvider>
      </main>
    </>
  );
}
