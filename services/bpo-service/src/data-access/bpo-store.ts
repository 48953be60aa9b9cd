import { type CacheScope as PlatformCacheScope, type ProcessCache, type SessionCaches, SessionRepository, ServiceStore } from "@crm/platform/core";
import type { DbClient } from "./db-client";
import type { Db } from "./prisma";
import { ActivityRepository } from "./activity-repository";
import { CallLogRepository } from "./call-log-repository";
import { type BrandRecord, CatalogRepository, type StageRecord } from "./catalog-repository";
import { DealerLinkRepository } from "./dealer-link-repository";
import { FloorRepository } from "./floor-repository";
import { LeadMessageRepository } from "./lead-message-repository";
import { LeadRepository } from "./lead-repository";
import { LeadSearchRepository } from "./lead-search-repository";
import { LiveLeadRepository } from "./live-lead-repository";
import { LeadMergeRepository } from "./lead-merge-repository";
import { OutboxRepository } from "./outbox-repository";
import { ReconciliationRepository } from "./reconciliation-repository";
import { ReportRepository } from "./report-repository";
import { UserRepository } from "./user-repository";
import type { UserRecord } from "./records";
import { DistributorRepository } from "./distributor-repository";
import { SyncRunRepository } from "./sync-run-repository";

export interface Repositories {
  leads: LeadRepository;
  leadSearch: LeadSearchRepository;
  live: LiveLeadRepository;
  leadMerge: LeadMergeRepository;
  messages: LeadMessageRepository;
  users: UserRepository;
  sessions: SessionRepository<UserRecord>;
  catalog: CatalogRepository;
  dealerLinks: DealerLinkRepository;
  outbox: OutboxRepository;
  callLogs: CallLogRepository;
  activities: ActivityRepository;
  distributor: DistributorRepository;
  syncRuns: SyncRunRepository;
  reports: ReportRepository;
  floor: FloorRepository;
  reconciliation: ReconciliationRepository;
}

/**
 * Per-process caches of hot, rarely changing reads (every API process drops an entry when any of them changes
 * it): the stage list, the brands, and session token → user for a few seconds.
 */
export type StoreCaches = {
  stages: ProcessCache<StageRecord[]>;
  brands: ProcessCache<BrandRecord[]>;
} & SessionCaches<UserRecord>;

export type CacheScope = PlatformCacheScope<StoreCaches>;

const bind = (db: DbClient, scope: CacheScope): Repositories => {
  const sessions = new SessionRepository<UserRecord>(db, scope);
  return {
    leads: new LeadRepository(db),
    leadSearch: new LeadSearchRepository(db),
    live: new LiveLeadRepository(db),
    leadMerge: new LeadMergeRepository(db),
    messages: new LeadMessageRepository(db),
    users: new UserRepository(db, sessions),
    sessions,
    catalog: new CatalogRepository(db, scope),
    dealerLinks: new DealerLinkRepository(db),
    outbox: new OutboxRepository(db),
    callLogs: new CallLogRepository(db),
    activities: new ActivityRepository(db),
    distributor: new DistributorRepository(db),
    syncRuns: new SyncRunRepository(db),
    reports: new ReportRepository(db),
    floor: new FloorRepository(db),
    reconciliation: new ReconciliationRepository(db),
  };
};

export { ReferencedRowError, UniqueViolation } from "@crm/platform/core";

/** Entry to the BPO database: repositories on the root client, or all bound to one transaction. */
export class BpoStore extends ServiceStore<DbClient, Db, Repositories, StoreCaches> {
  constructor(db: Db, caches: StoreCaches | null = null) {
    super(db, { bind, caches });
  }
}

export type { FieldChange, LeadCard, LeadMessageRecord, LeadRecord, LeadView, UserRecord } from "./records";
export type { LeadWrite } from "./lead-repository";
export type { LeadListFilter, LeadListRow, LeadSearchTerms } from "./lead-search-repository";
export type { LiveLeadState } from "./live-lead-repository";
