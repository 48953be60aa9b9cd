import type { DeadOutboxRow, OutboxCursor, OutboxRow } from "@crm/platform";
import type { DbClient } from "./db-client";
import { Prisma } from "./prisma-client/client";

const rowSelect = { id: true, topic: true, payload: true, attempts: true, correlationId: true, createdAt: true } as const;

/** outbox_messages: rows written in the transaction of the change that causes them; the relay sends them. */
export class OutboxRepository {
  constructor(private readonly db: DbClient) {}

  async add(data: { topic: string; payload: unknown; correlationId: string | null }): Promise<OutboxRow> {
    return this.db.outboxMessage.create({
      data: { topic: data.topic, payload: data.payload as Prisma.InputJsonValue, correlationId: data.correlationId },
      select: rowSelect,
    });
  }

  listUnsent(limit: number, after: OutboxCursor | null): Promise<OutboxRow[]> {
    return this.db.outboxMessage.findMany({
      where: {
        status: "pending",
        ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: rowSelect,
    });
  }

  findUnsent(id: string): Promise<OutboxRow | null> {
    return this.db.outboxMessage.findFirst({ where: { id, status: "pending" }, select: rowSelect });
  }

  findById(id: string): Promise<(DeadOutboxRow & { status: string }) | null> {
    return this.db.outboxMessage.findUnique({ where: { id }, select: { ...rowSelect, lastError: true, status: true } });
  }

  listByTopic(topic: string): Promise<(DeadOutboxRow & { status: string })[]> {
    return this.db.outboxMessage.findMany({ where: { topic }, orderBy: { createdAt: "asc" }, select: { ...rowSelect, lastError: true, status: true } });
  }

  async markSent(id: string): Promise<void> {
    await this.db.outboxMessage.updateMany({ where: { id, status: "pending" }, data: { status: "sent", sentAt: new Date(), lastError: null } });
  }

  async recordFailure(id: string, error: string): Promise<void> {
    await this.db.outboxMessage.updateMany({ where: { id, status: "pending" }, data: { attempts: { increment: 1 }, lastError: error } });
  }

  /** True when this call moved the row to dead. */
  async markDead(id: string, error: string): Promise<boolean> {
    const n = await this.db.outboxMessage.updateMany({ where: { id, status: "pending" }, data: { status: "dead", attempts: { increment: 1 }, lastError: error } });
    return n.count > 0;
  }

  listDead(limit: number): Promise<DeadOutboxRow[]> {
    return this.db.outboxMessage.findMany({ where: { status: "dead" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit, select: { ...rowSelect, lastError: true } });
  }

  /** True when the row was dead and is pending again. */
  async resetDead(id: string): Promise<boolean> {
    const n = await this.db.outboxMessage.updateMany({ where: { id, status: "dead" }, data: { status: "pending", attempts: 0 } });
    return n.count > 0;
  }
}
