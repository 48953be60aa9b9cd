import type { SessionRepository } from "@crm/platform/core";
import type { DbClient } from "./db-client";
import type { Role, UserRecord } from "./records";

const userSelect = { id: true, login: true, name: true, email: true, role: true, active: true } as const;

export class UserRepository {
  constructor(
    private readonly db: DbClient,
    private readonly sessions: SessionRepository<UserRecord>,
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
    this.sessions.userChanged(id);
    return user;
  }
}
