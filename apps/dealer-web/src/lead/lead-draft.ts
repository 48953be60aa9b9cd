import { ZLeadBudgetSchema } from "@crm/contracts/src/lead-budget";
import { SHARED_LEAD_KEYS, type SharedLeadKey, sharedLeadDraft } from "@crm/contracts/src/lead-fields";
import type { FinancingType, Lead } from "../api";
import type { FieldErrors } from "@crm/ui-kit";

/**
 * The lead form's state: every editable field as the control holds it (text, or a boolean for checkboxes); the
 * fields both services share (contracts lead-fields) come with it.
 */
export interface LeadDraft extends Record<SharedLeadKey, string> {
  contactName: string;
  mobile: string;
  phone: string;
  email: string;
  /** The customer record (res.partner); empty until picked or matched on Convert to Quotation. */
  partnerId: string;
  street: string;
  city: string;
  zipCode: string;
  countryId: string;
  stateId: string;
  brandId: string;
  productId: string;
  vehicleModelText: string;
  preferredColor: string;
  quantity: string;
  expectedPrice: string;
  budgetMin: string;
  budgetMax: string;
  customerNotes: string;
  internalNotes: string;
  hasTradeIn: boolean;
  tradeInMake: string;
  tradeInModel: string;
  tradeInYear: string;
  tradeInMileageKm: string;
  tradeInExpectedValue: string;
  financingNeeded: boolean;
  financingType: string;
  downPayment: string;
  priority: string;
  sourceId: string;
  userId: string;
}

/** A fresh server copy with the user's unsaved edits (fields that differ from the copy they started from) on top. */
export function keepTyped(draft: LeadDraft, before: LeadDraft, after: LeadDraft): LeadDraft {
  const merged: Record<string, unknown> = { ...after };
  for (const k of Object.keys(draft) as (keyof LeadDraft)[]) if (draft[k] !== before[k]) merged[k] = draft[k];
  return merged as unknown as LeadDraft;
}

type Kind = "text" | "required" | "id" | "requiredId" | "int" | "money" | "bool" | "enum";

/** How each field travels to the API (PATCH/POST /api/leads): empty optional text is null, ids are numbers. */
const KIND: Record<keyof LeadDraft, Kind> = {
  ...(Object.fromEntries(SHARED_LEAD_KEYS.map((k) => [k, "enum"])) as Record<SharedLeadKey, "enum">),
  contactName: "required",
  mobile: "required",
  phone: "text",
  email: "text",
  partnerId: "id",
  street: "text",
  city: "text",
  zipCode: "text",
  countryId: "id",
  stateId: "id",
  brandId: "requiredId",
  productId: "id",
  vehicleModelText: "text",
  preferredColor: "text",
  quantity: "int",
  expectedPrice: "money",
  budgetMin: "money",
  budgetMax: "money",
  customerNotes: "text",
  internalNotes: "text",
  hasTradeIn: "bool",
  tradeInMake: "text",
  tradeInModel: "text",
  tradeInYear: "int",
  tradeInMileageKm: "int",
  tradeInExpectedValue: "money",
  financingNeeded: "bool",
  financingType: "enum",
  downPayment: "money",
  priority: "int",
  sourceId: "requiredId",
  userId: "id",
};

export const LEAD_FIELDS = Object.keys(KIND) as (keyof LeadDraft)[];

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export const emptyDraft = (userId: number): LeadDraft => ({
  contactName: "",
  mobile: "",
  phone: "",
  email: "",
  partnerId: "",
  street: "",
  city: "",
  zipCode: "",
  countryId: "",
  stateId: "",
  brandId: "",
  productId: "",
  vehicleModelText: "",
  preferredColor: "",
  quantity: "1",
  expectedPrice: "",
  budgetMin: "",
  budgetMax: "",
  customerNotes: "",
  internalNotes: "",
  hasTradeIn: false,
  tradeInMake: "",
  tradeInModel: "",
  tradeInYear: "",
  tradeInMileageKm: "",
  tradeInExpectedValue: "",
  financingNeeded: false,
  financingType: "",
  ...sharedLeadDraft(),
  downPayment: "",
  priority: "0",
  sourceId: "",
  userId: String(userId),
});

export function draftOf(l: Lead): LeadDraft {
  const d = {} as Record<keyof LeadDraft, string | boolean>;
  for (const k of LEAD_FIELDS) {
    const v = l[k];
    d[k] = typeof v === "boolean" ? v : str(v);
  }
  return d as unknown as LeadDraft;
}

type Value = string | number | boolean | null;

function valueOf(k: keyof LeadDraft, v: string | boolean): Value {
  const kind = KIND[k];
  if (kind === "bool") return Boolean(v);
  const s = String(v).trim();
  if (kind === "text" || kind === "required") return s === "" ? null : s;
  if (kind === "enum") return s === "" ? null : (s as FinancingType);
  if (s === "") return null;
  return Number(s);
}

/** Required fields and number formats, checked before anything is sent. */
export function validateDraft(d: LeadDraft): FieldErrors {
  const e: FieldErrors = {};
  if (!d.contactName.trim()) e.contactName = "Customer Name is required";
  if (!d.mobile.trim()) e.mobile = "Mobile is required";
  if (!d.brandId) e.brandId = "Brand is required";
  for (const k of LEAD_FIELDS) {
    const kind = KIND[k];
    const s = String(d[k]).trim();
    if ((kind === "int" || kind === "money") && s !== "") {
      const n = Number(s);
      if (!Number.isFinite(n) || n < 0) e[k] = "Enter a number (0 or more)";
      else if (kind === "int" && !Number.isInteger(n)) e[k] = "Enter a whole number";
    }
  }
  if (d.quantity.trim() !== "" && Number(d.quantity) < 1) e.quantity = "Quantity must be at least 1";
  // The services' own budget rule (contracts), so the form says in place what the API would answer.
  const budget = ZLeadBudgetSchema.safeParse({ budgetMin: valueOf("budgetMin", d.budgetMin), budgetMax: valueOf("budgetMax", d.budgetMax) });
  if (!budget.success && !e.budgetMin && !e.budgetMax) e.budgetMin = budget.error.issues.map((i) => i.message).join("; ");
  return e;
}

/** Body of POST /api/leads: only what was filled in. */
export function createBody(d: LeadDraft): Record<string, Value> {
  const body: Record<string, Value> = {};
  for (const k of LEAD_FIELDS) {
    const v = valueOf(k, d[k]);
    if (v !== null && v !== "") body[k] = v;
  }
  return body;
}

/** Body of PATCH /api/leads/:id: only the fields that changed, so the chatter tracks exactly those. */
export function patchBody(before: LeadDraft, after: LeadDraft): Record<string, Value> {
  const body: Record<string, Value> = {};
  for (const k of LEAD_FIELDS) {
    if (before[k] === after[k]) continue;
    const v = valueOf(k, after[k]);
    // Required fields and these non-nullable numbers cannot be cleared; validation already said so.
    if (v === null && (KIND[k] === "required" || KIND[k] === "requiredId" || k === "quantity" || k === "priority")) continue;
    body[k] = v;
  }
  return body;
}
