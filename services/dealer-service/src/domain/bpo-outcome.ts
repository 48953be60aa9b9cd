import {
  APPLY_DEALER_OUTCOME_VERSION,
  type ApplyDealerOutcomeRequest,
  type ApplyDealerOutcomeResponse,
  type ApplyDealerOutcomeV2Request,
  BPO_APPLY_DEALER_OUTCOME,
  RpcErrorCode,
  applyDealerOutcomeAsV1,
} from "@crm/contracts";
import { type LeadEvents, RpcRemoteError, currentLogContext, noLeadEvents } from "@crm/platform";
import type { BpoPeer } from "../integrations/bpo-rpc-client";
import type { DeadOutboxRow, OutboxCursor, OutboxRow, OutboxStore } from "@crm/platform";
import type { DealerStore, Repositories } from "../data-access/dealer-store";
import type { BpoOutcomeHook } from "./lead-service";

/**
 * The outcome callback (dealer-2 → bpo): inside the Won/Lost transaction of a lead with a BPO origin, write
 * one outbox row for bpo.applyDealerOutcome and set callback_status = pending. Manual leads write nothing.
 */
export function bpoOutcomeHook(dealerCode: string): BpoOutcomeHook {
  return async (r, lead, outcome) => {
    if (lead.bpoSourceLeadId === null) return;
    const lostReason = outcome === "lost" && lead.lostReasonId ? await r.catalog.findLostReason(lead.lostReasonId) : null;
    const payload: ApplyDealerOutcomeV2Request = {
      contractVersion: APPLY_DEALER_OUTCOME_VERSION,
      bpoSourceLeadId: lead.bpoSourceLeadId,
      dealerCode,
      dealerLeadId: lead.id,
      dealerLeadName: lead.reference,
      outcome,
      // Contract 2: the stable code the BPO maps explicitly, and the label the dealer's user picked.
      lostReason: outcome === "lost" ? (lostReason ? { code: lostReason.code, label: lostReason.name } : { code: "other", label: "Other" }) : null,
      lostNotes: outcome === "lost" ? lead.lostNotes : null,
      saleOrderName: outcome === "won" ? await r.orders.latestDeliveredName(lead.id) : null,
      occurredAt: (lead.closedAt ?? new Date()).toISOString(),
    };
    await r.outbox.add({ topic: BPO_APPLY_DEALER_OUTCOME, payload, correlationId: currentLogContext().correlationId ?? null });
    await r.leads.update(lead.id, { callbackStatus: "pending", callbackError: null });
  };
}

/**
 * Delivers one outcome row, queued as contract 1 (before the change) or 2. A BPO that still reads only
 * contract 1 refuses version 2 on `contractVersion`; the same outcome is then resent in version 1's words.
 */
export async function deliverOutcome(peer: BpoPeer, payload: ApplyDealerOutcomeRequest): Promise<ApplyDealerOutcomeResponse> {
  try {
    return await peer.applyDealerOutcome(payload);
  } catch (e) {
    const olderBpo = e instanceof RpcRemoteError && e.rpcCode === RpcErrorCode.InvalidParams && !!e.data?.issues?.some((i) => i.path === "contractVersion");
    if (!olderBpo || payload.contractVersion === 1) throw e;
    return peer.applyDealerOutcome(applyDealerOutcomeAsV1(payload));
  }
}

const leadIdOf = (row: OutboxRow): number | null =>
  row.topic === BPO_APPLY_DEALER_OUTCOME ? ((row.payload as { dealerLeadId?: number }).dealerLeadId ?? null) : null;

/**
 * The dealer database as the platform relay's OutboxStore. Settling an outcome row also settles the lead's
 * callback_status in the same transaction: delivered, failed (with the error) or pending again on replay.
 */
export class DealerOutboxStore implements OutboxStore {
  constructor(
    private readonly store: DealerStore,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  /** The lead form shows the callback status, so a settled row refreshes open pages. */
  private async settle(row: OutboxRow, work: (r: Repositories) => Promise<boolean | void>): Promise<boolean> {
    const done = (await this.store.transaction(work)) !== false;
    const leadId = leadIdOf(row);
    if (done && leadId !== null) this.events.changed(leadId);
    return done;
  }

  listUnsent(limit: number, after: OutboxCursor | null): Promise<OutboxRow[]> {
    return this.store.repos.outbox.listUnsent(limit, after);
  }

  findUnsent(id: string): Promise<OutboxRow | null> {
    return this.store.repos.outbox.findUnsent(id);
  }

  private async setCallback(r: Repositories, row: OutboxRow, patch: { callbackStatus: "pending" | "delivered" | "failed"; callbackError: string | null }) {
    const leadId = leadIdOf(row);
    if (leadId !== null && (await r.leads.findById(leadId))) await r.leads.update(leadId, patch);
  }

  async markSent(row: OutboxRow): Promise<void> {
    await this.settle(row, async (r) => {
      await r.outbox.markSent(row.id);
      await this.setCallback(r, row, { callbackStatus: "delivered", callbackError: null });
    });
  }

  async recordFailure(row: OutboxRow, error: string): Promise<void> {
    await this.settle(row, async (r) => {
      await r.outbox.recordFailure(row.id, error);
      // Still pending; the last error is shown on the lead while retries go on.
      await this.setCallback(r, row, { callbackStatus: "pending", callbackError: error });
    });
  }

  async markDead(row: OutboxRow, error: string): Promise<void> {
    await this.settle(row, async (r) => {
      if (!(await r.outbox.markDead(row.id, error))) return false;
      await this.setCallback(r, row, { callbackStatus: "failed", callbackError: error });
    });
  }

  listDead(limit: number): Promise<DeadOutboxRow[]> {
    return this.store.repos.outbox.listDead(limit);
  }

  async resetDead(id: string): Promise<boolean> {
    const row = await this.store.repos.outbox.findById(id);
    if (!row) return false;
    return this.settle(row, async (r) => {
      if (!(await r.outbox.resetDead(id))) return false;
      await this.setCallback(r, row, { callbackStatus: "pending", callbackError: null });
    });
  }
}
