import type { DealerLostReason } from "@crm/contracts";
import { LOST_REASONS } from "./lead-schemas";

type BpoLostReason = (typeof LOST_REASONS)[number];

/**
 * The dealer's stable lost-reason codes (dealer lost_reasons.code, seeded by the dealer-service) → the BPO's
 * lost reasons. Explicit on purpose: a label may be renamed or translated, a code may not. A code not listed
 * here is Other, and the dealer's own label stays on the lead.
 */
export const DEALER_LOST_REASON_CODES: Readonly<Record<string, BpoLostReason>> = {
  price: "price",
  competitor: "competitor",
  financing_declined: "financing",
  model_unavailable: "model_unavailable",
  timing: "timing",
  customer_cancelled: "other",
  unreachable: "other",
  other: "other",
};

const BPO_REASON_BY_LABEL = new Map<string, BpoLostReason>(LOST_REASONS.map((r) => [r.replace(/_/g, " "), r]));

/**
 * The BPO reason for a dealer's reason: by code (contract 2), or for a contract-1 callback that sent only a
 * label, by the BPO's own label, else Other.
 */
export function bpoLostReasonFor(reason: { code: string | null; label: string }): BpoLostReason {
  if (reason.code !== null) return Object.hasOwn(DEALER_LOST_REASON_CODES, reason.code) ? DEALER_LOST_REASON_CODES[reason.code]! : "other";
  return BPO_REASON_BY_LABEL.get(reason.label.trim().toLowerCase()) ?? "other";
}

/** The dealer's reason from either contract version: v2 sends code and label, v1 only the label. */
export function dealerLostReasonOf(lostReason: DealerLostReason | string | null | undefined): { code: string | null; label: string } | null {
  if (!lostReason) return null;
  return typeof lostReason === "string" ? { code: null, label: lostReason } : lostReason;
}
