import { z } from "zod";
import { sharedLeadResponseFields } from "./lead-fields";

const id = z.number().int();

/**
 * The lead columns both services answer alike (customer, vehicle interest, budget, trade-in, financing, outcome
 * flags), spread into each service's ZLeadRecordSchema beside the columns only it has.
 */
export const leadResponseFields = {
  id,
  reference: z.string(),
  contactName: z.string(),
  mobile: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  street: z.string().nullable(),
  city: z.string().nullable(),
  zipCode: z.string().nullable(),
  brandId: id,
  preferredColor: z.string().nullable(),
  quantity: z.number().int(),
  expectedPrice: z.number().nullable(),
  budgetMin: z.number().nullable(),
  budgetMax: z.number().nullable(),
  customerNotes: z.string().nullable(),
  internalNotes: z.string().nullable(),
  hasTradeIn: z.boolean(),
  tradeInMake: z.string().nullable(),
  tradeInModel: z.string().nullable(),
  tradeInYear: z.number().int().nullable(),
  tradeInMileageKm: z.number().int().nullable(),
  tradeInExpectedValue: z.number().nullable(),
  financingNeeded: z.boolean(),
  financingType: z.enum(["bank", "in_house", "cash", "other"]).nullable(),
  downPayment: z.number().nullable(),
  priority: z.number().int(),
  ...sharedLeadResponseFields,
  sourceId: id,
  stageId: id,
  userId: id.nullable(),
  isWon: z.boolean(),
  isLost: z.boolean(),
  active: z.boolean(),
  lostNotes: z.string().nullable(),
  closedAt: z.date().nullable(),
  createdById: id.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
};
