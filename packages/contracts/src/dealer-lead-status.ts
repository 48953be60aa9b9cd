import { z } from "zod";
import { ZContractVersion } from "./contract-version";

export const DEALER_LEAD_STATUS = "dealer.leadStatus";
/** BPO lead ids per call; the BPO asks in batches of at most this many. */
export const LEAD_STATUS_BATCH_MAX = 200;

/** BPO ↔ dealer reconciliation (issue 16): where the dealer stands on leads the BPO endorsed or won. */
export const ZLeadStatusRequestSchema = z
  .object({
    contractVersion: ZContractVersion,
    /** The BPO's public URL, as it sent it with each endorsement and sale order (origins are keyed by it). */
    bpoSourceUrl: z.string().trim().min(1).max(500),
    bpoSourceLeadIds: z.array(z.number().int().positive()).min(1).max(LEAD_STATUS_BATCH_MAX, `At most ${LEAD_STATUS_BATCH_MAX} lead ids per call`),
  })
  .strict();
export type LeadStatusRequest = z.output<typeof ZLeadStatusRequestSchema>;

export const ZDealerLeadStatusSchema = z.object({
  bpoSourceLeadId: z.number().int(),
  /** The dealer lead made from the endorsement; null when the dealer has none. */
  lead: z
    .object({
      dealerLeadId: z.number().int(),
      dealerLeadName: z.string(),
      stageName: z.string(),
      outcome: z.enum(["open", "won", "lost"]),
      active: z.boolean(),
      closedAt: z.string().nullable(),
      updatedAt: z.string(),
      /** The dealer's Won/Lost callback to the BPO. */
      callbackStatus: z.enum(["none", "pending", "delivered", "failed"]),
      callbackError: z.string().nullable(),
    })
    .nullable(),
  /** The sale order pushed by the BPO's Mark Won, else the dealer lead's latest; null when none. */
  saleOrder: z.object({ name: z.string(), state: z.enum(["draft", "sale", "done", "cancel"]), updatedAt: z.string() }).nullable(),
});
export type DealerLeadStatus = z.output<typeof ZDealerLeadStatusSchema>;

export const ZLeadStatusResponseSchema = z.object({ leads: z.array(ZDealerLeadStatusSchema) });
export type LeadStatusResponse = z.output<typeof ZLeadStatusResponseSchema>;
