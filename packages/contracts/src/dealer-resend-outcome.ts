import { z } from "zod";
import { ZContractVersion } from "./contract-version";

export const DEALER_RESEND_OUTCOME = "dealer.resendOutcome";

/**
 * BPO ↔ dealer reconciliation (issue 16): the dealer closed a lead the BPO endorsed but the BPO never applied
 * it (the callback died or was lost). The dealer queues its Won/Lost callback again through its own outbox;
 * applying the same outcome twice changes nothing on the BPO, so asking twice is safe.
 */
export const ZResendOutcomeRequestSchema = z
  .object({
    contractVersion: ZContractVersion,
    /** The BPO's public URL, as sent with the endorsement (the dealer's origins are keyed by it). */
    bpoSourceUrl: z.string().trim().min(1).max(500),
    bpoSourceLeadId: z.number().int().positive(),
  })
  .strict();
export type ResendOutcomeRequest = z.output<typeof ZResendOutcomeRequestSchema>;

export const ZResendOutcomeResponseSchema = z.object({
  bpoSourceLeadId: z.number().int(),
  dealerLeadName: z.string(),
  outcome: z.enum(["won", "lost"]),
  /** False when a callback for this lead was already waiting to be delivered (nothing new was queued). */
  queued: z.boolean(),
  callbackStatus: z.enum(["none", "pending", "delivered", "failed"]),
});
export type ResendOutcomeResponse = z.output<typeof ZResendOutcomeResponseSchema>;
