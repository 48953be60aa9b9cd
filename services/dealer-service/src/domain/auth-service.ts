import { AppError, hashPassword, hashToken, newToken, verifyPassword } from "@crm/platform";
import type { DealerStore, UserRecord } from "../data-access/dealer-store";
import type { Actor } from "./actor";

export const toActor = (u: UserRecord): Actor => ({ id: u.id, name: u.name, role: u.role });

// A real hash to compare against when the login is unknown, so both paths take the same time.
const DUMMY_HASH = hashPassword("not-a-real-password");

export class AuthService {
  constructor(
    private readonly store: DealerStore,
    private readonly sessionTtlHours: number,
  ) {}

  /** Checks credentials and opens a session; the caller gets the token once, we keep only its hash. */
  async login(login: string, password: string, kind: "browser" | "api"): Promise<{ token: string; user: UserRecord; expiresAt: Date }> {
    const creds = await this.store.repos.users.findCredentials(login.trim().toLowerCase());
    const ok = await verifyPassword(creds?.passwordHash ?? (await DUMMY_HASH), password);
    if (!creds || !ok || !creds.active) throw new AppError("unauthenticated", "invalid_credentials", "Wrong login or password");
    if (creds.role === "service_account") {
      throw new AppError("forbidden", "service_account_not_allowed", "Service accounts cannot log in to the REST API; they call POST /rpc with a service key.");
    }
    const token = newToken(kind === "api" ? "dlr_" : "");
    const expiresAt = new Date(Date.now() + this.sessionTtlHours * 3600_000);
    await this.store.repos.users.createSession({ tokenHash: hashToken(token), userId: creds.id, kind, expiresAt });
    const { passwordHash: _omit, ...user } = creds;
    return { token, user, expiresAt };
  }

  async authenticate(token: string): Promise<Actor | null> {
    const user = await this.store.repos.users.findSessionUser(hashToken(token), new Date());
    // Defence in depth: even a session row for a service account never authenticates REST calls.
    return user && user.role !== "service_account" ? toActor(user) : null;
  }

  async logout(token: string): Promise<void> {
    await this.store.repos.users.deleteSession(hashToken(token));
  }
}
