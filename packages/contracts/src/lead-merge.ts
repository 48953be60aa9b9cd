/**
 * Merge into… (issue 16 part 2, BPO REST `POST /api/leads/:id/merge`): the customer and deal fields a merge may
 * take from the duplicate, with the labels the wizard and the chatter use. Declared once for the service (which
 * validates the request with it) and the BPO web app (which offers one choice per field).
 */
export const LEAD_MERGE_FIELDS = {
  contactName: "Customer Name",
  email: "Email",
  mobile: "Mobile",
  phone: "Phone",
  street: "Street",
  city: "City",
  zipCode: "ZIP",
  countryCode: "Country",
  stateCode: "State",
  dealershipId: "Dealership",
  vehicleModelId: "Vehicle Model",
  preferredColor: "Preferred Color",
  quantity: "Quantity",
  expectedPrice: "Expected Price",
  budgetMin: "Budget Min",
  budgetMax: "Budget Max",
  preferredDate: "Preferred Date",
  customerNotes: "Customer Notes",
  internalNotes: "Internal Notes",
  hasTradeIn: "Has Trade-in",
  tradeInMake: "Trade-in Make",
  tradeInModel: "Trade-in Model",
  tradeInYear: "Trade-in Year",
  tradeInMileageKm: "Trade-in Mileage (km)",
  tradeInExpectedValue: "Trade-in Expected Value",
  financingNeeded: "Financing Needed",
  financingType: "Financing Type",
  downPayment: "Down Payment",
  priority: "Priority",
} as const;
export type LeadMergeField = keyof typeof LEAD_MERGE_FIELDS;

/** The body of `POST /api/leads/:duplicateId/merge`. */
export interface LeadMergeRequest {
  /** The lead to keep. */
  intoId: number;
  /** Fields whose (non-empty) value comes from the duplicate; the kept lead's value stays for the others. */
  take: LeadMergeField[];
}
