import type { CacheScope } from "./bpo-store";
import type { DbClient } from "./db-client";
import type { Role, UserRecord } from "./records";

/** A cached session: its user and when it expires (checked on every hit). */
export interface SessionEntry {
  user: UserRecord;
  expiresAt: Date;
}

const userTag = (id: number) => `user:${id}`;

const userSelect = { id: true, login: true, name: true, email: true, role: true, active: true } as const;

export class UserRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cache: CacheScope,
  ) {}

  findById(id: number): Promise<UserRecord | null> {
    return this.db.user.findUnique({ where: { id }, select: userSelect });
  }

  findByIds(ids: number[]): Promise<UserRecord[]> {
    return this.db.user.findMany({ where: { id: { in: ids } }, select: userSelect });
  }

  async findCredentials(login: string): Promise<(UserRecord & { passwordHash: string }) | null> {
    return this.db.user.findUnique({ where: { login }, select: { ...userSelect, passwordHash: true } });
  }

  list(): Promise<UserRecord[]> {
    return this.db.user.findMany({ select: userSelect, orderBy: { name: "asc" } });
  }

  create(data: { login: string; name: string; email: string | null; role: Role; passwordHash: string }): Promise<UserRecord> {
    return this.db.user.create({ data, select: userSelect });
  }

  async update(
    id: number,
    data: Partial<{ name: string; email: string | null; role: Role; active: boolean; passwordHash: string }>,
  ): Promise<UserRecord> {
    const user = await this.db.user.update({ where: { id }, data, select: userSelect });
    // Sessions carry the user's name, role and active flag: drop them everywhere.
    this.cache.changed("sessions", (c) => c.invalidateTagged(userTag(id)));
    return user;
  }

  async createSession(s: { tokenHash: string; userId: number; kind: "browser" | "api"; expiresAt: Date }): Promise<void> {
    await this.db.session.create({ data: s });
  }

  /**
   * The active user behind a session token hash, if the session has not expired. Every authenticated request
   * asks, so the answer is cached per process for a few seconds; logout, a user change or a deactivation drops
   * it in every process (see StoreCaches), and expiry is checked on every hit.
   */
  async findSessionUser(tokenHash: string, now: Date): Promise<UserRecord | null> {
    const entry = await this.cache.read("sessions", tokenHash, async (): Promise<SessionEntry | null> => {
      const rows = await this.db.$queryRaw<(UserRecord & { expiresAt: Date })[]>`
        SELECT u.id, u.login, u.name, u.email, u.role::text AS role, u.active, s.expires_at AS "expiresAt"
        FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ${tokenHash} AND s.expires_at > ${now} AND u.active`;
      const row = rows[0];
      if (!row) return null;
      const { expiresAt, ...user } = row;
      return { user, expiresAt };
    });
    return entry && entry.expiresAt > now ? entry.user : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.session.deleteMany({ where: { tokenHash } });
    this.cache.changed("sessions", (c) => c.invalidate(tokenHash));
  }

  async deleteSessionsOf(userId: number): Promise<void> {
    await this.db.session.deleteMany({ where: { userId } });
    this.cache.changed("sessions", (c) => c.invalidateTagged(userTag(userId)));
  }
}

/** Tags a cached session with its user, so a change to the user drops all of that user's sessions. */
export const sessionTags = (entry: SessionEntry | null): readonly string[] => (entry ? [userTag(entry.user.id)] : []);
