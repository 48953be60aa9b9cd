import { type FormEvent, useState } from "react";
import { api } from "./api-client";

/** The sign-in screen of both apps: cookie session via POST /api/auth/login, the server's refusal shown as is. */
export function LoginPage<U>({ title, hint, onLoggedIn }: { title: string; hint: string; onLoggedIn(user: U): void }) {
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!login.trim() || !password) {
      setError("Enter your login and password.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { user } = await api<{ user: U }>("/api/auth/login", { method: "POST", body: { login: login.trim(), password } });
      onLoggedIn(user);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login__form" onSubmit={(e) => void submit(e)} aria-labelledby="login-title" noValidate>
        <h1 id="login-title">{title}</h1>
        <p className="login__hint">{hint}</p>
        <label htmlFor="login">Login</label>
        <input id="login" name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required autoFocus />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        {error && (
          <p className="login__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="uk-button" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
