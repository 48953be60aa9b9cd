import { useState } from "react";
import { ComboboxField, type ComboboxOption, queryString } from "@crm/ui-kit";
import { type Lead, type Partner, api } from "../api";
import type { LeadDraft } from "./lead-draft";

const optionOf = (p: Partner): ComboboxOption => ({ id: p.id, label: p.name, detail: [p.mobile, p.email].filter(Boolean).join(" · ") || null });

/**
 * The lead's customer record (partner_id): search existing customers by name, mobile or e-mail. Left empty,
 * Convert to Quotation matches one by mobile, then e-mail, or creates it (dealer-2 partner matching).
 */
export function CustomerPicker({ draft, lead, onChange, error, disabled }: { draft: LeadDraft; lead: Lead | null; onChange(p: Partial<LeadDraft>): void; error?: string; disabled?: boolean }) {
  // The label of a customer picked in this session; the saved one comes with the lead.
  const [picked, setPicked] = useState<ComboboxOption | null>(null);
  const value: ComboboxOption | null = !draft.partnerId
    ? null
    : picked && String(picked.id) === draft.partnerId
      ? picked
      : lead?.partner && String(lead.partner.id) === draft.partnerId
        ? { id: lead.partner.id, label: lead.partner.name }
        : { id: Number(draft.partnerId), label: `Customer #${draft.partnerId}` };
  return (
    <ComboboxField
      label="Customer record"
      value={value}
      onSelect={(o) => {
        setPicked(o);
        onChange({ partnerId: o ? String(o.id) : "" });
      }}
      search={async (text, signal) => (await api<{ partners: Partner[] }>(`/api/partners${queryString({ q: text, limit: 20 })}`, { signal })).partners.map(optionOf)}
      placeholder="Search customers by name, mobile or e-mail"
      hint={value ? undefined : "Empty: matched by mobile or e-mail (or created) on Convert to Quotation"}
      error={error}
      disabled={disabled}
    />
  );
}
