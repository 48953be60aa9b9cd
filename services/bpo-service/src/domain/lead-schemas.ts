import { z } from "zod";
import { budgetInOrder, leadResponseFields, sharedLeadRequestFields, sharedLeadResponseFields } from "@crm/contracts";
import { ZBrandSchema, ZStageSchema } from "./catalog-schemas";
import { MOBILE_PATTERN, optionalId, optionalMoney, optionalText } from "@crm/platform/core";

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
  ...sharedLeadRequestFields,
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

export const ZCreateLeadRequestSchema = z
  .object({ contactName, mobile, brandId, sourceId, ...optionalLeadFields, claim: z.boolean().optional() })
  .strict()
  .refine(...budgetInOrder);
export type CreateLeadRequest = z.output<typeof ZCreateLeadRequestSchema>;

export const ZUpdateLeadRequestSchema = z
  .object({ contactName: contactName.optional(), mobile: mobile.optional(), brandId: brandId.optional(), sourceId: sourceId.optional(), ...optionalLeadFields })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" })
  .refine(...budgetInOrder);
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

/* ---- Responses: what the lead routes answer (the web app types its fetches with these) ---- */

const ZNamedRef = z.object({ id: z.number().int(), name: z.string() });
const ZCodedRef = ZNamedRef.extend({ code: z.string() });

/** Every lead column as the domain reads it (money as numbers, preferredDate as YYYY-MM-DD). */
export const ZLeadRecordSchema = z.object({
  ...leadResponseFields,
  countryCode: z.string().nullable(),
  stateCode: z.string().nullable(),
  dealershipId: z.number().int().nullable(),
  vehicleModelId: z.number().int().nullable(),
  preferredDate: z.iso.date().nullable(),
  lostReason: z.enum(LOST_REASONS).nullable(),
  /** The dealership's own lost reason when it closed the lead (kept as sent; the BPO's reason is mapped from the code). */
  dealerLostReasonCode: z.string().nullable(),
  dealerLostReasonLabel: z.string().nullable(),
  dealerSoName: z.string().nullable(),
  endorsementStatus: z.enum(["none", "pending", "delivered", "failed"]),
  endorsementType: z.enum(["with_sq", "without_sq"]).nullable(),
  endorsedDealershipId: z.number().int().nullable(),
  endorsedAt: z.date().nullable(),
  dealerLeadId: z.number().int().nullable(),
  dealerLeadName: z.string().nullable(),
  dealerQuotationName: z.string().nullable(),
  endorsementError: z.string().nullable(),
  claimedAt: z.date().nullable(),
  firstCallAt: z.date().nullable(),
  remoteBrandId: z.number().int().nullable(),
  remoteModel: z.string().nullable(),
  remoteId: z.number().int().nullable(),
  remoteSourceId: z.number().int().nullable(),
  /** Set on a duplicate archived by Merge into…: the lead it was merged into. */
  mergedIntoId: z.number().int().nullable(),
});

/** GET /leads/:id and every lead action: the record plus display names of everything it points to. */
export const ZLeadViewResponseSchema = ZLeadRecordSchema.extend({
  brand: ZCodedRef,
  dealership: ZCodedRef.nullable(),
  vehicleModel: ZNamedRef.extend({ code: z.string().nullable() }).nullable(),
  source: ZCodedRef.extend({ sourceType: z.string() }),
  stage: ZNamedRef.extend({ isWon: z.boolean(), isLost: z.boolean() }),
  user: ZNamedRef.nullable(),
});
export type LeadViewResponse = z.input<typeof ZLeadViewResponseSchema>;

/** A kanban card: who, which vehicle, where from, and the red/yellow/green pill of its next activity (bpo-2). */
export const ZLeadCardSchema = z.object({
  id: z.number().int(),
  reference: z.string(),
  contactName: z.string(),
  mobile: z.string(),
  brandId: z.number().int(),
  stageId: z.number().int(),
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  vehicleModelName: z.string().nullable(),
  sourceCode: z.string(),
  sourceName: z.string(),
  sourceType: z.string(),
  priority: z.number().int(),
  ...sharedLeadResponseFields,
  createdAt: z.date(),
  /** Due date (YYYY-MM-DD) of the lead's earliest open activity. */
  nextActivityDue: z.iso.date().nullable(),
  /** A Floor threshold this lead is past: unclaimed too long, or claimed and not called in time. */
  breach: z.enum(["claim", "first_call"]).nullable(),
  activityState: z.enum(["overdue", "today", "planned"]).nullable(),
});
export type LeadCardResponse = z.input<typeof ZLeadCardSchema>;


const column = { count: z.number().int(), cards: z.array(ZLeadCardSchema), nextCursor: z.string().nullable() };
export const ZOpenLeadsResponseSchema = z.object({
  columns: z.array(z.object({ brand: ZBrandSchema, ...column })),
  total: z.number().int(),
});
export const ZPipelineResponseSchema = z.object({ columns: z.array(z.object({ stage: ZStageSchema, ...column })) });
export const ZCardPageResponseSchema = z.object({ cards: z.array(ZLeadCardSchema), nextCursor: z.string().nullable() });
export type OpenLeadsResponse = z.input<typeof ZOpenLeadsResponseSchema>;
export type PipelineResponse = z.input<typeof ZPipelineResponseSchema>;

export const ZMarkWonResponseSchema = z.object({ lead: ZLeadViewResponseSchema, saleOrderName: z.string() });

const ZFieldChangeSchema = z.object({ field: z.string(), label: z.string(), old: z.string().nullable(), new: z.string().nullable() });
export const ZLeadMessageSchema = z.object({
  id: z.number().int(),
  leadId: z.number().int(),
  kind: z.enum(["note", "system", "tracking"]),
  body: z.string(),
  changes: z.array(ZFieldChangeSchema).nullable(),
  authorId: z.number().int().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.date(),
});
export const ZLeadMessagesResponseSchema = z.object({ messages: z.array(ZLeadMessageSchema) });
export type LeadMessageResponse = z.input<typeof ZLeadMessageSchema>;

export const ZOkResponseSchema = z.object({ ok: z.literal(true) });
