import { type PoolStats, translateDbError } from "@crm/platform";
import type { DbClient } from "./db-client";
import { type Db, poolStatsOf } from "./prisma";
import { CatalogRepository } from "./catalog-repository";
import { LeadRepository } from "./lead-repository";
import { LiveLeadRepository } from "./live-lead-repository";
import { MessageRepository } from "./message-repository";
import { PartnerRepository } from "./partner-repository";
import { SaleOrderRepository } from "./sale-order-repository";
import { UserRepository } from "./user-repository";
import { OutboxRepository } from "./outbox-repository";
import { BpoConnectionRepository } from "./bpo-connection-repository";
import { LeadStatusRepository } from "./lead-status-repository";

export interface Repositories {
  leads: LeadRepository;
  live: LiveLeadRepository;
  messages: MessageRepository;
  users: UserRepository;
  catalog: CatalogRepository;
  partners: PartnerRepository;
  orders: SaleOrderRepository;
  outbox: OutboxRepository;
  bpoConnection: BpoConnectionRepository;
  leadStatus: LeadStatusRepository;
}

const bind = (db: DbClient): Repositories => ({
  leads: new LeadRepository(db),
  live: new LiveLeadRepository(db),
  messages: new MessageRepository(db),
  users: new UserRepository(db),
  catalog: new CatalogRepository(db),
  partners: new PartnerRepository(db),
  orders: new SaleOrderRepository(db),
  outbox: new OutboxRepository(db),
  bpoConnection: new BpoConnectionRepository(db),
  leadStatus: new LeadStatusRepository(db),
});

export { ReferencedRowError, UniqueViolation } from "@crm/platform";

/** Entry to the dealer database: repositories on the root client, or all bound to one transaction. */
export class DealerStore {
  readonly repos: Repositories;

  constructor(readonly db: Db) {
    this.repos = bind(db);
  }

  async transaction<T>(fn: (r: Repositories) => Promise<T>): Promise<T> {
    try {
      return await this.db.$transaction((tx) => fn(bind(tx)), { timeout: 15_000 });
    } catch (e) {
      throw translateDbError(e);
    }
  }

  /** Runs a single-statement operation, translating constraint errors. */
  async run<T>(fn: (r: Repositories) => Promise<T>): Promise<T> {
    try {
      return await fn(this.repos);
    } catch (e) {
      throw translateDbError(e);
    }
  }

  async ping(): Promise<void> {
    await this.db.$queryRaw`SELECT 1`;
  }

  poolStats(): PoolStats {
    return poolStatsOf(this.db);
  }

  /** Name of the last migration applied to this database (what `prisma migrate deploy` recorded). */
  async migrationVersion(): Promise<string | null> {
    const rows = await this.db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`;
    return rows[0]?.migration_name ?? null;
  }

  async close(): Promise<void> {
    await this.db.$disconnect();
  }
}

export type * from "./records";
export type { LeadWrite } from "./lead-repository";
export type { LiveLeadState } from "./live-lead-repository";
export type { PartnerWrite } from "./partner-repository";
export type * from "./catalog-repository";
export type { BpoConnectionRecord } from "./bpo-connection-repository";
