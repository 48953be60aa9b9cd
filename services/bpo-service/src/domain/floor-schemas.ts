import { z } from "zod";

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;

export const ZFloorQuerySchema = z
  .object({
    from: z.iso.date("From must be a date (YYYY-MM-DD)").optional(),
    to: z.iso.date("To must be a date (YYYY-MM-DD)").optional(),
  })
  .strict()
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: "Give both From and To for a range", path: ["from"] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "From must not be after To", path: ["from"] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS < MAX_RANGE_DAYS, {
    message: `A range covers at most ${MAX_RANGE_DAYS} days`,
    path: ["to"],
  });
export type FloorQuery = z.output<typeof ZFloorQuerySchema>;

const minutes = (label: string) =>
  z
    .number({ error: `${label} must be a number of minutes` })
    .int(`${label} must be whole minutes`)
    .min(1, `${label} must be at least 1 minute`)
    .max(10_080, `${label} must be at most 7 days (10,080 minutes)`);
export const ZFloorThresholdsSchema = z
  .object({ claimMinutes: minutes("Claim within"), firstCallMinutes: minutes("First call within") })
  .strict();

/* ---- Response: what GET /floor answers (the web app's Floor page types itself with these) ---- */

const ZTimesSchema = z.object({ count: z.number().int(), medianSeconds: z.number(), p90Seconds: z.number() }).nullable();
const metricTimes = { claim: ZTimesSchema, first_call: ZTimesSchema, settle: ZTimesSchema };

/** Median and p90 response times over one window: everyone, per agent, per brand. */
const ZResponseWindowSchema = z.object({
  label: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  overall: z.object(metricTimes),
  byAgent: z.array(z.object({ userId: z.number().int(), name: z.string(), ...metricTimes })),
  byBrand: z.array(z.object({ brandId: z.number().int(), name: z.string(), ...metricTimes })),
});
export type ResponseWindow = z.input<typeof ZResponseWindowSchema>;

export const ZFloorSummaryResponseSchema = z.object({
  generatedAt: z.iso.datetime(),
  timeZone: z.string(),
  today: z.iso.date(),
  thresholds: ZFloorThresholdsSchema,
  brands: z.array(
    z.object({
      brandId: z.number().int(),
      name: z.string(),
      waiting: z.number().int(),
      oldestWaitingAt: z.date().nullable(),
      oldestWaitingMinutes: z.number().int().nullable(),
      importedToday: z.number().int(),
      createdToday: z.number().int(),
    }),
  ),
  responseTimes: z.object({ today: ZResponseWindowSchema, last7Days: ZResponseWindowSchema, range: ZResponseWindowSchema.nullable() }),
  agents: z.array(
    z.object({
      userId: z.number().int(),
      name: z.string(),
      claims: z.number().int(),
      /** Calls by result (answered, no_answer…). */
      calls: z.record(z.string(), z.number().int()),
      callsTotal: z.number().int(),
      overdueActivities: z.number().int(),
      endorsements: z.number().int(),
      won: z.number().int(),
      lost: z.number().int(),
    }),
  ),
  breaches: z.object({
    claim: z.number().int(),
    firstCall: z.number().int(),
    leads: z.array(
      z.object({
        leadId: z.number().int(),
        reference: z.string(),
        contactName: z.string(),
        brandId: z.number().int(),
        brandName: z.string(),
        userId: z.number().int().nullable(),
        userName: z.string().nullable(),
        kind: z.enum(["claim", "first_call"]),
        /** When the clock started: creation for a claim breach, the claim for a first-call breach. */
        since: z.date(),
        minutesOver: z.number().int(),
      }),
    ),
  }),
  /** Per hour of the business day so far: leads waiting at the hour's end, claimed and created in it. */
  chart: z.object({ hours: z.array(z.string()), waiting: z.array(z.number().int()), claimed: z.array(z.number().int()), created: z.array(z.number().int()) }),
});
export type FloorSummaryResponse = z.input<typeof ZFloorSummaryResponseSchema>;
