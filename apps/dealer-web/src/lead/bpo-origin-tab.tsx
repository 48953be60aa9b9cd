import { ReadOnlyField } from "@crm/ui-kit";
import type { Lead } from "../api";
import { formatDateTime } from "../format";
import { CallbackStatus } from "./callback-status";

/** Only http(s) URLs become links: the value comes from a peer, never trust it as a javascript: URL. */
const safeUrl = (u: string) => /^https?:\/\//i.test(u);

/** BPO Origin (dealer-2 audit trail): every bpo_* field, the URL as a real link to the source record. */
export function BpoOriginTab({ lead }: { lead: Lead }) {
  const url = lead.bpoSourceUrl;
  const recordUrl = url && safeUrl(url) && lead.bpoSourceLeadId !== null ? `${url.replace(/\/+$/, "")}/leads/${lead.bpoSourceLeadId}` : null;
  return (
    <section aria-labelledby="bpo-origin-title" className="bpo-origin">
      <h2 id="bpo-origin-title" className="uk-section-title">
        BPO Origin
      </h2>
      <div className="bpo-origin__grid">
        <ReadOnlyField label="BPO source lead id">{lead.bpoSourceLeadId}</ReadOnlyField>
        <ReadOnlyField label="BPO source lead">{lead.bpoSourceLeadName}</ReadOnlyField>
        <ReadOnlyField label="BPO source URL">
          {url && safeUrl(url) ? (
            <a href={url} target="_blank" rel="noopener noreferrer">
              {url}
            </a>
          ) : (
            url
          )}
        </ReadOnlyField>
        <ReadOnlyField label="Source record">
          {recordUrl && (
            <a href={recordUrl} target="_blank" rel="noopener noreferrer">
              Open {lead.bpoSourceLeadName ?? `lead ${lead.bpoSourceLeadId}`} in the BPO CRM
            </a>
          )}
        </ReadOnlyField>
        <ReadOnlyField label="Endorsement">{lead.source.name}</ReadOnlyField>
        <ReadOnlyField label="Received">{formatDateTime(lead.createdAt)}</ReadOnlyField>
        <ReadOnlyField label="Created by">{lead.createdBy?.name}</ReadOnlyField>
        <ReadOnlyField label="Callback to BPO">{lead.callbackStatus === "none" ? "Sent when the lead is marked Won or Lost" : null}</ReadOnlyField>
      </div>
      <CallbackStatus lead={lead} />
    </section>
  );
}
