import type { ReactNode } from "react";
import { CheckboxField, ComboboxField, type ComboboxOption, FieldGroup, ReadOnlyField, ReadOnlyFields, SelectField, type SelectOption, TextAreaField, TextField } from "@crm/ui-kit";
import { SHARED_LEAD_FIELDS, SHARED_LEAD_KEYS } from "@crm/contracts/src/lead-fields";
import type { LeadView } from "../api";
import type { DraftKey, FieldErrors, LeadDraft } from "./lead-draft";
import { FINANCING_TYPES, LOST_REASONS, PRIORITIES, formatDate, formatDateTime, formatMoney, labelOf } from "./lead-labels";
import { type Catalog, dealershipsOf, modelsOf } from "./use-catalog";

interface Props {
  draft: LeadDraft;
  onChange(key: DraftKey, value: string | boolean): void;
  errors: FieldErrors;
  catalog: Catalog;
  /** The saved lead (null while creating): read-only facts and display names come from it. */
  lead: LeadView | null;
  readOnly: boolean;
}

type InputKind = "text" | "email" | "tel" | "number" | "date";

/**
 * Every lead field, grouped as a salesperson reads the record: who the customer is, what they want,
 * how they pay, their trade-in, where the lead came from and who works it, notes. Read-only viewers
 * see values instead of inputs.
 */
