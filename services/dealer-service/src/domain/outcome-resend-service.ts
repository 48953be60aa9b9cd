import { AppErrorCodes, type ResendOutcomeRequest, type ResendOutcomeResponse } from "@crm/contracts";
import { AppError, type LeadEvents, noLeadEvents } from "@crm/platform/core";
import type { RpcCaller } from "@crm/platform/http";
import type { DealerStore } from "../data-access/dealer-store";
import { queueOutcomeCallback } from "./outcome-callback";
import { serviceAccountActor } from "./service-account";

/**
 * dealer.resendOutcome (issue 16 reconciliation): the BPO asks for the Won/Lost callback of a lead again. The
 * callback is queued once more through this dealer's outbox (the same row the Won/Lost transaction writes),
 * unless one is already waiting; the BPO applies a repeated outcome as a no-op.
 */
export class OutcomeResendService {
  constructor(
    private readonly store: DealerStore,
    /** Names this dealership in the callback. */
    private readonly dealerCode: string,
    /** Wakes the outbox relay once a callback is queued. */
    private readonly kick: () => void = () => undefined,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  async resend(caller: RpcCaller, input: ResendOutcomeRequest): Promise<ResendOutcomeResponse> {
    // It writes (a callback row, a chatter line): the same caller check as the BPO's pushes, not leadStatus's any key.
    await serviceAccountActor(this.store.repos, caller, "Only the BPO service account may ask for an outcome again.");
    const result = await this.store.transaction(async (r): Promise<ResendOutcomeResponse> => {
      const found = await r.leads.findByBpoOrigin(input.bpoSourceUrl, input.bpoSourceLeadId);
      const lead = found ? await r.leads.findById(found.id, { forUpdate: true }) : null;
      if (!lead) throw new AppError("not_found", AppErrorCodes.unknownLead, `No lead here came from BPO lead ${input.bpoSourceLeadId} (asked by ${caller.name})`);
      if (!lead.isWon && !lead.isLost) {
        throw new AppError("precondition", AppErrorCodes.leadStillOpen, `Lead ${lead.reference} is still open at this dealership: there is no outcome to send`);
      }
      const outcome = lead.isWon ? "won" : "lost";
      // A callback already waiting (or retrying) would deliver the same outcome: queue nothing more.
      if (lead.callbackStatus === "pending") {
        return { bpoSourceLeadId: input.bpoSourceLeadId, dealerLeadName: lead.reference, outcome, queued: false, callbackStatus: "pending" };
      }
      await queueOutcomeCallback(r, this.dealerCode, lead, outcome);
      await r.messages.add({ leadId: lead.id, kind: "system", body: `The BPO asked for the ${outcome === "won" ? "Won" : "Lost"} outcome again; the callback is queued.`, authorId: null });
      return { bpoSourceLeadId: input.bpoSourceLeadId, dealerLeadName: lead.reference, outcome, queued: true, callbackStatus: "pending" };
    });
    if (result.queued) {
      this.kick();
      const lead = await this.store.repos.leads.findByBpoOrigin(input.bpoSourceUrl, input.bpoSourceLeadId);
      if (lead) this.events.changed(lead.id);
    }
    return result;
  }
}
