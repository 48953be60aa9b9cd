import { z } from "zod";
import { MOBILE_PATTERN, optionalId, optionalMoney, optionalText } from "@crm/platform";


export const FINANCING_TYPES = ["bank", "in_house", "cash", "other"] as const;

const email = z
  .string({ error: "Email must be text" })
  .trim()
  .max(254)
  .transform((v) => (v === "" ? null : v.toLowerCase()))
  .pipe(z.email("Email is not a valid address").nullable())
  .nullish();

/** Every editable lead field except the three required on create (dealer-2 pre-fill table). */
const optionalLeadFields = {
  phone: optionalText("Phone", 40),
  email,
  street: optionalText("Street"),
  city: optionalText("City", 100),
  zipCode: optionalText("ZIP", 20),
  countryId: optionalId("Country"),
  stateId: optionalId("State"),
  partnerId: optionalId("Customer"),
  productId: optionalId("Vehicle"),
  vehicleModelText: optionalText("Vehicle model text"),
  preferredColor: optionalText("Preferred color", 60),
  quantity: z.number({ error: "Quantity must be a number" }).int().min(1, "Quantity must be at least 1").max(1000).optional(),
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
  sourceId: z.number({ error: "Source must be an id" }).int().positive("Source must be an id").optional(),
  /** Salesperson; only Managers and Admins may pick someone other than themselves. */
  userId: optionalId("Salesperson"),
};

const required = (label: string, kind: string) => (i: { input: unknown }) =>
  i.input === undefined || i.input === null ? `${label} is required` : `${label} must be ${kind}`;

const contactName = z.string({ error: required("Customer Name", "text") }).trim().min(1, "Customer Name is required").max(200);
const mobile = z
  .string({ error: required("Mobile", "text") })
  .trim()
  .min(1, "Mobile is required")
  .regex(MOBILE_PATTERN, "Mobile may contain only digits, spaces and + ( ) - . /");
const brandId = z.number({ error: required("Brand", "an id") }).int().positive("Brand is required");

const budgetOrder = (v: { budgetMin?: number | null; budgetMax?: number | null }) =>
  v.budgetMin == null || v.budgetMax == null || v.budgetMin <= v.budgetMax;

export const ZCreateLeadRequestSchema = z
  .object({ contactName, mobile, brandId, ...optionalLeadFields })
  .strict()
  .refine(budgetOrder, { message: "Budget min cannot exceed budget max", path: ["budgetMin"] });
export type CreateLeadRequest = z.output<typeof ZCreateLeadRequestSchema>;

export const ZUpdateLeadRequestSchema = z
  .object({ contactName: contactName.optional(), mobile: mobile.optional(), brandId: brandId.optional(), ...optionalLeadFields })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" })
  .refine(budgetOrder, { message: "Budget min cannot exceed budget max", path: ["budgetMin"] });
export type UpdateLeadRequest = z.output<typeof ZUpdateLeadRequestSchema>;

export const ZMoveStageRequestSchema = z.object({ stageId: z.number().int().positive() }).strict();

export const ZMarkLostRequestSchema = z
  .object({
    lostReasonId: z.number({ error: "Lost Reason is required" }).int().positive("Lost Reason is required"),
    notes: z.string().trim().max(5000).optional().default(""),
  })
  .strict();
export type MarkLostRequest = z.output<typeof ZMarkLostRequestSchema>;

export const ZPostNoteRequestSchema = z.object({ body: z.string().trim().min(1, "Note cannot be empty").max(10_000) }).strict();

const ZDay = z.iso.date("must be YYYY-MM-DD");

/** Filters shared by the boards, the list and the CSV export (query string). */
export const ZLeadFilterQuerySchema = z.object({
  stageId: z.coerce.number().int().positive().optional(),
  brandId: z.coerce.number().int().positive().optional(),
  sourceId: z.coerce.number().int().positive().optional(),
  userId: z.coerce.number().int().positive().optional(),
  endorsed: z.enum(["true", "false"]).transform((v) => v === "true").optional().describe("Endorsed from BPO (has a BPO origin)"),
  createdFrom: ZDay.optional().describe("First creation day, inclusive"),
  createdTo: ZDay.optional().describe("Last creation day, inclusive"),
  q: z.string().trim().min(1).max(100).optional().describe("Text in name, mobile, email or reference"),
  archived: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
export type LeadFilterQuery = z.output<typeof ZLeadFilterQuerySchema>;

export const ZOrderLinesRequestSchema = z
  .object({
    lines: z
      .array(
        z
          .object({
            productId: z.number().int().positive("Product is required"),
            description: z.string().trim().max(500).optional(),
            quantity: z.number().int().min(1, "Quantity must be at least 1").max(1000),
            unitPrice: z.number().min(0, "Unit price cannot be negative").max(1e11).optional(),
          })
          .strict(),
      )
      .min(1, "An order needs at least one line")
      .max(100),
  })
  .strict();
export type OrderLinesRequest = z.output<typeof ZOrderLinesRequestSchema>;

export const ZDeliverRequestSchema = z.object({ deliveryDate: ZDay }).strict();
