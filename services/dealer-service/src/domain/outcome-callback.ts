import {
  APPLY_DEALER_OUTCOME_VERSION,
  type ApplyDealerOutcomeRequest,
  type ApplyDealerOutcomeResponse,
  type ApplyDealerOutcomeV2Request,
  BPO_APPLY_DEALER_OUTCOME,
  RpcErrorCode,
  ZApplyDealerOutcomeRequestSchema,
  applyDealerOutcomeAsV1,
} from "@crm/contracts";
import { type Logger, RpcRemoteError, currentLogContext } from "@crm/platform/core";
import { type OutboxHandler, PermanentOutboxError } from "@crm/platform/jobs";
import type { LeadRecord, Repositories } from "../data-access/dealer-store";
import type { BpoPeer } from "../integrations/bpo-rpc-client";

export type LeadOutcome = "won" | "lost";

/**
 * The outcome callback (dealer-2 → bpo), queued inside the Won/Lost transaction (and by dealer.resendOutcome):
 * for a lead with a BPO origin, one outbox row for bpo.applyDealerOutcome and callback_status = pending.
 * Manual leads write nothing.
 */
export async function queueOutcomeCallback(r: Repositories, dealerCode: string, lead: LeadRecord, outcome: LeadOutcome): Promise<void> {
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

/** The worker's outbox handler of bpo.applyDealerOutcome rows; the lead's callback status is outcomeSettlement's. */
export function outcomeDelivery(deps: { peer: () => Promise<BpoPeer>; logger: Logger }): OutboxHandler {
  return async (payload) => {
    const parsed = ZApplyDealerOutcomeRequestSchema.safeParse(payload);
    if (!parsed.success) throw new PermanentOutboxError(`Unreadable ${BPO_APPLY_DEALER_OUTCOME} payload: ${parsed.error.message}`);
    const result = await deliverOutcome(await deps.peer(), parsed.data);
    deps.logger.info("dealer outcome applied on BPO", { bpoLeadName: result.bpoLeadName, applied: result.applied });
  };
}

type CallbackPatch = { callbackStatus: "pending" | "delivered" | "failed"; callbackError: string | null };

async function setCallback(r: Repositories, payload: unknown, patch: CallbackPatch): Promise<number | null> {
  const leadId = (payload as { dealerLeadId?: number } | null)?.dealerLeadId ?? null;
  if (leadId !== null && (await r.leads.findById(leadId))) await r.leads.update(leadId, patch);
  return leadId;
}

/**
 * How the relay's verdict on an outcome row shows on its lead (the form shows the callback status), in the
 * row's own transaction: delivered, the last error while retries go on, failed, or pending again on replay.
 */
export const outcomeSettlement = {
  sent: (r: Repositories, payload: unknown) => setCallback(r, payload, { callbackStatus: "delivered", callbackError: null }),
  retrying: (r: Repositories, payload: unknown, error: string) => setCallback(r, payload, { callbackStatus: "pending", callbackError: error }),
  died: (r: Repositories, payload: unknown, error: string) => setCallback(r, payload, { callbackStatus: "failed", callbackError: error }),
  replayed: (r: Repositories, payload: unknown) => setCallback(r, payload, { callbackStatus: "pending", callbackError: null }),
};
