import { z } from "zod";
import type { BpoStore } from "../data-access/bpo-store";
import type { FloorMetric, FloorThresholds, ResponseTimeRow } from "../data-access/floor-repository";
import { type Actor, requireRole } from "./actor";
import { dayIn } from "./activity-service";

const DAY_MS = 86_400_000;
const BREACH_LIST_LIMIT = 50;
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

/** UTC offset (ms) of `tz` at instant `at`: local wall clock minus UTC. */
function offsetMs(tz: string, at: Date): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The UTC instant a business day (YYYY-MM-DD) starts in `tz`. */
export function dayStart(day: string, tz: string): Date {
  const midnightAsUtc = Date.parse(`${day}T00:00:00Z`);
  const first = midnightAsUtc - offsetMs(tz, new Date(midnightAsUtc));
  // Offsets differ across a DST change between the guess and the answer: one correction settles it.
  return new Date(midnightAsUtc - offsetMs(tz, new Date(first)));
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/* ---- Response: what GET /floor answers (the web app's Floor page types itself with these) ---- */

const ZTimesSchema = z.object({ count: z.number().int(), medianSeconds: z.number(), p90Seconds: z.number() }).nullable();
const metricTimes = { claim: ZTimesSchema, first_call: ZTimesSchema, settle: ZTimesSchema };
type MetricTimes = Record<FloorMetric, z.input<typeof ZTimesSchema>>;
const emptyTimes = (): MetricTimes => ({ claim: null, first_call: null, settle: null });

/** Median and p90 response times over one window: everyone, per agent, per brand. */
const ZResponseWindowSchema = z.object({
  label: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  overall: z.object(metricTimes),
  byAgent: z.array(z.object({ userId: z.number().int(), name: z.string(), ...metricTimes })),
  byBrand: z.array(z.object({ brandId: z.number().int(), name: z.string(), ...metricTimes })),
});
type ResponseWindow = z.input<typeof ZResponseWindowSchema>;

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

/**
 * The Supervisor's live floor (issue 16): what waits, how fast the floor answers, and who is behind, for
 * Supervisors and Managers. Days are business days in BUSINESS_TIMEZONE.
 */
export class FloorService {
  constructor(
    private readonly store: BpoStore,
    private readonly opts: { timeZone: string; now?: () => Date },
  ) {}

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  async thresholds(actor: Actor): Promise<FloorThresholds> {
    requireRole(actor, "supervisor", "see the floor");
    return this.store.repos.floor.thresholds();
  }

  async setThresholds(actor: Actor, t: FloorThresholds): Promise<FloorThresholds> {
    requireRole(actor, "manager", "set the floor thresholds");
    return this.store.repos.floor.setThresholds(t);
  }

  async summary(actor: Actor, query: FloorQuery): Promise<FloorSummaryResponse> {
    requireRole(actor, "supervisor", "see the floor");
    const tz = this.opts.timeZone;
    const now = this.now();
    const today = dayIn(tz, now);
    const todayStart = dayStart(today, tz);
    const tomorrowStart = dayStart(addDays(today, 1), tz);
    const weekStart = dayStart(addDays(today, -6), tz);
    const repo = this.store.repos.floor;
    const thresholds = await repo.thresholds();
    const [brands, users, brandRows, agentRows, breaches, hourly, week, range] = await Promise.all([
      this.store.repos.catalog.listBrands(),
      this.store.repos.users.list(),
      repo.brands(todayStart),
      repo.agentsToday(todayStart, today),
      repo.breaches(thresholds, now, BREACH_LIST_LIMIT),
      repo.hourly(todayStart, tomorrowStart),
      repo.responseTimes(weekStart, tomorrowStart, todayStart),
      query.from && query.to ? repo.responseTimes(dayStart(query.from, tz), dayStart(addDays(query.to, 1), tz)) : Promise.resolve(null),
    ]);
    const todayTimes = week.split;
    const weekTimes = week.whole;
    const rangeTimes = range?.whole ?? null;
    const brandName = new Map(brands.map((b) => [b.id, b.name]));
    const userName = new Map(users.map((u) => [u.id, u.name]));

    const window = (label: string, from: string, to: string, rows: ResponseTimeRow[]): ResponseWindow => {
      const overall = emptyTimes();
      const agents = new Map<number, MetricTimes>();
      const byBrand = new Map<number, MetricTimes>();
      for (const r of rows) {
        const t = { count: r.count, medianSeconds: r.medianSeconds, p90Seconds: r.p90Seconds };
        if (r.scope === "all") overall[r.metric] = t;
        const group = r.scope === "user" ? agents : r.scope === "brand" ? byBrand : null;
        const key = r.scope === "user" ? r.userId! : r.brandId!;
        if (group) {
          const m = group.get(key) ?? emptyTimes();
          m[r.metric] = t;
          group.set(key, m);
        }
      }
      return {
        label,
        from,
        to,
        overall,
        byAgent: [...agents].map(([userId, m]) => ({ userId, name: userName.get(userId) ?? `User #${userId}`, ...m })).sort((a, b) => a.name.localeCompare(b.name)),
        byBrand: [...byBrand].map(([brandId, m]) => ({ brandId, name: brandName.get(brandId) ?? `Brand #${brandId}`, ...m })).sort((a, b) => a.name.localeCompare(b.name)),
      };
    };

    // Every active agent shows, plus anyone else who worked leads today.
    const agentById = new Map(agentRows.map((a) => [a.userId, a]));
    const agentIds = new Set([...users.filter((u) => u.active && u.role === "agent").map((u) => u.id), ...agentById.keys()]);
    const agents = [...agentIds]
      .map((id) => {
        const a = agentById.get(id) ?? { userId: id, claims: 0, calls: {}, overdueActivities: 0, endorsements: 0, won: 0, lost: 0 };
        return { ...a, name: userName.get(id) ?? `User #${id}`, callsTotal: Object.values(a.calls).reduce((s, x) => s + x, 0) };
      })
      .sort((a, b) => a.name.localeCompare(b.name));

    // Waiting at the end of each hour so far, worked back from the pool now (see FloorRepository.hourly).
    const hoursSoFar = Math.min(24, Math.max(1, Math.ceil((now.getTime() - todayStart.getTime()) / 3_600_000)));
    const waiting: number[] = new Array(hoursSoFar).fill(0);
    let w = hourly.waitingNow;
    for (let h = hoursSoFar - 1; h >= 0; h--) {
      waiting[h] = Math.max(0, w);
      w = w - (hourly.created.get(h) ?? 0) + (hourly.claimed.get(h) ?? 0);
    }

    return {
      generatedAt: now.toISOString(),
      timeZone: tz,
      today,
      thresholds,
      brands: brandRows.map((b) => ({
        ...b,
        name: brandName.get(b.brandId) ?? `Brand #${b.brandId}`,
        oldestWaitingMinutes: b.oldestWaitingAt ? Math.max(0, Math.floor((now.getTime() - b.oldestWaitingAt.getTime()) / 60_000)) : null,
      })),
      responseTimes: {
        today: window("Today", today, today, todayTimes),
        last7Days: window("Last 7 days", addDays(today, -6), today, weekTimes),
        range: rangeTimes && query.from && query.to ? window(`${query.from} to ${query.to}`, query.from, query.to, rangeTimes) : null,
      },
      agents,
      breaches: {
        claim: breaches.claim,
        firstCall: breaches.firstCall,
        leads: breaches.leads.map((b) => ({
          ...b,
          brandName: brandName.get(b.brandId) ?? `Brand #${b.brandId}`,
          minutesOver: Math.max(0, Math.floor((now.getTime() - b.since.getTime()) / 60_000) - (b.kind === "claim" ? thresholds.claimMinutes : thresholds.firstCallMinutes)),
        })),
      },
      chart: {
        hours: Array.from({ length: hoursSoFar }, (_, h) => `${String(h).padStart(2, "0")}:00`),
        waiting,
        claimed: Array.from({ length: hoursSoFar }, (_, h) => hourly.claimed.get(h) ?? 0),
        created: Array.from({ length: hoursSoFar }, (_, h) => hourly.created.get(h) ?? 0),
      },
    };
  }
}
