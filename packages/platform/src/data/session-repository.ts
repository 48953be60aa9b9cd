import type { ProcessCache } from "../cache/shared-invalidation";
import type { CacheScope } from "./cache-scope";

/** The user columns a session lookup returns: the same users table in both services. */
export interface SessionUser {
  id: number;
  login: string;
  name: string;
  email: string | null;
  role: string;
  active: boolean;
}

/** A cached session: its user and when it expires (checked on every hit). */
export interface SessionEntry<U> {
  user: U;
  expiresAt: Date;
}

/** The cache a store may give its session repository (token hash → session). */
export type SessionCaches<U> = { sessions: ProcessCache<SessionEntry<U> | null> };

/** The slice of a Prisma client (root or transaction) the sessions table needs; taken structurally. */
export interface SessionDbClient {
  session: { create(args: any): PromiseLike<unknown>; deleteMany(args: any): PromiseLike<unknown> };
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: any[]): PromiseLike<T>;
}

const userTag = (id: number) => `user:${id}`;

/** Tags a cached session with its user, so a change to the user drops all of that user's sessions. */
export const sessionTags = <U extends SessionUser>(entry: SessionEntry<U> | null): readonly string[] => (entry ? [userTag(entry.user.id)] : []);

/**
 * Login sessions (the sessions table, keyed by the token's hash). With a sessions cache the lookup is kept
 * per process for a few seconds; logout, a user change or a deactivation drops it in every process, and
 * expiry is checked on every hit.
 */
export class SessionRepository<U extends SessionUser> {
  constructor(
    private readonly db: SessionDbClient,
    private readonly cache: CacheScope<SessionCaches<U>>,
  ) {}

  async create(s: { tokenHash: string; userId: number; kind: "browser" | "api"; expiresAt: Date }): Promise<void> {
    await this.db.session.create({ data: s });
  }

  /** The active user behind a session token hash, if the session has not expired. */
  async findUser(tokenHash: string, now: Date): Promise<U | null> {
    const entry = await this.cache.read("sessions", tokenHash, async (): Promise<SessionEntry<U> | null> => {
      // Every authenticated request runs this: one statement instead of Prisma's two (session, then user).
      const rows = await this.db.$queryRaw<(U & { expiresAt: Date })[]>`
        SELECT u.id, u.login, u.name, u.email, u.role::text AS role, u.active, s.expires_at AS "expiresAt"
        FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ${tokenHash} AND s.expires_at > ${now} AND u.active`;
      const row = rows[0];
      if (!row) return null;
      const { expiresAt, ...user } = row;
      return { user: user as unknown as U, expiresAt };
    });
    return entry && entry.expiresAt > now ? entry.user : null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.session.deleteMany({ where: { tokenHash } });
    this.cache.changed("sessions", (c) => c.invalidate(tokenHash));
  }

  async deleteAllOf(userId: number): Promise<void> {
    await this.db.session.deleteMany({ where: { userId } });
    this.userChanged(userId);
  }

  /** Cached sessions carry the user's name, role and active flag: drop that user's everywhere. */
  userChanged(userId: number): void {
    this.cache.changed("sessions", (c) => c.invalidateTagged(userTag(userId)));
  }
}
