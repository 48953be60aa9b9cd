import { z } from "zod";
import type { OutboxSettlement } from "../bpo-outbox-store";

/** Settling needs only the lead: a row whose request is unreadable still fails its lead. */
const leadIdOf = (payload: unknown): number | null => {
  const parsed = z.object({ leadId: z.number().int() }).safeParse(payload);
  return parsed.success ? parsed.data.leadId : null;
};

/**
 * How the relay's verdict on an endorsement row shows on its lead, in the row's own transaction: the last
 * error while retries go on, failed with the dealer's words when the row dies, pending again on replay.
 * (Delivery success is recorded by EndorsementDelivery, which has the dealer's answer.)
 */
export const endorsementSettlement: OutboxSettlement = {
  async retrying(r, payload, error) {
    const leadId = leadIdOf(payload);
    // Still pending; the lead shows the last error while retries go on.
    if (leadId !== null) await r.leads.update(leadId, { endorsementError: error });
  },

  async died(r, payload, error) {
    const leadId = leadIdOf(payload);
    if (leadId === null) return null;
    await r.leads.update(leadId, { endorsementStatus: "failed", endorsementError: error });
    await r.messages.add({ leadId, kind: "system", body: `Endorsement failed: ${error}`, authorId: null });
    return leadId;
  },

  async replayed(r, payload) {
    const leadId = leadIdOf(payload);
    if (leadId !== null) await r.leads.update(leadId, { endorsementStatus: "pending", endorsementError: null });
    return leadId;
  },
};
