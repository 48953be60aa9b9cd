import type { DbClient } from "./db-client";
import type { Role, ServiceKeyRecord, UserRecord } from "./records";

const userSelect = { id: true, login: true, name: true, email: true, role: true, active: true } as const;
const keySelect = { id: true, userId: true, label: true, createdAt: true, revokedAt: true } as const;

/** Users, their login sessions and the service keys of service accounts. */
export class UserRepository {
  constructor(private readonly db: DbClient) {}

  findById(id: number): Promise<UserRecord | null> {
    return this.db.user.findUnique({ where: { id }, select: userSelect });
  }

  findByLogin(login: string): Promise<UserRecord | null> {
    return this.db.user.findUnique({ where: { login }, select: userSelect });
  }

  findCredentials(login: string): Promise<(UserRecord & { passwordHash: string }) | null> {
    return this.db.user.findUnique({ where: { login }, select: { ...userSelect, passwordHash: true } });
  }

  list(): Promise<UserRecord[]> {
    return this.db.user.findMany({ select: userSelect, orderBy: { name: "asc" } });
  }

  create(data: { login: string; name: string; email: string | null; role: Role; passwordHash: string }): Promise<UserRecord> {
    return this.db.user.create({ data, select: userSelect });
  }

  /** Creates or refreshes a user by login (seed data). */
  upsert(data: { login: string; name: string; email: string | null; role: Role; passwordHash: string }): Promise<UserRecord> {
    return this.db.user.upsert({
      where: { login: data.login },
      create: data,
      update: { name: data.name, email: data.email, role: data.role, passwordHash: data.passwordHash, active: true },
      select: userSelect,
    });
  }

  update(id: number, data: Partial<{ name: string; email: string | null; role: Role; active: boolean; passwordHash: string }>): Promise<UserRecord> {
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

  createServiceKey(data: { userId: number; keyHash: string; label: string }): Promise<ServiceKeyRecord> {
    return this.db.serviceKey.create({ data, select: keySelect });
  }

  /** Registers a key hash for a service account unless it exists (seed data); revoked keys stay revoked. */
  upsertServiceKey(data: { userId: number; keyHash: string; label: string }): Promise<ServiceKeyRecord> {
    return this.db.serviceKey.upsert({ where: { keyHash: data.keyHash }, create: data, update: { revokedAt: null }, select: keySelect });
  }

  listServiceKeys(): Promise<ServiceKeyRecord[]> {
    return this.db.serviceKey.findMany({ select: keySelect, orderBy: { id: "asc" } });
  }

  findServiceKey(id: number): Promise<ServiceKeyRecord | null> {
    return this.db.serviceKey.findUnique({ where: { id }, select: keySelect });
  }

  revokeServiceKey(id: number, at: Date): Promise<ServiceKeyRecord> {
    return this.db.serviceKey.update({ where: { id }, data: { revokedAt: at }, select: keySelect });
  }

  /** The active user a live (not revoked) key hash belongs to. */
  async findServiceKeyUser(keyHash: string): Promise<UserRecord | null> {
    const k = await this.db.serviceKey.findUnique({ where: { keyHash }, include: { user: { select: userSelect } } });
    if (!k || k.revokedAt !== null || !k.user.active) return null;
    return k.user;
  }
}
