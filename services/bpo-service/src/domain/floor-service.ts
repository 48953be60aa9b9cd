import type { BpoStore } from "../data-access/bpo-store";
import type { FloorMetric, FloorThresholds, ResponseTimeRow } from "../data-access/floor-repository";
import { type Actor, requireRole } from "./actor";
import { dayIn, startOfDayIn, startOfNextDayIn } from "@crm/platform/core";
import type { FloorQuery, FloorSummaryResponse, ResponseWindow } from "./floor-schemas";

const DAY_MS = 86_400_000;
const BREACH_LIST_LIMIT = 50;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

type MetricTimes = Record<FloorMetric, ResponseWindow["overall"]["claim"]>;
const emptyTimes = (): MetricTimes => ({ claim: null, first_call: null, settle: null });

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
    const todayStart = startOfDayIn(today, tz);
    const tomorrowStart = startOfNextDayIn(today, tz);
    const weekStart = startOfDayIn(addDays(today, -6), tz);
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
      query.from && query.to ? repo.responseTimes(startOfDayIn(query.from, tz), startOfNextDayIn(query.to, tz)) : Promise.resolve(null),
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
