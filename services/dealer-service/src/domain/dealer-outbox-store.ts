import { BPO_APPLY_DEALER_OUTCOME } from "@crm/contracts";
import { type DeadOutboxRow, type LeadEvents, type OutboxCursor, type OutboxRow, type OutboxStore, noLeadEvents } from "@crm/platform/core";
import type { DealerStore, Repositories } from "../data-access/dealer-store";
import { outcomeSettlement } from "./outcome-callback";

/**
 * What a flow does to its own records when the relay settles one of its rows, in the same transaction as the
 * row; each answers the lead to refresh on open pages (null: none).
 */
interface OutboxSettlement {
  sent(r: Repositories, payload: unknown): Promise<number | null>;
  retrying(r: Repositories, payload: unknown, error: string): Promise<number | null>;
  died(r: Repositories, payload: unknown, error: string): Promise<number | null>;
  replayed(r: Repositories, payload: unknown): Promise<number | null>;
}

/** Topics whose rows settle something besides themselves. */
const SETTLEMENTS: Record<string, OutboxSettlement> = { [BPO_APPLY_DEALER_OUTCOME]: outcomeSettlement };

/** The dealer database as the platform relay's OutboxStore; each row's settlement runs with it (see SETTLEMENTS). */
export class DealerOutboxStore implements OutboxStore {
  constructor(
    private readonly store: DealerStore,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  /** Settles the row (work answers false: it was not in the expected state), then its flow's records. */
  private async settle(row: OutboxRow, work: (r: Repositories) => Promise<boolean>, flow: (s: OutboxSettlement, r: Repositories) => Promise<number | null>): Promise<boolean> {
    const settlement = SETTLEMENTS[row.topic];
    const result = await this.store.transaction(async (r) => {
      if (!(await work(r))) return { done: false, leadId: null };
      return { done: true, leadId: settlement ? await flow(settlement, r) : null };
    });
    if (result.leadId !== null) this.events.changed(result.leadId);
    return result.done;
  }

  listUnsent(limit: number, after: OutboxCursor | null): Promise<OutboxRow[]> {
    return this.store.repos.outbox.listUnsent(limit, after);
  }

  findUnsent(id: string): Promise<OutboxRow | null> {
    return this.store.repos.outbox.findUnsent(id);
  }

  async markSent(row: OutboxRow): Promise<void> {
    await this.settle(
      row,
      async (r) => (await r.outbox.markSent(row.id), true),
      (s, r) => s.sent(r, row.payload),
    );
  }

  async recordFailure(row: OutboxRow, error: string): Promise<void> {
    await this.settle(
      row,
      async (r) => (await r.outbox.recordFailure(row.id, error), true),
      (s, r) => s.retrying(r, row.payload, error),
    );
  }

  async markDead(row: OutboxRow, error: string): Promise<void> {
    await this.settle(
      row,
      (r) => r.outbox.markDead(row.id, error),
      (s, r) => s.died(r, row.payload, error),
    );
  }

  listDead(limit: number): Promise<DeadOutboxRow[]> {
    return this.store.repos.outbox.listDead(limit);
  }

  async resetDead(id: string): Promise<boolean> {
    const row = await this.store.repos.outbox.findById(id);
    if (!row) return false;
    return this.settle(
      row,
      (r) => r.outbox.resetDead(id),
      (s, r) => s.replayed(r, row.payload),
    );
  }
}
