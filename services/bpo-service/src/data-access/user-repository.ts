import type { DbClient } from "./db-client";
import type { Role, UserRecord } from "./records";

const userSelect = { id: true, login: true, name: true, email: true, role: true, active: true } as const;

export class UserRepository {
  constructor(private readonly db: DbClient) {}

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

  update(
    id: number,
    data: Partial<{ name: string; email: string | null; role: Role; active: boolean; passwordHash: string }>,
  ): Promise<UserRecord> {
    return this.db.user.update({ where: { id }, data, select: userSelect });
  }

  async createSession(s: { tokenHash: string; userId: number; kind: "browser" | "api"; expiresAt: Date }): Promise<void> {
    await this.db.session.create({ data: s });
  }

  /** The active user behind a session token hash, if the session has not expired. */
  async findSessionUser(tokenHash: string, now: Date): Promise<UserRecord | null> {
    // Every authenticated request runs this: one statement instead of Prisma's two (session, then user).
    const rows = await this.db.$queryRaw<UserRecord[]>`
      SELECT u.id, u.login, u.name, u.email, u.role::text AS role, u.active
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ${tokenHash} AND s.expires_at > ${now} AND u.active`;
    return rows[0] ?? null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.session.deleteMany({ where: { tokenHash } });
  }

  async deleteSessionsOf(userId: number): Promise<void> {
    await this.db.session.deleteMany({ where: { userId } });
  }
}
