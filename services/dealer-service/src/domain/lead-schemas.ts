import { z } from "zod";
import { budgetInOrder, leadResponseFields, sharedLeadRequestFields, sharedLeadResponseFields } from "@crm/contracts";
import { MOBILE_PATTERN, optionalId, optionalMoney, optionalText } from "@crm/platform/core";

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
  ...sharedLeadRequestFields,
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

export const ZCreateLeadRequestSchema = z
  .object({ contactName, mobile, brandId, ...optionalLeadFields })
  .strict()
  .refine(...budgetInOrder);
export type CreateLeadRequest = z.output<typeof ZCreateLeadRequestSchema>;

export const ZUpdateLeadRequestSchema = z
  .object({ contactName: contactName.optional(), mobile: mobile.optional(), brandId: brandId.optional(), ...optionalLeadFields })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" })
  .refine(...budgetInOrder);
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

/* ---- Responses: what the lead routes answer (the web app types its fetches with these) ---- */

const ZNamedRef = z.object({ id: z.number().int(), name: z.string() });
const ZCodedRef = ZNamedRef.extend({ code: z.string() });
const id = z.number().int();
const ORDER_STATES = ["draft", "sale", "done", "cancel"] as const;

/** Every lead column as the domain reads it (money as numbers). */
export const ZLeadRecordSchema = z.object({
  ...leadResponseFields,
  countryId: id.nullable(),
  stateId: id.nullable(),
  partnerId: id.nullable(),
  productId: id.nullable(),
  vehicleModelText: z.string().nullable(),
  lostReasonId: id.nullable(),
  bpoSourceLeadId: id.nullable(),
  bpoSourceLeadName: z.string().nullable(),
  bpoSourceUrl: z.string().nullable(),
  callbackStatus: z.enum(["none", "pending", "delivered", "failed"]),
  callbackError: z.string().nullable(),
});

/** GET /leads/:id and every lead action: the record plus display names of everything it points to. */
export const ZLeadViewResponseSchema = ZLeadRecordSchema.extend({
  brand: ZCodedRef,
  product: ZNamedRef.extend({ defaultCode: z.string() }).nullable(),
  source: ZCodedRef,
  stage: ZNamedRef.extend({ isWon: z.boolean(), isLost: z.boolean() }),
  user: ZNamedRef.nullable(),
  partner: ZNamedRef.nullable(),
  country: ZCodedRef.nullable(),
  state: ZCodedRef.nullable(),
  lostReason: ZNamedRef.nullable(),
  createdBy: ZNamedRef.nullable(),
  orders: z.array(z.object({ id, name: z.string(), state: z.enum(ORDER_STATES), amountTotal: z.number() })),
});
export type LeadViewResponse = z.input<typeof ZLeadViewResponseSchema>;

/** A kanban card and a list row. */
export const ZLeadCardSchema = z.object({
  id,
  reference: z.string(),
  contactName: z.string(),
  mobile: z.string(),
  email: z.string().nullable(),
  brandId: id,
  brandName: z.string(),
  productName: z.string().nullable(),
  /** The model name the BPO sent: shown when no product was matched (dealer-2 fallback display). */
  vehicleModelText: z.string().nullable(),
  stageId: id,
  userId: id.nullable(),
  userName: z.string().nullable(),
  sourceCode: z.string(),
  sourceName: z.string(),
  priority: z.number().int(),
  ...sharedLeadResponseFields,
  bpoSourceLeadName: z.string().nullable(),
  bpoSourceUrl: z.string().nullable(),
  createdAt: z.date(),
});
export type LeadCardResponse = z.input<typeof ZLeadCardSchema>;

/** A pipeline stage (GET /stages and the board columns). */
export const ZStageSchema = ZNamedRef.extend({ sequence: z.number().int(), fold: z.boolean(), isWon: z.boolean(), isLost: z.boolean() });
export const ZCardPageResponseSchema = z.object({ cards: z.array(ZLeadCardSchema), nextCursor: z.string().nullable() });
export const ZBoardResponseSchema = z.object({
  columns: z.array(z.object({ stage: ZStageSchema, count: z.number().int(), cards: z.array(ZLeadCardSchema), nextCursor: z.string().nullable() })),
  total: z.number().int(),
});
export type BoardResponse = z.input<typeof ZBoardResponseSchema>;
export type CardPageResponse = z.input<typeof ZCardPageResponseSchema>;
export const ZStagesResponseSchema = z.object({ stages: z.array(ZStageSchema) });
export type StageResponse = z.input<typeof ZStageSchema>;

export const ZMarkWonCheckResponseSchema = z.object({ allowed: z.boolean(), code: z.string().nullable(), reason: z.string().nullable() });
export type MarkWonCheckResponse = z.input<typeof ZMarkWonCheckResponseSchema>;

const ZFieldChangeSchema = z.object({ field: z.string(), label: z.string(), old: z.string().nullable(), new: z.string().nullable() });
export const ZLeadMessagesResponseSchema = z.object({
  messages: z.array(
    z.object({
      id,
      leadId: id.nullable(),
      saleOrderId: id.nullable(),
      kind: z.enum(["note", "system", "tracking"]),
      body: z.string(),
      changes: z.array(ZFieldChangeSchema).nullable(),
      authorId: id.nullable(),
      authorName: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
});

export type MessagesResponse = z.input<typeof ZLeadMessagesResponseSchema>;

/** A sale order with its lines: Convert to Quotation, GET /sale-orders/:id and every order action answer it. */
export const ZSaleOrderSchema = z.object({
  id,
  name: z.string(),
  leadId: id.nullable(),
  partnerId: id,
  partnerName: z.string(),
  state: z.enum(ORDER_STATES),
  amountTotal: z.number(),
  confirmedAt: z.date().nullable(),
  /** Calendar day, YYYY-MM-DD. */
  deliveryDate: z.string().nullable(),
  cancelledAt: z.date().nullable(),
  createdById: id.nullable(),
  createdAt: z.date(),
  lines: z.array(
    z.object({
      id,
      sequence: z.number().int(),
      productId: id,
      productName: z.string(),
      description: z.string(),
      quantity: z.number().int(),
      unitPrice: z.number(),
      subtotal: z.number(),
    }),
  ),
});
export const ZSaleOrdersResponseSchema = z.object({ orders: z.array(ZSaleOrderSchema) });
export type SaleOrderResponse = z.input<typeof ZSaleOrderSchema>;

export const ZOkResponseSchema = z.object({ ok: z.literal(true) });
