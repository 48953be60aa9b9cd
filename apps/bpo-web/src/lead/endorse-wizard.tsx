import { useState } from "react";
import { SelectField, WizardDialog } from "@crm/ui-kit";
import { type LeadView, api } from "../api";
import { type Catalog, dealershipsOf } from "./use-catalog";
import { fieldErrorsOf } from "@crm/ui-kit";

/**
 * Endorse w/ or w/o S.Q. (dealer-1): the lead goes to a dealership's CRM (with a draft sales quotation
 * when `withQuotation`); delivery is queued, so the answer is "pending" and the form follows it live.
 */
export function EndorseWizard({ lead, withQuotation, catalog, open, onClose, onDone }: { lead: LeadView; withQuotation: boolean; catalog: Catalog; open: boolean; onClose(): void; onDone(l: LeadView): void }) {
  const [dealershipId, setDealershipId] = useState(lead.dealershipId ? String(lead.dealershipId) : "");
  const [error, setError] = useState<string | null>(null);
  const dealerships = dealershipsOf(catalog, lead.brandId).filter((d) => d.active);
  // Unconnected dealerships stay listed (so nobody wonders where they went) but cannot be picked.
  const options = dealerships.map((d) => ({ value: d.id, label: d.connected ? d.name : `${d.name} (not connected)` }));
  const picked = dealerships.find((d) => String(d.id) === dealershipId);
  const notConnected = picked !== undefined && !picked.connected;
  return (
    <WizardDialog
      open={open}
      title={withQuotation ? "Endorse with Sales Quotation" : "Endorse without Sales Quotation"}
      submitLabel={withQuotation ? "Endorse w/ S.Q." : "Endorse w/o S.Q."}
      onClose={onClose}
      canSubmit={dealershipId !== "" && !notConnected}
      blockedReason={notConnected ? `${picked.name} has no connection to its CRM yet: a Manager sets it up under Configuration → Dealerships.` : "Pick the dealership to endorse to."}
      onSubmit={async () => {
        setError(null);
        try {
          onDone(await api<LeadView>(`/api/leads/${lead.id}/endorse`, { method: "POST", body: { dealershipId: Number(dealershipId), withQuotation } }));
        } catch (e) {
          setError(fieldErrorsOf(e).dealershipId ?? null);
          throw e;
        }
      }}
    >
      <div className="lead-wizard">
        <p className="lead-wizard-text">
          {lead.contactName}'s lead ({lead.brand.name}
          {lead.vehicleModel ? ` ${lead.vehicleModel.name}` : ""}) is sent to the dealership's CRM, where it starts in Negotiation
          {withQuotation ? " with a draft sales quotation" : ""}. The dealer's Won or Lost comes back to this lead.
        </p>
        <SelectField
          label="Dealership"
          required
          value={dealershipId}
          placeholder={options.length ? "Choose a dealership…" : `No dealership sells ${lead.brand.name}`}
          options={options}
          onValue={setDealershipId}
          error={error}
        />
      </div>
    </WizardDialog>
  );
}
