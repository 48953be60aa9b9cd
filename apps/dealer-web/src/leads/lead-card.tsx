import { Avatar, Badge, Card, Link } from "@crm/ui-kit";
import { sharedLeadCardHints } from "@crm/contracts/src/lead-fields";
import type { LeadCard } from "../api";
import { PRIORITY_LABEL } from "../format";

/** A lead on the kanban: who, which vehicle, where it came from, who owns it. */
export function LeadCardView({ lead }: { lead: LeadCard }) {
  const endorsed = lead.bpoSourceLeadName !== null;
  return (
    <Card
      title={lead.contactName}
      subtitle={lead.productName ?? (lead.vehicleModelText ? `${lead.vehicleModelText} (as endorsed)` : `${lead.brandName} · no vehicle yet`)}
      badge={<Badge tone={endorsed ? "info" : "neutral"}>{endorsed ? "Endorsed from BPO" : lead.sourceName}</Badge>}
      avatar={<Avatar name={lead.userName} />}
      actions={
        <Link to={`/leads/${lead.id}`} className="lead-card__open" aria-label={`Open ${lead.reference} ${lead.contactName}`}>
          {lead.reference}
        </Link>
      }
    >
      <p className="lead-card__meta">
        {lead.mobile}
        {lead.priority > 0 && (
          <span className="lead-card__priority" title={`Priority: ${PRIORITY_LABEL[lead.priority]}`}>
            {" "}
            · <span aria-hidden="true">{"★".repeat(lead.priority)}</span>
            <span className="uk-visually-hidden">Priority {PRIORITY_LABEL[lead.priority]}</span>
          </span>
        )}
        {sharedLeadCardHints(lead).map((h) => (
          <span key={h.key} className="lead-card__hint" title={h.title}>
            {" "}
            · {h.icon} {h.text}
          </span>
        ))}
        {endorsed && <span className="lead-card__origin"> · {lead.bpoSourceLeadName}</span>}
      </p>
    </Card>
  );
}