export function LeadFields({ draft, onChange, errors, catalog, lead, readOnly }: Props) {
  const brandId = draft.brandId ? Number(draft.brandId) : null;
  const text = (key: DraftKey, label: string, opts: { type?: InputKind; required?: boolean; hint?: ReactNode; display?: ReactNode; step?: string; maxLength?: number } = {}) => (
    <TextField
      key={key}
      label={label}
      name={key}
      type={opts.type ?? "text"}
      step={opts.step}
      maxLength={opts.maxLength}
      inputMode={opts.type === "number" ? "decimal" : undefined}
      value={String(draft[key])}
      display={opts.display}
      required={opts.required}
      hint={opts.hint}
      error={errors[key]}
      onValue={(v) => onChange(key, v)}
    />
  );
  const select = (key: DraftKey, label: string, options: SelectOption[], opts: { required?: boolean; placeholder?: string; hint?: ReactNode; disabled?: boolean } = {}) => (
    <SelectField
      key={key}
      label={label}
      name={key}
      value={String(draft[key])}
      options={options}
      placeholder={opts.placeholder}
      required={opts.required}
      hint={opts.hint}
      disabled={opts.disabled}
      error={errors[key]}
      onValue={(v) => onChange(key, v)}
    />
  );
  const check = (key: "financingNeeded" | "hasTradeIn", label: string) => <CheckboxField key={key} label={label} checked={draft[key]} onValue={(v) => onChange(key, v)} />;
  const area = (key: "customerNotes" | "internalNotes", label: string) => (
    <TextAreaField key={key} label={label} name={key} value={draft[key]} error={errors[key]} onValue={(v) => onChange(key, v)} rows={3} />
  );

  const brands = catalog.brands.filter((b) => b.active || b.id === brandId).map((b) => ({ value: b.id, label: b.name }));
  const models = modelsOf(catalog, brandId)
    .filter((m) => m.active || String(m.id) === draft.vehicleModelId)
    .map((m) => ({ value: m.id, label: m.code ? `${m.name} (${m.code})` : m.name }));
  const dealers = dealershipsOf(catalog, brandId)
    .filter((d) => d.active || String(d.id) === draft.dealershipId)
    .map((d) => ({ value: d.id, label: d.name }));
  const sources = catalog.sources.filter((s) => s.active || String(s.id) === draft.sourceId).map((s) => ({ value: s.id, label: s.name }));
  // bpo-3: imported leads keep their web source (the server refuses a change).
  const sourceLocked = lead !== null && lead.remoteModel !== null;
  // A lead whose brand or model was archived still names it.
  if (lead && !brands.some((b) => b.value === lead.brandId)) brands.push({ value: lead.brandId, label: lead.brand.name });
  if (lead?.vehicleModel && !models.some((m) => m.value === lead.vehicleModel!.id)) models.push({ value: lead.vehicleModel.id, label: lead.vehicleModel.name });
  if (lead?.dealership && !dealers.some((d) => d.value === lead.dealership!.id)) dealers.push({ value: lead.dealership.id, label: lead.dealership.name });
  if (lead && !sources.some((s) => s.value === lead.sourceId)) sources.push({ value: lead.sourceId, label: lead.source.name });

  // bpo-3: "the Source field is a dropdown that searches by code or name".
  const sourceOption = (s: { id: number; name: string; code: string }): ComboboxOption => ({ id: s.id, label: s.name, detail: s.code });
  const pickedSource = catalog.sources.find((s) => String(s.id) === draft.sourceId) ?? (lead && String(lead.sourceId) === draft.sourceId ? lead.source : null);
  const searchSources = async (typed: string) => {
    const q = typed.trim().toLowerCase();
    return catalog.sources.filter((s) => s.active && (s.name.toLowerCase().includes(q) || s.code.toLowerCase().includes(q))).map(sourceOption);
  };

  // Read-only viewers see values instead of inputs, in the ui-kit's one read-only look.
  return (
    <ReadOnlyFields when={readOnly}>
      <div className="lead-fields">
        <FieldGroup title="Customer">
          {text("contactName", "Customer Name", { required: true, maxLength: 200 })}
          {text("mobile", "Mobile", { type: "tel", required: true, hint: "Used to spot repeat customers" })}
          {text("phone", "Phone", { type: "tel" })}
          {text("email", "Email", { type: "email" })}
          {text("street", "Street")}
          {text("city", "City")}
          {text("zipCode", "ZIP")}
          {text("stateCode", "State")}
          {text("countryCode", "Country", { hint: "Two-letter code, e.g. PH", maxLength: 2 })}
        </FieldGroup>

        <FieldGroup title="Vehicle interest">
          {select("brandId", "Interested Brand", brands, { required: true, placeholder: "Choose a brand…" })}
          {select("vehicleModelId", "Vehicle Model", models, { placeholder: brandId ? "No model yet" : "Choose a brand first", disabled: !brandId })}
          {text("preferredColor", "Preferred Color")}
          {text("quantity", "Quantity", { type: "number", step: "1" })}
          {text("preferredDate", "Preferred Date", { type: "date", display: formatDate(draft.preferredDate), hint: "Test-drive or visit date the customer asked for" })}
          {SHARED_LEAD_KEYS.map((k) => select(k, titleCase(SHARED_LEAD_FIELDS[k].label), [...SHARED_LEAD_FIELDS[k].options], { placeholder: SHARED_LEAD_FIELDS[k].placeholder }))}
          {select(
            "priority",
            "Priority",
            PRIORITIES.map((p) => ({ value: p.value, label: p.label })),
          )}
        </FieldGroup>

        <FieldGroup title="Budget and financing">
          {text("expectedPrice", "Expected Price", { type: "number", step: "0.01", display: formatMoney(lead?.expectedPrice) })}
          {text("budgetMin", "Budget Min", { type: "number", step: "0.01", display: formatMoney(lead?.budgetMin) })}
          {text("budgetMax", "Budget Max", { type: "number", step: "0.01", display: formatMoney(lead?.budgetMax) })}
          {check("financingNeeded", "Financing needed")}
          {(draft.financingNeeded || readOnly) && select("financingType", "Financing Type", FINANCING_TYPES, { placeholder: "Not decided" })}
          {(draft.financingNeeded || readOnly) && text("downPayment", "Down Payment", { type: "number", step: "0.01", display: formatMoney(lead?.downPayment) })}
        </FieldGroup>

        <FieldGroup title="Trade-in">
          {check("hasTradeIn", "Has a trade-in")}
          {draft.hasTradeIn && text("tradeInMake", "Trade-in Make")}
          {draft.hasTradeIn && text("tradeInModel", "Trade-in Model")}
          {draft.hasTradeIn && text("tradeInYear", "Trade-in Year", { type: "number", step: "1" })}
          {draft.hasTradeIn && text("tradeInMileageKm", "Trade-in Mileage (km)", { type: "number", step: "1" })}
          {draft.hasTradeIn && text("tradeInExpectedValue", "Trade-in Expected Value", { type: "number", step: "0.01", display: formatMoney(lead?.tradeInExpectedValue) })}
        </FieldGroup>

        <FieldGroup title="Source and dealership">
          {readOnly || sourceLocked ? (
            select("sourceId", "Source", sources, { disabled: true, hint: sourceLocked ? "Imported from the distributor: the source cannot change" : undefined })
          ) : (
            <ComboboxField
              key="sourceId"
              label="Source"
              value={pickedSource ? sourceOption(pickedSource) : null}
              onSelect={(o) => onChange("sourceId", o ? String(o.id) : "")}
              search={searchSources}
              delayMs={0}
              placeholder="Type a source name or code"
              hint="Required. Search by name or code"
              required
              error={errors.sourceId}
            />
          )}
          {select("dealershipId", "Dealership", dealers, {
            placeholder: brandId ? "No dealership yet" : "Choose a brand first",
            disabled: !brandId,
            hint: "Mark as Won pushes the sale order here",
          })}
        </FieldGroup>

        <FieldGroup title="Notes">
          {area("customerNotes", "Customer Notes")}
          {area("internalNotes", "Internal Notes")}
        </FieldGroup>

        {lead && <LeadFacts lead={lead} />}
      </div>
    </ReadOnlyFields>
  );
}

