import { z } from "zod";

export const BPO_APPLY_DEALER_OUTCOME = "bpo.applyDealerOutcome";

/**
 * This method's payload version. 2 sends the dealer's lost reason as a stable code plus its label (1 sent
 * only the label, which the BPO had to guess from). During the change both sides accept 1 and 2: the BPO
 * reads either, and a dealer whose BPO still refuses 2 resends the same outcome as 1.
 */
export const APPLY_DEALER_OUTCOME_VERSION = 2 as const;
export const APPLY_DEALER_OUTCOME_VERSIONS = [1, 2] as const;

const common = {
  bpoSourceLeadId: z.number().int().positive(),
  dealerCode: z.string().trim().min(1).max(40),
  dealerLeadId: z.number().int().positive(),
  dealerLeadName: z.string().trim().min(1).max(40),
  outcome: z.enum(["won", "lost"]),
  lostNotes: z.string().trim().max(5000).nullish(),
  saleOrderName: z.string().trim().max(40).nullish(),
  occurredAt: z.iso.datetime(),
};
const reasonRequired = { message: "lostReason is required for a lost outcome", path: ["lostReason"] };

/** Version 1: the dealer's lost reason as its label only. */
export const ZApplyDealerOutcomeV1Schema = z
  .object({ contractVersion: z.literal(1), ...common, lostReason: z.string().trim().max(100).nullish() })
  .strict()
  .refine((v) => v.outcome === "won" || !!v.lostReason, reasonRequired);

/** The dealer's lost reason: its stable code (the dealer's lost_reasons.code) and the label its users picked. */
export const ZDealerLostReasonSchema = z
  .object({
    code: z.string().trim().min(1, "lostReason.code is required").max(40),
    label: z.string().trim().min(1, "lostReason.label is required").max(100),
  })
  .strict();
export type DealerLostReason = z.output<typeof ZDealerLostReasonSchema>;

/** Version 2: the lost reason as code plus label. */
export const ZApplyDealerOutcomeV2Schema = z
  .object({ contractVersion: z.literal(2), ...common, lostReason: ZDealerLostReasonSchema.nullish() })
  .strict()
  .refine((v) => v.outcome === "won" || !!v.lostReason, reasonRequired);

/** The dealer lead was Won (after delivery) or Lost: flip the BPO lead it came from. Either version is read. */
export const ZApplyDealerOutcomeRequestSchema = z.discriminatedUnion("contractVersion", [ZApplyDealerOutcomeV1Schema, ZApplyDealerOutcomeV2Schema], {
  error: `contractVersion must be one of ${APPLY_DEALER_OUTCOME_VERSIONS.join(", ")}`,
});
export type ApplyDealerOutcomeRequest = z.output<typeof ZApplyDealerOutcomeRequestSchema>;
export type ApplyDealerOutcomeV1Request = z.output<typeof ZApplyDealerOutcomeV1Schema>;
export type ApplyDealerOutcomeV2Request = z.output<typeof ZApplyDealerOutcomeV2Schema>;

/** The same outcome in version 1's words, for a BPO that does not read version 2 yet. */
export function applyDealerOutcomeAsV1(p: ApplyDealerOutcomeRequest): ApplyDealerOutcomeV1Request {
  if (p.contractVersion === 1) return p;
  return { ...p, contractVersion: 1, lostReason: p.lostReason?.label ?? null };
}

export const ZApplyDealerOutcomeResponseSchema = z.object({
  bpoLeadId: z.number().int(),
  bpoLeadName: z.string(),
  /** false when the lead already had this outcome (a repeated callback changes nothing). */
  applied: z.boolean(),
});
export type ApplyDealerOutcomeResponse = z.output<typeof ZApplyDealerOutcomeResponseSchema>;
