import { type PoolStats, type ProcessCache, translateDbError } from "@crm/platform";
import type { DbClient } from "./db-client";
import { type Db, poolStatsOf } from "./prisma";
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
import { type SessionEntry, UserRepository } from "./user-repository";
import { DistributorRepository } from "./distributor-repository";
import { SyncRunRepository } from "./sync-run-repository";

export interface Repositories {
  leads: LeadRepository;
  leadSearch: LeadSearchRepository;
  live: LiveLeadRepository;
  leadMerge: LeadMergeRepository;
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
  floor: FloorRepository;
  reconciliation: ReconciliationRepository;
}

/**
 * Per-process caches of hot, rarely changing reads (every API process drops an entry when any of them changes
 * it): the stage list, the brands, and session token → user for a few seconds.
 */
export interface StoreCaches {
  stages: ProcessCache<StageRecord[]>;
  brands: ProcessCache<BrandRecord[]>;
  sessions: ProcessCache<SessionEntry | null>;
}

/**
 * How repositories use the caches inside one unit of work. Writes invalidate at once and, in a transaction,
 * again after the commit (a read between the two could have cached the old rows); a transaction that wrote a
 * cached table reads it from the database for the rest of its life (it sees its own uncommitted rows).
 */
export class CacheScope {
  private readonly written = new Set<keyof StoreCaches>();
  private readonly afterCommit: (() => void)[] = [];

  constructor(
    readonly caches: StoreCaches | null,
    private readonly inTransaction: boolean,
  ) {}

  read<K extends keyof StoreCaches, V>(name: K, key: string, load: () => Promise<V>): Promise<V> {
    const cache = this.caches?.[name] as ProcessCache<V> | undefined;
    if (!cache || this.written.has(name)) return load();
    return cache.get(key, load);
  }

  /** `how` drops what changed: a key, a tag, or everything in that cache. */
  changed<K extends keyof StoreCaches>(name: K, how: (c: StoreCaches[K]) => void): void {
    const cache = this.caches?.[name];
    if (!cache) return;
    how(cache);
    if (this.inTransaction) {
      this.written.add(name);
      this.afterCommit.push(() => how(cache));
    }
  }

  committed(): void {
    for (const f of this.afterCommit.splice(0)) f();
  }
}

const bind = (db: DbClient, scope: CacheScope): Repositories => ({
  leads: new LeadRepository(db),
  leadSearch: new LeadSearchRepository(db),
  live: new LiveLeadRepository(db),
  leadMerge: new LeadMergeRepository(db),
  messages: new LeadMessageRepository(db),
  users: new UserRepository(db, scope),
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
});

export { ReferencedRowError, UniqueViolation } from "@crm/platform";

/** Entry to the BPO database: repositories on the root client, or all bound to one transaction. */
export class BpoStore {
  readonly repos: Repositories;

  constructor(
    readonly db: Db,
    private readonly caches: StoreCaches | null = null,
  ) {
    this.repos = bind(db, new CacheScope(caches, false));
  }

  async transaction<T>(fn: (r: Repositories) => Promise<T>): Promise<T> {
    const scope = new CacheScope(this.caches, true);
    try {
      const result = await this.db.$transaction((tx) => fn(bind(tx, scope)), { timeout: 15_000 });
      scope.committed();
      return result;
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

export type { FieldChange, LeadCard, LeadMessageRecord, LeadRecord, LeadView, UserRecord } from "./records";
export type { LeadWrite } from "./lead-repository";
export type { LeadListFilter, LeadListRow, LeadSearchTerms } from "./lead-search-repository";
export type { LiveLeadState } from "./live-lead-repository";
