import { AppErrorCodes, type ApplyDealerOutcomeRequest, type ApplyDealerOutcomeResponse } from "@crm/contracts";
import { AppError, type LeadEvents, noLeadEvents } from "@crm/platform/core";
import type { RpcCaller } from "@crm/platform/http";
import type { BpoStore } from "../data-access/bpo-store";
import { bpoLostReasonFor, dealerLostReasonOf } from "./dealer-lost-reasons";
import { postTracking, trackedChanges } from "./lead-tracking";

/**
 * bpo.applyDealerOutcome: the dealership marked its lead Won (after delivery) or Lost, so the BPO lead it
 * came from closes the same way. Closing is always allowed; no sale order is pushed; a repeat is a no-op.
 */
export class DealerOutcomeService {
  constructor(
    private readonly store: BpoStore,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  async apply(caller: RpcCaller, input: ApplyDealerOutcomeRequest): Promise<ApplyDealerOutcomeResponse> {
    const who = caller.displayName ?? caller.name;
    const result = await this.store.transaction(async (r): Promise<ApplyDealerOutcomeResponse> => {
      const before = await r.leads.findById(input.bpoSourceLeadId, { forUpdate: true });
      if (!before || before.endorsedDealershipId !== caller.id) {
        throw new AppError("not_found", AppErrorCodes.unknownLead, `BPO lead ${input.bpoSourceLeadId} was not endorsed to ${who}`);
      }
      const done = input.outcome === "won" ? before.isWon : before.isLost;
      if (done) return { bpoLeadId: before.id, bpoLeadName: before.reference, applied: false };
      if (before.isWon || before.isLost) {
        throw new AppError(
          "conflict",
          AppErrorCodes.leadClosedDifferently,
          `BPO lead ${before.reference} is already ${before.isWon ? "Won" : "Lost"}; the dealer's ${input.outcome === "won" ? "Won" : "Lost"} was not applied`,
        );
      }
      const stage = (await r.catalog.listStages()).find((s) => (input.outcome === "won" ? s.isWon : s.isLost));
      if (!stage) throw new AppError("precondition", input.outcome === "won" ? "no_won_stage" : "no_lost_stage", `No ${input.outcome} stage configured`);
      // Contract 1 or 2 (both read during the change): the dealer's reason keeps its code and label on the lead.
      const dealerReason = input.outcome === "lost" ? dealerLostReasonOf(input.lostReason) : null;
      const after = await r.leads.update(before.id, {
        stageId: stage.id,
        isWon: input.outcome === "won",
        isLost: input.outcome === "lost",
        closedAt: new Date(input.occurredAt),
        dealerLeadId: input.dealerLeadId,
        dealerLeadName: input.dealerLeadName,
        ...(input.outcome === "won"
          ? { dealerSoName: input.saleOrderName ?? before.dealerSoName }
          : {
              lostReason: dealerReason ? bpoLostReasonFor(dealerReason) : "other",
              lostNotes: input.lostNotes ?? null,
              dealerLostReasonCode: dealerReason?.code ?? null,
              dealerLostReasonLabel: dealerReason?.label ?? null,
            }),
      });
      const body =
        input.outcome === "won"
          ? `${who} marked ${input.dealerLeadName} as Won${input.saleOrderName ? ` (sale order ${input.saleOrderName})` : ""}.`
          : `${who} marked ${input.dealerLeadName} as Lost. Reason: ${dealerReason?.label ?? "not given"}${input.lostNotes ? `\n${input.lostNotes}` : ""}`;
      await r.messages.add({ leadId: before.id, kind: "system", body, authorId: null });
      await postTracking(r, before.id, null, await trackedChanges(r, before, after));
      return { bpoLeadId: before.id, bpoLeadName: before.reference, applied: true };
    });
    if (result.applied) this.events.changed(result.bpoLeadId);
    return result;
  }
}
