import { ZLeadBudgetSchema } from "@crm/contracts/src/lead-budget";
import { type SharedLeadKey, sharedLeadDraft } from "@crm/contracts/src/lead-fields";
import type { FinancingType, LeadView } from "../api";

/**
 * The form's editable state: every control holds text (as inputs do); `toPayload` turns it back into the
 * API's types and sends only what changed, so untouched fields never produce chatter noise. The fields both
 * services share (contracts lead-fields) come with it.
 */
export interface LeadDraft extends Record<SharedLeadKey, string> {
  contactName: string;
  mobile: string;
  phone: string;
  email: string;
  street: string;
  city: string;
  zipCode: string;
  stateCode: string;
  countryCode: string;
  brandId: string;
  vehicleModelId: string;
  preferredColor: string;
  quantity: string;
  preferredDate: string;
  priority: string;
  expectedPrice: string;
  budgetMin: string;
  budgetMax: string;
  financingNeeded: boolean;
  financingType: string;
  downPayment: string;
  hasTradeIn: boolean;
  tradeInMake: string;
  tradeInModel: string;
  tradeInYear: string;
  tradeInMileageKm: string;
  tradeInExpectedValue: string;
  sourceId: string;
  dealershipId: string;
  customerNotes: string;
  internalNotes: string;
}

export type DraftKey = keyof LeadDraft;

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export const EMPTY_DRAFT: LeadDraft = {
  contactName: "",
  mobile: "",
  phone: "",
  email: "",
  street: "",
  city: "",
  zipCode: "",
  stateCode: "",
  countryCode: "",
  brandId: "",
  vehicleModelId: "",
  preferredColor: "",
  quantity: "1",
  preferredDate: "",
  ...sharedLeadDraft(),
  priority: "1",
  expectedPrice: "",
  budgetMin: "",
  budgetMax: "",
  financingNeeded: false,
  financingType: "",
  downPayment: "",
  hasTradeIn: false,
  tradeInMake: "",
  tradeInModel: "",
  tradeInYear: "",
  tradeInMileageKm: "",
  tradeInExpectedValue: "",
  sourceId: "",
  dealershipId: "",
  customerNotes: "",
  internalNotes: "",
};

export function draftOf(l: LeadView): LeadDraft {
  return {
    contactName: l.contactName,
    mobile: l.mobile,
    phone: text(l.phone),
    email: text(l.email),
    street: text(l.street),
    city: text(l.city),
    zipCode: text(l.zipCode),
    stateCode: text(l.stateCode),
    countryCode: text(l.countryCode),
    brandId: text(l.brandId),
    vehicleModelId: text(l.vehicleModelId),
    preferredColor: text(l.preferredColor),
    quantity: text(l.quantity),
    preferredDate: text(l.preferredDate),
    ...sharedLeadDraft(l),
    priority: text(l.priority),
    expectedPrice: text(l.expectedPrice),
    budgetMin: text(l.budgetMin),
    budgetMax: text(l.budgetMax),
    financingNeeded: l.financingNeeded,
    financingType: text(l.financingType),
    downPayment: text(l.downPayment),
    hasTradeIn: l.hasTradeIn,
    tradeInMake: text(l.tradeInMake),
    tradeInModel: text(l.tradeInModel),
    tradeInYear: text(l.tradeInYear),
    tradeInMileageKm: text(l.tradeInMileageKm),
    tradeInExpectedValue: text(l.tradeInExpectedValue),
    sourceId: text(l.sourceId),
    dealershipId: text(l.dealershipId),
    customerNotes: text(l.customerNotes),
    internalNotes: text(l.internalNotes),
  };
}

const NUMBER_KEYS = new Set<DraftKey>(["expectedPrice", "budgetMin", "budgetMax", "downPayment", "tradeInExpectedValue"]);
const INT_KEYS = new Set<DraftKey>(["brandId", "vehicleModelId", "sourceId", "dealershipId", "quantity", "priority", "tradeInYear", "tradeInMileageKm"]);
/** Keys the API refuses as null (they have a value or are left out). */
const NOT_NULL = new Set<DraftKey>(["contactName", "mobile", "brandId", "quantity", "priority", "sourceId"]);

export type FieldErrors = Partial<Record<DraftKey | string, string>>;

/** Local checks before any request: required fields and numbers that are not numbers. */
export function validateDraft(d: LeadDraft): FieldErrors {
  const e: FieldErrors = {};
  if (!d.contactName.trim()) e.contactName = "Customer Name is required";
  if (!d.mobile.trim()) e.mobile = "Mobile is required";
  if (!d.brandId) e.brandId = "Interested Brand is required";
  if (!d.sourceId) e.sourceId = "Source is required";
  for (const k of [...NUMBER_KEYS, ...INT_KEYS]) {
    const v = String(d[k]).trim();
    if (v && !Number.isFinite(Number(v))) e[k] = "Enter a number";
    else if (v && INT_KEYS.has(k) && !Number.isInteger(Number(v))) e[k] = "Enter a whole number";
  }
  // The services' own budget rule (contracts), so the form says in place what the API would answer.
  const budget = ZLeadBudgetSchema.safeParse({ budgetMin: value(d, "budgetMin"), budgetMax: value(d, "budgetMax") });
  if (!budget.success && !e.budgetMin && !e.budgetMax) e.budgetMin = budget.error.issues.map((i) => i.message).join("; ");
  return e;
}

function value(d: LeadDraft, k: DraftKey): unknown {
  const v = d[k];
  if (typeof v === "boolean") return v;
  const s = v.trim();
  if (NUMBER_KEYS.has(k) || INT_KEYS.has(k)) return s === "" ? null : Number(s);
  if (k === "financingType") return s === "" ? null : (s as FinancingType);
  return s === "" ? null : s;
}

/** The request body: every field for a create, only the changed ones for an edit. */
export function toPayload(d: LeadDraft, base: LeadDraft | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(d) as DraftKey[]) {
    if (base && String(d[k]).trim() === String(base[k]).trim()) continue;
    const v = value(d, k);
    if (v === null && (NOT_NULL.has(k) || !base)) continue;
    out[k] = v;
  }
  return out;
}

export const isDirty = (d: LeadDraft, base: LeadDraft) => Object.keys(toPayload(d, base)).length > 0;
