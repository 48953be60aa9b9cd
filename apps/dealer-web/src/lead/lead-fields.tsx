import { CheckboxField, FieldGroup, ReadOnlyField, ReadOnlyFields, SelectField, TextAreaField, TextField, useAsync } from "@crm/ui-kit";
import { SHARED_LEAD_FIELDS, SHARED_LEAD_KEYS } from "@crm/contracts/src/lead-fields";
import { type Country, type Lead, type Product, type StateRef, type User, api, isManager } from "../api";
import { CustomerPicker } from "./customer-picker";
import type { FieldErrors } from "@crm/ui-kit";
import { PRIORITY_LABEL, formatMoney } from "../format";
import { salespeople, useReferenceData } from "../reference-data";
import type { LeadDraft } from "./lead-draft";

const FINANCING = [
  { value: "bank", label: "Bank" },
  { value: "in_house", label: "In-house" },
  { value: "cash", label: "Cash" },
  { value: "other", label: "Other" },
];

interface Props {
  draft: LeadDraft;
  onChange(patch: Partial<LeadDraft>): void;
  errors: FieldErrors;
  user: User;
  /** The saved lead when editing (null on create). */
  lead: Lead | null;
  disabled?: boolean;
}

/** Every lead field, grouped the way a salesperson reads the record. */
export function LeadFields({ draft, onChange, errors, user, lead, disabled }: Props) {
  const { brands, sources, users } = useReferenceData();
  const countries = useAsync((signal) => api<{ countries: Country[] }>("/api/countries", { signal }), []);
  const states = useAsync(
    (signal) => (draft.countryId ? api<{ states: StateRef[] }>(`/api/countries/${draft.countryId}/states`, { signal }) : Promise.resolve({ states: [] as StateRef[] })),
    [draft.countryId],
  );
  const products = useAsync(
    (signal) => (draft.brandId ? api<{ products: Product[] }>(`/api/products?brandId=${draft.brandId}`, { signal }) : Promise.resolve({ products: [] as Product[] })),
    [draft.brandId],
  );
  const text = (k: keyof LeadDraft) => ({ value: String(draft[k]), onValue: (v: string) => onChange({ [k]: v }), error: errors[k] });
  const endorsed = lead?.bpoSourceLeadId != null;
  // A person picks manual sources; only an endorsed lead may also carry an endorsement source.
  const pickableSources = sources.filter((s) => s.active && (s.manual || endorsed));
  const brandOptions = brands.map((b) => ({ value: b.id, label: b.name }));
  if (lead && !brands.some((b) => b.id === lead.brandId)) brandOptions.push({ value: lead.brand.id, label: lead.brand.name });
  const productOptions = (products.data?.products ?? []).map((p) => ({ value: p.id, label: `${p.name} [${p.defaultCode}]` }));
  if (lead?.product && draft.productId === String(lead.product.id) && !productOptions.some((o) => o.value === lead.product!.id)) {
    productOptions.push({ value: lead.product.id, label: lead.product.name });
  }
  const people = salespeople(users).map((u) => ({ value: u.id, label: u.name }));

  // A lead the user may only read shows values, not greyed-out inputs: the ui-kit's one read-only look.
  const money = (k: keyof LeadDraft) => ({ ...text(k), display: draft[k] === "" ? null : formatMoney(Number(draft[k])) });
  return (
    <ReadOnlyFields when={disabled ?? false}>
      <fieldset className="lead-fields" disabled={disabled}>
        <legend className="uk-visually-hidden">Lead details</legend>
        <FieldGroup title="Customer">
          <TextField label="Customer Name" required autoComplete="off" {...text("contactName")} />
          <TextField label="Mobile" required type="tel" {...text("mobile")} />
          <TextField label="Phone" type="tel" {...text("phone")} />
          <TextField label="Email" type="email" {...text("email")} />
          <CustomerPicker draft={draft} lead={lead} onChange={onChange} error={errors.partnerId} disabled={disabled} />
        </FieldGroup>
        <FieldGroup title="Address">
          <TextField label="Street" {...text("street")} />
          <TextField label="City" {...text("city")} />
          <TextField label="ZIP" {...text("zipCode")} />
          <SelectField
            label="Country"
            value={draft.countryId}
            onValue={(v) => onChange({ countryId: v, stateId: "" })}
            options={(countries.data?.countries ?? []).map((c) => ({ value: c.id, label: c.name }))}
            placeholder={countries.status === "loading" ? "Loading…" : countries.status === "error" ? "Countries unavailable" : "—"}
            error={errors.countryId ?? (countries.status === "error" ? countries.error : undefined)}
          />
          <SelectField
            label="State / province"
            value={draft.stateId}
            onValue={(v) => onChange({ stateId: v })}
            options={(states.data?.states ?? []).map((s) => ({ value: s.id, label: s.name }))}
            placeholder={draft.countryId ? "—" : "Pick a country first"}
            disabled={!draft.countryId}
            error={errors.stateId}
          />
        </FieldGroup>
        <FieldGroup title="Vehicle">
          <SelectField label="Brand" required value={draft.brandId} onValue={(v) => onChange({ brandId: v, productId: "" })} options={brandOptions} placeholder="Pick a brand" error={errors.brandId} />
          <SelectField
            label="Vehicle"
            value={draft.productId}
            onValue={(v) => onChange({ productId: v })}
            options={productOptions}
            placeholder={!draft.brandId ? "Pick a brand first" : products.status === "loading" ? "Loading…" : productOptions.length ? "—" : "No vehicles configured for this brand"}
            disabled={!draft.brandId}
            error={errors.productId ?? (products.status === "error" ? products.error : undefined)}
          />
          <TextField label="Vehicle model (as endorsed)" {...text("vehicleModelText")} hint={endorsed ? "The model name the BPO sent" : undefined} />
          <TextField label="Preferred color" {...text("preferredColor")} />
          <TextField label="Quantity" type="number" min={1} step={1} inputMode="numeric" {...text("quantity")} />
        </FieldGroup>
        <FieldGroup title="Budget and financing">
          <TextField label="Expected price" type="number" min={0} step="0.01" inputMode="decimal" {...money("expectedPrice")} />
          <TextField label="Budget min" type="number" min={0} step="0.01" inputMode="decimal" {...money("budgetMin")} />
          <TextField label="Budget max" type="number" min={0} step="0.01" inputMode="decimal" {...money("budgetMax")} />
          <CheckboxField label="Financing needed" checked={draft.financingNeeded} onValue={(v) => onChange({ financingNeeded: v })} disabled={disabled} />
          {draft.financingNeeded && (
            <>
              <SelectField label="Financing type" value={draft.financingType} onValue={(v) => onChange({ financingType: v })} options={FINANCING} placeholder="—" error={errors.financingType} />
              <TextField label="Down payment" type="number" min={0} step="0.01" inputMode="decimal" {...money("downPayment")} />
            </>
          )}
        </FieldGroup>
        <FieldGroup title="Trade-in">
          <CheckboxField label="Has a trade-in vehicle" checked={draft.hasTradeIn} onValue={(v) => onChange({ hasTradeIn: v })} disabled={disabled} />
          {draft.hasTradeIn && (
            <>
              <TextField label="Trade-in make" {...text("tradeInMake")} />
              <TextField label="Trade-in model" {...text("tradeInModel")} />
              <TextField label="Trade-in year" type="number" min={1950} max={2100} step={1} inputMode="numeric" {...text("tradeInYear")} />
              <TextField label="Trade-in mileage (km)" type="number" min={0} step={1} inputMode="numeric" {...text("tradeInMileageKm")} />
              <TextField label="Trade-in expected value" type="number" min={0} step="0.01" inputMode="decimal" {...money("tradeInExpectedValue")} />
            </>
          )}
        </FieldGroup>
        <FieldGroup title="Notes">
          <TextAreaField label="Customer notes" rows={3} {...text("customerNotes")} />
          <TextAreaField label="Internal notes" rows={3} {...text("internalNotes")} />
        </FieldGroup>
        <FieldGroup title="Assignment">
          <SelectField
            label="Lead Source"
            value={draft.sourceId}
            onValue={(v) => onChange({ sourceId: v })}
            options={withCurrent(pickableSources.map((s) => ({ value: s.id, label: s.name })), lead ? { value: lead.source.id, label: lead.source.name } : null)}
            placeholder={lead ? undefined : "Walk-In (default)"}
            hint={endorsed ? "Stamped by the BPO push; a correction is recorded in the chatter." : lead ? undefined : "Endorsement sources are set only by the BPO push."}
            error={errors.sourceId}
          />
          {isManager(user) ? (
            <SelectField
              label="Salesperson"
              value={draft.userId}
              onValue={(v) => onChange({ userId: v })}
              options={withCurrent(people, lead?.user ? { value: lead.user.id, label: lead.user.name } : null)}
              placeholder="Unassigned"
              error={errors.userId}
            />
          ) : (
            <ReadOnlyField label="Salesperson">{lead ? (lead.user?.name ?? "Unassigned") : user.name}</ReadOnlyField>
          )}
          <SelectField label="Priority" value={draft.priority} onValue={(v) => onChange({ priority: v })} options={PRIORITY_LABEL.map((label, i) => ({ value: i, label }))} />
          {SHARED_LEAD_KEYS.map((k) => (
            <SelectField key={k} label={SHARED_LEAD_FIELDS[k].label} value={draft[k]} onValue={(v) => onChange({ [k]: v })} options={[...SHARED_LEAD_FIELDS[k].options]} placeholder={SHARED_LEAD_FIELDS[k].placeholder} error={errors[k]} />
          ))}
        </FieldGroup>
      </fieldset>
    </ReadOnlyFields>
  );
}

/** Keeps the saved value selectable even when it is no longer offered (archived source, inactive user). */
function withCurrent<T extends { value: string | number; label: string }>(options: T[], current: T | null): T[] {
  return current && !options.some((o) => o.value === current.value) ? [...options, current] : options;
}
