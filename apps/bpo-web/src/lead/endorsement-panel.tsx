import { ReadOnlyField } from "@crm/ui-kit";
import type { LeadView } from "../api";
import { ENDORSEMENT_STATUS, formatDateTime } from "./lead-labels";
import type { Catalog } from "./use-catalog";

const TONE: Record<LeadView["endorsementStatus"], string> = { none: "neutral", pending: "warning", delivered: "success", failed: "danger" };

/** Where the lead stands with the dealership: endorsement delivery, the dealer's lead and quotation, the SO. */
export function EndorsementPanel({ lead, catalog }: { lead: LeadView; catalog: Catalog }) {
  const endorsedTo = catalog.dealerships.find((d) => d.id === lead.endorsedDealershipId)?.name ?? (lead.endorsedDealershipId ? `#${lead.endorsedDealershipId}` : null);
  if (lead.endorsementStatus === "none" && !lead.dealerSoName) return null;
  return (
    <section className="lead-panel" aria-labelledby="lead-endorse-title">
      <div className="lead-panel__head">
        <h2 id="lead-endorse-title" className="uk-section-title">
          Dealership
        </h2>
        {lead.endorsementStatus !== "none" && <span className={`lead-status lead-status--${TONE[lead.endorsementStatus]}`}>{ENDORSEMENT_STATUS[lead.endorsementStatus]}</span>}
      </div>
      {lead.endorsementStatus === "failed" && lead.endorsementError && (
        <p className="lead-alert lead-alert--error" role="alert">
          Endorsement failed: {lead.endorsementError}
        </p>
      )}
      <div className="lead-facts">
        {lead.endorsementStatus !== "none" && (
          <>
            <ReadOnlyField label="Endorsed to">{endorsedTo}</ReadOnlyField>
            <ReadOnlyField label="Endorsement">{lead.endorsementType === "with_sq" ? "With sales quotation" : lead.endorsementType === "without_sq" ? "Without sales quotation" : null}</ReadOnlyField>
            <ReadOnlyField label="Endorsed at">{formatDateTime(lead.endorsedAt)}</ReadOnlyField>
            <ReadOnlyField label="Dealer lead">{lead.dealerLeadName}</ReadOnlyField>
            <ReadOnlyField label="Dealer quotation">{lead.dealerQuotationName}</ReadOnlyField>
          </>
        )}
        <ReadOnlyField label="Dealer sale order">{lead.dealerSoName}</ReadOnlyField>
      </div>
    </section>
  );
}
