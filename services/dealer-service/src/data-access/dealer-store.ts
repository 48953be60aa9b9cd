import { type CacheScope, type SessionCaches, SessionRepository, ServiceStore } from "@crm/platform/core";
import type { DbClient } from "./db-client";
import type { Db } from "./prisma";
import { CatalogRepository } from "./catalog-repository";
import { LeadRepository } from "./lead-repository";
import { LiveLeadRepository } from "./live-lead-repository";
import { MessageRepository } from "./message-repository";
import { PartnerRepository } from "./partner-repository";
import { SaleOrderRepository } from "./sale-order-repository";
import { UserRepository } from "./user-repository";
import type { UserRecord } from "./records";
import { OutboxRepository } from "./outbox-repository";
import { BpoConnectionRepository } from "./bpo-connection-repository";
import { LeadStatusRepository } from "./lead-status-repository";

export interface Repositories {
  leads: LeadRepository;
  live: LiveLeadRepository;
  messages: MessageRepository;
  users: UserRepository;
  sessions: SessionRepository<UserRecord>;
  catalog: CatalogRepository;
  partners: PartnerRepository;
  orders: SaleOrderRepository;
  outbox: OutboxRepository;
  bpoConnection: BpoConnectionRepository;
  leadStatus: LeadStatusRepository;
}

const bind = (db: DbClient, scope: CacheScope<SessionCaches<UserRecord>>): Repositories => ({
  leads: new LeadRepository(db),
  live: new LiveLeadRepository(db),
  messages: new MessageRepository(db),
  users: new UserRepository(db),
  // No caches here: every session lookup asks the database.
  sessions: new SessionRepository<UserRecord>(db, scope),
  catalog: new CatalogRepository(db),
  partners: new PartnerRepository(db),
  orders: new SaleOrderRepository(db),
  outbox: new OutboxRepository(db),
  bpoConnection: new BpoConnectionRepository(db),
  leadStatus: new LeadStatusRepository(db),
});

export { ReferencedRowError, UniqueViolation } from "@crm/platform/core";

/** Entry to the dealer database: repositories on the root client, or all bound to one transaction. */
export class DealerStore extends ServiceStore<DbClient, Db, Repositories, SessionCaches<UserRecord>> {
  constructor(db: Db) {
    super(db, { bind, caches: null });
  }
}

export type * from "./records";
export type { LeadWrite } from "./lead-repository";
export type { ServiceKeyRecord } from "./user-repository";
export type { LiveLeadState } from "./live-lead-repository";
export type { PartnerWrite } from "./partner-repository";
export type * from "./catalog-repository";
export type { BpoConnectionRecord } from "./bpo-connection-repository";
