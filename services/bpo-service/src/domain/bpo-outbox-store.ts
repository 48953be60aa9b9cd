import { DEALER_RECEIVE_ENDORSED_LEAD } from "@crm/contracts";
import { type DeadOutboxRow, type OutboxCursor, type OutboxRow, type OutboxStore, type LeadEvents, noLeadEvents } from "@crm/platform";
import type { BpoStore } from "../data-access/bpo-store";
import { type EndorsementMessage, EndorsementService } from "./endorsement-service";

const endorsementOf = (row: OutboxRow): EndorsementMessage | null =>
  row.topic === DEALER_RECEIVE_ENDORSED_LEAD ? (row.payload as EndorsementMessage) : null;

/**
 * The BPO database as the platform relay's OutboxStore. Settling an endorsement row settles the lead in the
 * same transaction: failed with the dealer's words when it dies, pending again on replay. (Delivery success
 * is recorded by the handler, which has the dealer's answer.)
 */
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
      const e = endorsementOf(row);
      // Still pending; the lead shows the last error while retries go on.
      if (e) await r.leads.update(e.leadId, { endorsementError: error });
    });
  }

  async markDead(row: OutboxRow, error: string): Promise<void> {
    const e = endorsementOf(row);
    const failedLead = await this.store.transaction(async (r) => {
      if (!(await r.outbox.markDead(row.id, error)) || !e) return null;
      await EndorsementService.recordFailed(r, e, error);
      return e.leadId;
    });
    if (failedLead !== null) this.events.changed(failedLead);
  }

  listDead(limit: number): Promise<DeadOutboxRow[]> {
    return this.store.repos.outbox.listDead(limit);
  }

  async resetDead(id: string): Promise<boolean> {
    const reset = await this.store.transaction(async (r) => {
      const row = await r.outbox.findById(id);
      if (!row || !(await r.outbox.resetDead(id))) return null;
      const e = endorsementOf(row);
      if (e) await r.leads.update(e.leadId, { endorsementStatus: "pending", endorsementError: null });
      return { leadId: e?.leadId ?? null };
    });
    if (reset?.leadId) this.events.changed(reset.leadId);
    return reset !== null;
  }
}
