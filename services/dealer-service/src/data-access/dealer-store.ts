import type { DbClient } from "./db-client";
import type { Db } from "./prisma";
import { CatalogRepository } from "./catalog-repository";
import { LeadRepository } from "./lead-repository";
import { MessageRepository } from "./message-repository";
import { PartnerRepository } from "./partner-repository";
import { SaleOrderRepository } from "./sale-order-repository";
import { UserRepository } from "./user-repository";
import { OutboxRepository } from "./outbox-repository";
import { BpoConnectionRepository } from "./bpo-connection-repository";
import { Prisma } from "./prisma-client/client";

export interface Repositories {
  leads: LeadRepository;
  messages: MessageRepository;
  users: UserRepository;
  catalog: CatalogRepository;
  partners: PartnerRepository;
  orders: SaleOrderRepository;
  outbox: OutboxRepository;
  bpoConnection: BpoConnectionRepository;
}

const bind = (db: DbClient): Repositories => ({
  leads: new LeadRepository(db),
  messages: new MessageRepository(db),
  users: new UserRepository(db),
  catalog: new CatalogRepository(db),
  partners: new PartnerRepository(db),
  orders: new SaleOrderRepository(db),
  outbox: new OutboxRepository(db),
  bpoConnection: new BpoConnectionRepository(db),
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
      const target = (e.meta?.target ??
        (e.meta as { driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } })?.driverAdapterError?.cause?.constraint?.fields) as
        | string[]
        | string
        | undefined;
      return new UniqueViolation(Array.isArray(target) ? target : target ? [target] : []);
    }
    if (e.code === "P2003" || e.code === "P2014") return new ReferencedRowError(e.message);
  }
  return e;
}

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

export type * from "./records";
export type { LeadWrite } from "./lead-repository";
export type { PartnerWrite } from "./partner-repository";
export type * from "./catalog-repository";
export type { BpoConnectionRecord } from "./bpo-connection-repository";
