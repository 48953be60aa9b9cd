import { z } from "zod";

/**
 * The BPO's Reconciliation REST API (issue 16, Managers): shapes shared by the bpo-service routes and the
 * bpo-web page. Not a dealer contract: no contract version.
 */
export const RECONCILE_KINDS = ["endorsement_queued", "endorsement_dead", "no_outcome", "outcome_not_applied", "mark_won_unconfirmed", "dealer_unreachable"] as const;
export type ReconcileKind = (typeof RECONCILE_KINDS)[number];

export const RECONCILE_ACTIONS = ["replay_endorsement", "replay_mark_won", "resend_outcome", "open_lead", "check_connection"] as const;
export type ReconcileAction = (typeof RECONCILE_ACTIONS)[number];

export const ZReconcileQuerySchema = z
  .object({
    /** Days a delivered endorsement may wait for the dealer's outcome; the stored setting (or config) when omitted. */
    noOutcomeDays: z.coerce.number({ error: "noOutcomeDays must be a number of days" }).int("noOutcomeDays must be whole days").min(1, "noOutcomeDays must be at least 1").max(365, "noOutcomeDays must be at most 365").optional(),
  })
  .strict();
export type ReconcileQuery = z.output<typeof ZReconcileQuerySchema>;

const ZSide = z.object({ summary: z.string(), at: z.string().nullable() });

export const ZReconcileRowSchema = z.object({
  /** Stable per row: kind and lead (or dealership for an unreachable one). */
  key: z.string(),
  kind: z.enum(RECONCILE_KINDS),
  leadId: z.number().int().nullable(),
  reference: z.string().nullable(),
  contactName: z.string().nullable(),
  dealershipId: z.number().int(),
  dealershipName: z.string(),
  /** What happened last on each side, in words, and when. */
  bpo: ZSide,
  dealer: ZSide,
  action: z.enum(RECONCILE_ACTIONS),
});
export type ReconcileRow = z.output<typeof ZReconcileRowSchema>;

export const ZReconcileReportSchema = z.object({
  checkedAt: z.string(),
  noOutcomeDays: z.number().int(),
  /** Leads compared with their dealerships. */
  checked: z.number().int(),
  rows: z.array(ZReconcileRowSchema),
});
export type ReconcileReport = z.output<typeof ZReconcileReportSchema>;

export const ZReconcileSettingsSchema = z
  .object({
    /** null: back to the RECONCILE_NO_OUTCOME_DAYS config. */
    noOutcomeDays: z.number({ error: "noOutcomeDays must be a number of days or null" }).int("noOutcomeDays must be whole days").min(1, "noOutcomeDays must be at least 1").max(365, "noOutcomeDays must be at most 365").nullable(),
  })
  .strict();
export type ReconcileSettings = z.output<typeof ZReconcileSettingsSchema>;

export const ZReconcileActionResultSchema = z.object({
  leadId: z.number().int(),
  action: z.enum(RECONCILE_ACTIONS),
  /** What was done, for the toast. */
  message: z.string(),
});
export type ReconcileActionResult = z.output<typeof ZReconcileActionResultSchema>;
