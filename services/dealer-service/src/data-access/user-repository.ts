import type { DbClient } from "./db-client";
import type { Prisma } from "./prisma-client/client";
import type { Role, UserRecord } from "./records";

const userSelect = { id: true, login: true, name: true, email: true, role: true, active: true } as const;
const keySelect = { id: true, userId: true, label: true, createdAt: true, revokedAt: true } as const;
/** A service account's key (never its hash): the Prisma row of the select above. */
export type ServiceKeyRecord = Prisma.ServiceKeyGetPayload<{ select: typeof keySelect }>;

/** Users and the service keys of service accounts (login sessions: SessionRepository). */
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
