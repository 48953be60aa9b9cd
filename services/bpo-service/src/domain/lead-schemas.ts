import { z } from "zod";
import { MOBILE_PATTERN, optionalId, optionalMoney, optionalText } from "@crm/platform";


export const LOST_REASONS = ["price", "competitor", "timing", "model_unavailable", "financing", "other"] as const;
export const FINANCING_TYPES = ["bank", "in_house", "cash", "other"] as const;

/** Every editable lead field except the three required on create. */
const optionalLeadFields = {
  email: z
    .string({ error: "Email must be text" })
    .trim()
    .max(254)
    .transform((v) => (v === "" ? null : v.toLowerCase()))
    .pipe(z.email("Email is not a valid address").nullable())
    .nullish(),
  phone: optionalText("Phone", 40),
  street: optionalText("Street"),
  city: optionalText("City", 100),
  zipCode: optionalText("ZIP", 20),
  countryCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Country must be a two-letter ISO code")
    .nullish(),
  stateCode: optionalText("State", 20),
  dealershipId: optionalId("Dealership"),
  vehicleModelId: optionalId("Vehicle model"),
  preferredColor: optionalText("Preferred color", 60),
  quantity: z.number().int().min(1, "Quantity must be at least 1").max(1000).optional(),
  expectedPrice: optionalMoney("Expected price"),
  budgetMin: optionalMoney("Budget min"),
  budgetMax: optionalMoney("Budget max"),
  customerNotes: optionalText("Customer notes", 5000),
  internalNotes: optionalText("Internal notes", 5000),
  hasTradeIn: z.boolean().optional(),
  tradeInMake: optionalText("Trade-in make", 60),
  tradeInModel: optionalText("Trade-in model", 60),
  tradeInYear: z.number().int().min(1950, "Trade-in year looks wrong").max(2100, "Trade-in year looks wrong").nullish(),
  tradeInMileageKm: z.number().int().min(0).max(5_000_000).nullish(),
  tradeInExpectedValue: optionalMoney("Trade-in expected value"),
  financingNeeded: z.boolean().optional(),
  financingType: z.enum(FINANCING_TYPES, { error: `Financing type must be one of ${FINANCING_TYPES.join(", ")}` }).nullish(),
  downPayment: optionalMoney("Down payment"),
  priority: z.number().int().min(0, "Priority is 0 to 3").max(3, "Priority is 0 to 3").optional(),
  preferredDate: z.iso.date("Preferred date must be YYYY-MM-DD").nullish(),
};

const contactName = z
  .string({ error: (i) => (i.input === undefined || i.input === null ? "Customer Name is required" : "Customer Name must be text") })
  .trim()
  .min(1, "Customer Name is required")
  .max(200);
const mobile = z
  .string({ error: (i) => (i.input === undefined || i.input === null ? "Mobile is required" : "Mobile must be text") })
  .trim()
  .min(1, "Mobile is required")
  .regex(MOBILE_PATTERN, "Mobile may contain only digits, spaces and + ( ) - . /");
const brandId = z
  .number({ error: (i) => (i.input === undefined || i.input === null ? "Interested Brand is required" : "Interested Brand must be an id") })
  .int()
  .positive("Interested Brand is required");

/** bpo-3: "The source is required on every lead" (the form pre-selects Inbound Call, it never hides the field). */
const sourceId = z
  .number({ error: (i) => (i.input === undefined || i.input === null ? "Source is required" : "Source must be an id") })
  .int()
  .positive("Source is required");

const budgetOrder = (v: { budgetMin?: number | null; budgetMax?: number | null }) =>
  v.budgetMin == null || v.budgetMax == null || v.budgetMin <= v.budgetMax;

export const ZCreateLeadRequestSchema = z
  .object({ contactName, mobile, brandId, sourceId, ...optionalLeadFields, claim: z.boolean().optional() })
  .strict()
  .refine(budgetOrder, { message: "Budget min cannot exceed budget max", path: ["budgetMin"] });
export type CreateLeadRequest = z.output<typeof ZCreateLeadRequestSchema>;

export const ZUpdateLeadRequestSchema = z
  .object({ contactName: contactName.optional(), mobile: mobile.optional(), brandId: brandId.optional(), sourceId: sourceId.optional(), ...optionalLeadFields })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" })
  .refine(budgetOrder, { message: "Budget min cannot exceed budget max", path: ["budgetMin"] });
export type UpdateLeadRequest = z.output<typeof ZUpdateLeadRequestSchema>;

export const ZMoveStageRequestSchema = z.object({ stageId: z.number().int().positive() }).strict();

export const ZOverrideStageRequestSchema = z
  .object({
    stageId: z.number().int().positive(),
    reason: z.string().trim().min(5, "Say why the override is needed (at least 5 characters)").max(1000),
  })
  .strict();

export const ZMarkLostRequestSchema = z
  .object({
    reason: z.enum(LOST_REASONS, {
      error: "Lost Reason is required: Price, Competitor, Timing, Model Unavailable, Financing or Other",
    }),
    notes: z.string().trim().max(5000).optional().default(""),
  })
  .strict();
export type MarkLostRequest = z.output<typeof ZMarkLostRequestSchema>;

export const ZAssignLeadRequestSchema = z.object({ userId: z.number().int().positive().nullable() }).strict();

export const ZPostNoteRequestSchema = z
  .object({ body: z.string().trim().min(1, "Note cannot be empty").max(10_000) })
  .strict();

export const ZPageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
