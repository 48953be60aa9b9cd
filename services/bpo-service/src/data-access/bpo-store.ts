import type { DbClient } from "./db-client";
import type { Db } from "./prisma";
import { ActivityRepository } from "./activity-repository";
import { CallLogRepository } from "./call-log-repository";
import { CatalogRepository } from "./catalog-repository";
import { DealerLinkRepository } from "./dealer-link-repository";
import { LeadMessageRepository } from "./lead-message-repository";
import { LeadRepository } from "./lead-repository";
import { OutboxRepository } from "./outbox-repository";
import { UserRepository } from "./user-repository";
import { DistributorRepository } from "./distributor-repository";
import { SyncRunRepository } from "./sync-run-repository";
import { Prisma } from "./prisma-client/client";

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
});

/** Unique-constraint violation, in terms the domain can act on without knowing Prisma. */
export class UniqueViolation extends Error {
  override name = "UniqueViolation";
  constructor(readonly fields: string[]) {
    super(`unique constraint on ${fields.join(", ")}`);
  }
}
/** A row the statement needed is referenced elsewhere (FK restrict). */
export class ReferencedRowError extends Error {
  override name = "ReferencedRowError";
}

function translate(e: unknown): unknown {
  if (e instanceof Prisma.PrismaClientKnownRequestError) {
    if (e.code === "P2002") {
      const target = (e.meta?.target ?? (e.meta as { driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } })?.driverAdapterError?.cause?.constraint?.fields) as string[] | string | undefined;
      return new UniqueViolation(Array.isArray(target) ? target : target ? [target] : []);
    }
    if (e.code === "P2003" || e.code === "P2014") return new ReferencedRowError(e.message);
  }
  return e;
}

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
      throw translate(e);
    }
  }

  /** Runs a single-statement operation, translating constraint errors. */
  async run<T>(fn: (r: Repositories) => Promise<T>): Promise<T> {
    try {
      return await fn(this.repos);
    } catch (e) {
      throw translate(e);
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
