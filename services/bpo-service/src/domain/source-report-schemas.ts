import { z } from "zod";

export const ZSourceReportQuerySchema = z
  .object({
    from: z.iso.date("From must be a date (YYYY-MM-DD)").optional(),
    to: z.iso.date("To must be a date (YYYY-MM-DD)").optional(),
    brandId: z.coerce.number({ error: "Brand must be an id" }).int().positive("Brand must be an id").optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "From must not be after To", path: ["from"] });
export type SourceReportQuery = z.output<typeof ZSourceReportQuerySchema>;

const counts = {
  total: z.number().int(),
  open: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  endorsed: z.number().int(),
  /** Won among the closed (won + lost), 0–1; null while nothing is closed. */
  winRate: z.number().nullable(),
};

/** What GET /reports/lead-sources answers: the query as applied, a row per source, per source type, and totals. */
export const ZSourceReportResponseSchema = z.object({
  query: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional(), brandId: z.number().int().optional() }),
  sources: z.array(z.object({ sourceId: z.number().int(), code: z.string(), name: z.string(), sourceType: z.string(), active: z.boolean(), ...counts })),
  byType: z.array(z.object({ sourceType: z.string(), ...counts })),
  totals: z.object(counts),
});
export type SourceReport = z.input<typeof ZSourceReportResponseSchema>;
export type SourceReportRow = SourceReport["sources"][number];
