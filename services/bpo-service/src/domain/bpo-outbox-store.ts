import { DEALER_RECEIVE_ENDORSED_LEAD } from "@crm/contracts";
import { type DeadOutboxRow, type OutboxCursor, type OutboxRow, type OutboxStore, type LeadEvents, noLeadEvents } from "@crm/platform/core";
import type { BpoStore, Repositories } from "../data-access/bpo-store";
import { endorsementSettlement } from "./endorsement/endorsement-settlement";

/**
 * What a flow does to its own records when the relay settles one of its rows, in the same transaction as the
 * row. died and replayed answer the lead to refresh on open pages (null: none).
 */
export interface OutboxSettlement {
  retrying(r: Repositories, payload: unknown, error: string): Promise<void>;
  died(r: Repositories, payload: unknown, error: string): Promise<number | null>;
  replayed(r: Repositories, payload: unknown): Promise<number | null>;
}

/** Topics whose rows settle something besides themselves. */
const SETTLEMENTS: Record<string, OutboxSettlement> = { [DEALER_RECEIVE_ENDORSED_LEAD]: endorsementSettlement };

/** The BPO database as the platform relay's OutboxStore; each row's settlement runs with it (see SETTLEMENTS). */
export class BpoOutboxStore implements OutboxStore {
  constructor(
    private readonly store: BpoStore,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  listUnsent(limit: number, after: OutboxCursor | null): Promise<OutboxRow[]> {
    return this.store.repos.outbox.listUnsent(limit, after);
  }

  findUnsent(id: string): Promise<OutboxRow | null> {
    return this.store.repos.outbox.findUnsent(id);
  }

  async markSent(row: OutboxRow): Promise<void> {
    await this.store.repos.outbox.markSent(row.id);
  }

  async recordFailure(row: OutboxRow, error: string): Promise<void> {
    await this.store.transaction(async (r) => {
      await r.outbox.recordFailure(row.id, error);
      await SETTLEMENTS[row.topic]?.retrying(r, row.payload, error);
    });
  }

  async markDead(row: OutboxRow, error: string): Promise<void> {
    const leadId = await this.store.transaction(async (r) => {
      if (!(await r.outbox.markDead(row.id, error))) return null;
      return (await SETTLEMENTS[row.topic]?.died(r, row.payload, error)) ?? null;
    });
    if (leadId !== null) this.events.changed(leadId);
  }

  listDead(limit: number): Promise<DeadOutboxRow[]> {
    return this.store.repos.outbox.listDead(limit);
  }

  async resetDead(id: string): Promise<boolean> {
    const reset = await this.store.transaction(async (r) => {
      const row = await r.outbox.findById(id);
      if (!row || !(await r.outbox.resetDead(id))) return null;
      return { leadId: (await SETTLEMENTS[row.topic]?.replayed(r, row.payload)) ?? null };
    });
    if (reset?.leadId) this.events.changed(reset.leadId);
    return reset !== null;
  }
}
