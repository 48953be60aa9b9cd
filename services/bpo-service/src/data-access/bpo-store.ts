import { translateDbError } from "@crm/platform";
import type { DbClient } from "./db-client";
import type { Db } from "./prisma";
import { ActivityRepository } from "./activity-repository";
import { CallLogRepository } from "./call-log-repository";
import { CatalogRepository } from "./catalog-repository";
import { DealerLinkRepository } from "./dealer-link-repository";
import { LeadMessageRepository } from "./lead-message-repository";
import { LeadRepository } from "./lead-repository";
import { OutboxRepository } from "./outbox-repository";
import { ReportRepository } from "./report-repository";
import { UserRepository } from "./user-repository";
import { DistributorRepository } from "./distributor-repository";
import { SyncRunRepository } from "./sync-run-repository";

export interface Repositories {
  leads: LeadRepository;
  messages: LeadMessageRepository;
  users: UserRepository;
  catalog: CatalogRepository;
  dealerLinks: DealerLinkRepository;
  outbox: OutboxRepository;
  callLogs: CallLogRepository;
  activities: ActivityRepository;
  distributor: DistributorRepository;
  syncRuns: SyncRunRepository;
  reports: ReportRepository;
}

const bind = (db: DbClient): Repositories => ({
  leads: new LeadRepository(db),
  messages: new LeadMessageRepository(db),
  users: new UserRepository(db),
  catalog: new CatalogRepository(db),
  dealerLinks: new DealerLinkRepository(db),
  outbox: new OutboxRepository(db),
  callLogs: new CallLogRepository(db),
  activities: new ActivityRepository(db),
  distributor: new DistributorRepository(db),
  syncRuns: new SyncRunRepository(db),
  reports: new ReportRepository(db),
});

export { ReferencedRowError, UniqueViolation } from "@crm/platform";

/** Entry to the BPO database: repositories on the root client, or all bound to one transaction. */
export class BpoStore {
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

  async close(): Promise<void> {
    await this.db.$disconnect();
  }
}

export type { FieldChange, LeadCard, LeadMessageRecord, LeadRecord, LeadView, UserRecord } from "./records";
export type { LeadWrite } from "./lead-repository";
