import { z } from "zod";

const id = (label: string) => z.coerce.number({ error: `${label} must be an id` }).int().positive(`${label} must be an id`).optional();

/** The Leads list view's query string: the search text, the filters and keyset paging. */
export const ZLeadListQuerySchema = z
  .object({
    q: z.string().max(200, "Search text is at most 200 characters").optional(),
    stageId: id("Stage"),
    brandId: id("Brand"),
    sourceId: id("Source"),
    userId: z.union([z.literal("none"), z.coerce.number({ error: "Salesperson must be an id or none" }).int().positive("Salesperson must be an id or none")]).optional(),
    dealershipId: id("Dealership"),
    endorsementStatus: z.enum(["none", "pending", "delivered", "failed"], { error: "Endorsement status must be none, pending, delivered or failed" }).optional(),
    createdFrom: z.iso.date("Created from must be a date (YYYY-MM-DD)").optional(),
    createdTo: z.iso.date("Created to must be a date (YYYY-MM-DD)").optional(),
    archived: z.enum(["true", "false"], { error: "Archived must be true or false" }).transform((v) => v === "true").optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => !q.createdFrom || !q.createdTo || q.createdFrom <= q.createdTo, { message: "Created from must not be after Created to", path: ["createdFrom"] });
export type LeadListQuery = z.output<typeof ZLeadListQuerySchema>;

/** What GET /leads answers: a page of rows, newest first, and the cursor of the next page. */
export const ZLeadListResponseSchema = z.object({
  rows: z.array(
    z.object({
      id: z.number().int(),
      reference: z.string(),
      contactName: z.string(),
      /** Empty when `restricted`. */
      mobile: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      stageId: z.number().int(),
      stageName: z.string(),
      brandId: z.number().int(),
      brandName: z.string(),
      sourceName: z.string(),
      userId: z.number().int().nullable(),
      userName: z.string().nullable(),
      dealershipId: z.number().int().nullable(),
      dealershipName: z.string().nullable(),
      endorsementStatus: z.enum(["none", "pending", "delivered", "failed"]),
      isWon: z.boolean(),
      isLost: z.boolean(),
      active: z.boolean(),
      mergedIntoId: z.number().int().nullable(),
      createdAt: z.date(),
      /** Held by another agent: the row names the owner (to transfer the call) but the lead cannot be opened. */
      restricted: z.boolean(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type LeadListResponse = z.input<typeof ZLeadListResponseSchema>;