/** What the user cannot edit on the form: assignment, dates, closing and where an imported lead came from. */
function LeadFacts({ lead }: { lead: LeadView }) {
  return (
    <>
      <FieldGroup title="Assignment and dates">
        <ReadOnlyField label="Salesperson">{lead.user?.name ?? "Unassigned"}</ReadOnlyField>
        <ReadOnlyField label="Claimed">{formatDateTime(lead.claimedAt)}</ReadOnlyField>
        <ReadOnlyField label="Created">{formatDateTime(lead.createdAt)}</ReadOnlyField>
        <ReadOnlyField label="Last updated">{formatDateTime(lead.updatedAt)}</ReadOnlyField>
        <ReadOnlyField label="Closed">{formatDateTime(lead.closedAt)}</ReadOnlyField>
        <ReadOnlyField label="Archived">{lead.active ? "No" : "Yes"}</ReadOnlyField>
      </FieldGroup>
      {(lead.isLost || lead.isWon) && (
        <FieldGroup title="Outcome">
          <ReadOnlyField label="Result">{lead.isWon ? "Won" : "Lost"}</ReadOnlyField>
          {lead.isLost && <ReadOnlyField label="Lost Reason">{lostLabel(lead)}</ReadOnlyField>}
          {lead.isLost && lead.dealerLostReasonLabel && (
            <ReadOnlyField label="Dealer's Lost Reason">
              {lead.dealerLostReasonLabel}
              {lead.dealerLostReasonCode ? ` (${lead.dealerLostReasonCode})` : ""}
            </ReadOnlyField>
          )}
          {lead.isLost && <ReadOnlyField label="Lost Notes">{lead.lostNotes ? <span className="uk-readonly__text">{lead.lostNotes}</span> : null}</ReadOnlyField>}
          {lead.isWon && <ReadOnlyField label="Dealer Sale Order">{lead.dealerSoName}</ReadOnlyField>}
        </FieldGroup>
      )}
      {lead.remoteModel !== null && (
        <FieldGroup title="Remote origin">
          <ReadOnlyField label="Distributor model">
            <code>{lead.remoteModel}</code>
          </ReadOnlyField>
          <ReadOnlyField label="Distributor record id">{lead.remoteId}</ReadOnlyField>
          <ReadOnlyField label="Distributor brand id">{lead.remoteBrandId}</ReadOnlyField>
        </FieldGroup>
      )}
    </>
  );
}

const lostLabel = (l: LeadView) => labelOf(LOST_REASONS, l.lostReason);
/** This form names fields in Title Case ("Preferred Color"). */
const titleCase = (label: string) => label.replace(/\b[a-z]/g, (c) => c.toUpperCase());
