import { z } from "zod";
import { ZContractVersion } from "./contract-version";
import { sharedLeadRequestFields } from "./lead-fields";

export const DEALER_RECEIVE_ENDORSED_LEAD = "dealer.receiveEndorsedLead";

const text = (max: number) => z.string().trim().max(max);
const optText = (max: number) => text(max).nullish();
const money = z.number().min(0).max(1e11).nullish();

/** The BPO lead handed to a dealership (dealer-2's pre-fill table, camelCased). */
export const ZReceiveEndorsedLeadRequestSchema = z
  .object({
    contractVersion: ZContractVersion,
    contactName: text(200).min(1, "contactName is required"),
    mobile: text(40).min(1, "mobile is required"),
    phone: optText(40),
    email: z.email().max(254).nullish(),
    street: optText(200),
    city: optText(100),
    zipCode: optText(20),
    countryCode: z.string().regex(/^[A-Z]{2}$/, "countryCode must be ISO 3166-1 alpha-2").nullish(),
    stateCode: optText(20),
    brandCode: text(40).min(1, "brandCode is required"),
    productCode: optText(60),
    vehicleModelName: optText(100),
    preferredColor: optText(60),
    quantity: z.number().int().min(1).max(1000).default(1),
    expectedPrice: money,
    budgetMin: money,
    budgetMax: money,
    customerNotes: optText(5000),
    internalNotes: optText(5000),
    hasTradeIn: z.boolean().default(false),
    tradeIn: z
      .object({
        make: optText(60),
        model: optText(60),
        year: z.number().int().min(1950).max(2100).nullish(),
        mileageKm: z.number().int().min(0).max(5_000_000).nullish(),
        expectedValue: money,
      })
      .strict()
      .nullish(),
    financingNeeded: z.boolean().default(false),
    financingType: z.enum(["bank", "in_house", "cash", "other"]).nullish(),
    downPayment: money,
    priority: z.number().int().min(0).max(3).default(1),
    ...sharedLeadRequestFields,
    endorsementType: z.enum(["with_sq", "without_sq"]),
    bpoSourceLeadId: z.number().int().positive(),
    bpoSourceLeadName: text(40).min(1),
    bpoSourceUrl: z.url().max(300),
  })
  .strict();
export type ReceiveEndorsedLeadRequest = z.output<typeof ZReceiveEndorsedLeadRequestSchema>;

export const ZReceiveEndorsedLeadResponseSchema = z.object({
  dealerLeadId: z.number().int(),
  dealerLeadName: z.string(),
  saleOrderName: z.string().nullable(),
  /** false when an earlier call for the same BPO lead already created it (idempotent retry). */
  created: z.boolean(),
});
export type ReceiveEndorsedLeadResponse = z.output<typeof ZReceiveEndorsedLeadResponseSchema>;
