import type { z } from "zod";
import {
  CONTRACT_VERSION,
  type ReceiveEndorsedLeadRequest,
  ZReceiveEndorsedLeadRequestSchema,
  sharedLeadValues,
} from "@crm/contracts";
import type { FieldIssue } from "@crm/platform/core";
import type { LeadView } from "../../data-access/bpo-store";
import { dealerPushMessageSchema } from "../dealer-push-delivery";

/** What the outbox row carries: which dealership to call, and the contract payload to send it. */
export const ZEndorsementMessageSchema = dealerPushMessageSchema(ZReceiveEndorsedLeadRequestSchema);
export type EndorsementMessage = z.output<typeof ZEndorsementMessageSchema>;

/** The endorse contract's request for the lead as it is now. */
export function endorsementRequest(lead: LeadView, bpoUrl: string, withQuotation: boolean): ReceiveEndorsedLeadRequest {
  return {
    contractVersion: CONTRACT_VERSION,
    contactName: lead.contactName,
    mobile: lead.mobile,
    phone: lead.phone,
    email: lead.email,
    street: lead.street,
    city: lead.city,
    zipCode: lead.zipCode,
    countryCode: lead.countryCode,
    stateCode: lead.stateCode,
    brandCode: lead.brand.code,
    productCode: lead.vehicleModel?.code ?? null,
    vehicleModelName: lead.vehicleModel?.name ?? null,
    preferredColor: lead.preferredColor,
    quantity: lead.quantity,
    expectedPrice: lead.expectedPrice,
    budgetMin: lead.budgetMin,
    budgetMax: lead.budgetMax,
    customerNotes: lead.customerNotes,
    internalNotes: lead.internalNotes,
    hasTradeIn: lead.hasTradeIn,
    tradeIn: lead.hasTradeIn
      ? { make: lead.tradeInMake, model: lead.tradeInModel, year: lead.tradeInYear, mileageKm: lead.tradeInMileageKm, expectedValue: lead.tradeInExpectedValue }
      : null,
    financingNeeded: lead.financingNeeded,
    financingType: lead.financingType,
    downPayment: lead.downPayment,
    priority: lead.priority,
    ...sharedLeadValues(lead),
    endorsementType: withQuotation ? "with_sq" : "without_sq",
    bpoSourceLeadId: lead.id,
    bpoSourceLeadName: lead.reference,
    bpoSourceUrl: bpoUrl,
  };
}

/** Contract field → the lead form's field and its label (what the agent has to fix). */
const LEAD_FIELD: Record<string, [string, string]> = {
  contactName: ["contactName", "Customer Name"],
  mobile: ["mobile", "Mobile"],
  phone: ["phone", "Phone"],
  email: ["email", "Email"],
  street: ["street", "Street"],
  city: ["city", "City"],
  zipCode: ["zipCode", "ZIP"],
  countryCode: ["countryCode", "Country"],
  stateCode: ["stateCode", "State"],
  brandCode: ["brandId", "Interested Brand"],
  productCode: ["vehicleModelId", "Vehicle Model (its code)"],
  vehicleModelName: ["vehicleModelId", "Vehicle Model"],
  preferredColor: ["preferredColor", "Preferred Color"],
  quantity: ["quantity", "Quantity"],
  expectedPrice: ["expectedPrice", "Expected Price"],
  budgetMin: ["budgetMin", "Budget Min"],
  budgetMax: ["budgetMax", "Budget Max"],
  customerNotes: ["customerNotes", "Customer Notes"],
  internalNotes: ["internalNotes", "Internal Notes"],
  "tradeIn.make": ["tradeInMake", "Trade-in Make"],
  "tradeIn.model": ["tradeInModel", "Trade-in Model"],
  "tradeIn.year": ["tradeInYear", "Trade-in Year"],
  "tradeIn.mileageKm": ["tradeInMileageKm", "Trade-in Mileage (km)"],
  "tradeIn.expectedValue": ["tradeInExpectedValue", "Trade-in Expected Value"],
  financingType: ["financingType", "Financing Type"],
  downPayment: ["downPayment", "Down Payment"],
  priority: ["priority", "Priority"],
};

const problemOf = (i: { code: string; message: string; maximum?: unknown; format?: unknown }): string => {
  if (i.code === "too_big" && typeof i.maximum !== "undefined") return `is longer than the ${String(i.maximum)} characters a dealership accepts`;
  if (i.code === "invalid_format" && i.format === "email") return "is not a valid email address";
  return i.message;
};

/**
 * The lead's fields the endorse contract (the one definition of what a dealership accepts) would refuse,
 * named as the lead form names them, so the agent can fix them before anything is queued.
 */
export function endorsementIssues(lead: LeadView, bpoUrl: string): (FieldIssue & { label: string })[] {
  const parsed = ZReceiveEndorsedLeadRequestSchema.safeParse(endorsementRequest(lead, bpoUrl, false));
  if (parsed.success) return [];
  const seen = new Map<string, FieldIssue & { label: string }>();
  for (const i of parsed.error.issues) {
    const key = i.path.map(String).join(".");
    const [path, label] = LEAD_FIELD[key] ?? [key, key];
    if (!seen.has(path)) seen.set(path, { path, label, message: `${label} ${problemOf(i as unknown as Parameters<typeof problemOf>[0])}` });
  }
  return [...seen.values()];
}
