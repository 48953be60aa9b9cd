import type { SessionRepository, SessionUser } from "../data/session-repository";
import { AppError } from "../errors/app-error";
import type { SessionAuth } from "../http/session-auth";
import { hashPassword, verifyPassword } from "./password";
import { hashToken, newToken } from "./tokens";

/** What password login needs from a service's repositories (its store's `repos`). */
export interface PasswordSessionRepos<U extends SessionUser> {
  users: { findCredentials(login: string): Promise<(U & { passwordHash: string }) | null> };
  sessions: Pick<SessionRepository<U>, "create" | "findUser" | "delete">;
}

export interface PasswordSessionOptions<U, P> {
  sessionTtlHours: number;
  /** Starts every bearer token issued to API clients, so a leaked one says which service it opens. */
  apiTokenPrefix: string;
  toPrincipal: (user: U) => P;
  /** Why a user with valid credentials may still not hold a session (null: they may). */
  refuse?: (user: U) => AppError | null;
}

/**
 * Login with a password, sessions by opaque token: the caller gets the token once, the database keeps only
 * its hash. Each service gives its users, its principal and its own refusals.
 */
export class PasswordSessionAuth<U extends SessionUser, P extends { id: number }> implements SessionAuth<P> {
  // A real hash to compare against when the login is unknown, so both paths take the same time.
  private readonly dummyHash = hashPassword("not-a-real-password");

  constructor(
    private readonly repos: PasswordSessionRepos<U>,
    private readonly opts: PasswordSessionOptions<U, P>,
  ) {}

  /** Checks credentials and opens a session. */
  async login(login: string, password: string, kind: "browser" | "api"): Promise<{ token: string; user: U; expiresAt: Date }> {
    const creds = await this.repos.users.findCredentials(login.trim().toLowerCase());
    const ok = await verifyPassword(creds?.passwordHash ?? (await this.dummyHash), password);
    if (!creds || !ok || !creds.active) throw new AppError("unauthenticated", "invalid_credentials", "Wrong login or password");
    const { passwordHash: _omit, ...rest } = creds;
    const user = rest as unknown as U;
    const refusal = this.opts.refuse?.(user);
    if (refusal) throw refusal;
    const token = newToken(kind === "api" ? this.opts.apiTokenPrefix : "");
    const expiresAt = new Date(Date.now() + this.opts.sessionTtlHours * 3600_000);
    await this.repos.sessions.create({ tokenHash: hashToken(token), userId: user.id, kind, expiresAt });
    return { token, user, expiresAt };
  }

  async authenticate(token: string): Promise<P | null> {
    const user = await this.repos.sessions.findUser(hashToken(token), new Date());
    // Defence in depth: a session row for a refused user (written by any path) never authenticates.
    return user && !this.opts.refuse?.(user) ? this.opts.toPrincipal(user) : null;
  }

  async logout(token: string): Promise<void> {
    await this.repos.sessions.delete(hashToken(token));
  }
}
