import { type SharedLeadValues, sharedLeadCardHints } from "@crm/contracts/src/lead-fields";

/** On a lead card: the shared lead fields declared for cards (e.g. when to call), the full wording in the tooltip. */
export function LeadCardHints({ card }: { card: Partial<SharedLeadValues> }) {
  return sharedLeadCardHints(card).map((h) => (
    <span key={h.key} className="lead-card-hint" title={h.title}>
      {h.icon} {h.text}
    </span>
  ));
}
