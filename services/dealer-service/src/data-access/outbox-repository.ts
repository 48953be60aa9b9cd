import { OutboxTable } from "@crm/platform/core";
import type { DbClient } from "./db-client";

/** This service's outbox_messages table (the shared OutboxTable over this service's Prisma client). */
export class OutboxRepository extends OutboxTable {
  constructor(db: DbClient) {
    super(db.outboxMessage);
  }
}
