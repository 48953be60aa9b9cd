import { useEffect, useState } from "react";
import { ApiError, type User, api } from "./api";
import { LoginPage } from "./login-page";
import { OpenLeadsPage } from "./open-leads-page";

const ROLE_LABEL: Record<User["role"], string> = { agent: "Agent", supervisor: "Supervisor", manager: "Manager" };

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<User>("/api/auth/me")
      .then(setUser)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setUser(null);
        else setError(e instanceof Error ? e.message : String(e));
      });
  }, []);

  if (error) return <p role="alert" className="page-message">{error}</p>;
  if (user === undefined) return <p className="page-message" role="status">Loading…</p>;
  if (user === null) return <LoginPage onLoggedIn={setUser} />;

  const logout = async () => {
    await api("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    setUser(null);
  };

  return (
    <>
      <header className="app-header">
        <span className="app-header__brand">BPO CRM</span>
        <nav aria-label="Main">
          <a href="/" aria-current="page">Open Leads</a>
        </nav>
        <div className="app-header__user">
          <span data-testid="user-name">{user.name}</span>
          <span className="app-header__role">{ROLE_LABEL[user.role] ?? user.role}</span>
          <button type="button" className="uk-button uk-button--secondary" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </header>
      <main className="app-main">
        <OpenLeadsPage user={user} />
      </main>
    </>
  );
}
