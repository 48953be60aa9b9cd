import type { DeadOutboxRow, OutboxCursor, OutboxRow } from "./outbox-store";

/**
 * The slice of a Prisma `outboxMessage` delegate this repository uses. Both services' schemas declare the same
 * outbox_messages table but generate separate clients, so the delegate is taken structurally; arguments are
 * loose on purpose (Prisma's generic signatures), results are typed by the selects below.
 */
export interface OutboxMessageDelegate {
  create(args: any): PromiseLike<unknown>;
  findMany(args: any): PromiseLike<unknown>;
  findFirst(args: any): PromiseLike<unknown>;
  findUnique(args: any): PromiseLike<unknown>;
  updateMany(args: any): PromiseLike<{ count: number }>;
  count(args: any): PromiseLike<number>;
}

const rowSelect = { id: true, topic: true, payload: true, attempts: true, correlationId: true, createdAt: true } as const;
const fullSelect = { ...rowSelect, lastError: true, status: true } as const;

export type StoredOutboxRow = DeadOutboxRow & { status: string };

/** outbox_messages: rows written in the transaction of the change that causes them; the relay sends them. */
export class OutboxTable {
  constructor(private readonly t: OutboxMessageDelegate) {}

  async add(data: { topic: string; payload: unknown; correlationId: string | null }): Promise<OutboxRow> {
    return (await this.t.create({ data, select: rowSelect })) as OutboxRow;
  }

  async listUnsent(limit: number, after: OutboxCursor | null): Promise<OutboxRow[]> {
    return (await this.t.findMany({
      where: {
        status: "pending",
        ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: rowSelect,
    })) as OutboxRow[];
  }

  async findUnsent(id: string): Promise<OutboxRow | null> {
    return (await this.t.findFirst({ where: { id, status: "pending" }, select: rowSelect })) as OutboxRow | null;
  }

  async findById(id: string): Promise<StoredOutboxRow | null> {
    return (await this.t.findUnique({ where: { id }, select: fullSelect })) as StoredOutboxRow | null;
  }

  async listByTopic(topic: string): Promise<StoredOutboxRow[]> {
    return (await this.t.findMany({ where: { topic }, orderBy: { createdAt: "asc" }, select: fullSelect })) as StoredOutboxRow[];
  }

  async markSent(id: string): Promise<void> {
    await this.t.updateMany({ where: { id, status: "pending" }, data: { status: "sent", sentAt: new Date(), lastError: null } });
  }

  async recordFailure(id: string, error: string): Promise<void> {
    await this.t.updateMany({ where: { id, status: "pending" }, data: { attempts: { increment: 1 }, lastError: error } });
  }

  /** True when this call moved the row to dead. */
  async markDead(id: string, error: string): Promise<boolean> {
    const n = await this.t.updateMany({ where: { id, status: "pending" }, data: { status: "dead", attempts: { increment: 1 }, lastError: error } });
    return n.count > 0;
  }

  async listDead(limit: number): Promise<DeadOutboxRow[]> {
    return (await this.t.findMany({ where: { status: "dead" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit, select: { ...rowSelect, lastError: true } })) as DeadOutboxRow[];
  }

  /** Pending and dead counts and the oldest pending row's time (metrics; served by the status, created_at index). */
  async stats(): Promise<{ pending: number; dead: number; oldestPendingAt: Date | null }> {
    const [pending, dead, oldest] = await Promise.all([
      this.t.count({ where: { status: "pending" } }),
      this.t.count({ where: { status: "dead" } }),
      this.t.findFirst({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }) as PromiseLike<{ createdAt: Date } | null>,
    ]);
    return { pending, dead, oldestPendingAt: oldest?.createdAt ?? null };
  }

  /** True when the row was dead and is pending again. */
  async resetDead(id: string): Promise<boolean> {
    const n = await this.t.updateMany({ where: { id, status: "dead" }, data: { status: "pending", attempts: 0 } });
    return n.count > 0;
  }
}
