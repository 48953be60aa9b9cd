import { z } from "zod";
import { ZContractVersion } from "./contract-version";

export const BPO_APPLY_DEALER_OUTCOME = "bpo.applyDealerOutcome";

/** The dealer lead was Won (after delivery) or Lost: flip the BPO lead it came from. */
export const ZApplyDealerOutcomeRequestSchema = z
  .object({
    contractVersion: ZContractVersion,
    bpoSourceLeadId: z.number().int().positive(),
    dealerCode: z.string().trim().min(1).max(40),
    dealerLeadId: z.number().int().positive(),
    dealerLeadName: z.string().trim().min(1).max(40),
    outcome: z.enum(["won", "lost"]),
    lostReason: z.string().trim().max(100).nullish(),
    lostNotes: z.string().trim().max(5000).nullish(),
    saleOrderName: z.string().trim().max(40).nullish(),
    occurredAt: z.iso.datetime(),
  })
  .strict()
  .refine((v) => v.outcome === "won" || !!v.lostReason, { message: "lostReason is required for a lost outcome", path: ["lostReason"] });
export type ApplyDealerOutcomeRequest = z.output<typeof ZApplyDealerOutcomeRequestSchema>;

export const ZApplyDealerOutcomeResponseSchema = z.object({
  bpoLeadId: z.number().int(),
  bpoLeadName: z.string(),
  /** false when the lead already had this outcome (a repeated callback changes nothing). */
  applied: z.boolean(),
});
export type ApplyDealerOutcomeResponse = z.output<typeof ZApplyDealerOutcomeResponseSchema>;
