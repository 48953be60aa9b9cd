import { Prisma } from "./prisma-client/client";
import type { DbClient } from "./db-client";

export type FloorMetric = "claim" | "first_call" | "settle";

/** Median and p90 (seconds) of one response time over one group: everyone, one agent or one brand. */
export interface ResponseTimeRow {
  metric: FloorMetric;
  userId: number | null;
  brandId: number | null;
  /** "all", "user" or "brand": which grouping the row belongs to. */
  scope: "all" | "user" | "brand";
  count: number;
  medianSeconds: number;
  p90Seconds: number;
}

export interface BrandFloorRow {
  brandId: number;
  waiting: number;
  oldestWaitingAt: Date | null;
  importedToday: number;
  createdToday: number;
}

export interface AgentTodayRow {
  userId: number;
  claims: number;
  calls: Record<string, number>;
  overdueActivities: number;
  endorsements: number;
  won: number;
  lost: number;
}

export interface BreachRow {
  leadId: number;
  reference: string;
  contactName: string;
  brandId: number;
  userId: number | null;
  userName: string | null;
  kind: "claim" | "first_call";
  /** When the clock started: creation for a claim breach, the claim for a first-call breach. */
  since: Date;
}

export interface FloorThresholds {
  claimMinutes: number;
  firstCallMinutes: number;
}

const OPEN = Prisma.sql`NOT l.is_won AND NOT l.is_lost AND l.active`;
const POOL = Prisma.sql`l.user_id IS NULL AND ${OPEN}`;
const AWAITING_CALL = Prisma.sql`l.first_call_at IS NULL AND l.user_id IS NOT NULL AND ${OPEN}`;
const n = (v: bigint | number | null) => Number(v ?? 0);
const FLOOR_METRICS: FloorMetric[] = ["claim", "first_call", "settle"];
const PERCENTILES = Prisma.raw("ARRAY[0.5, 0.9]::float8[]");
const FLOOR_SORT_MEMORY = "16MB";
/** Windows up to 8 days (the last 7 days) sort within the default 4 MB work_mem at 1,000,000 leads. */
const SORT_IN_DEFAULT_MEMORY_MS = 8 * 86_400_000;
const SETTLED = Prisma.sql`LEAST(l.endorsed_at, l.closed_at)`;

/**
 * Each metric's events in [from, to): who, which brand, when it ended and how long it took (seconds), read from
 * the covering index on its end column (leads_claimed_at_idx, leads_first_call_at_idx, leads_settled_at_idx).
 */
const METRIC_SOURCE: Record<FloorMetric, (from: Date, to: Date) => Prisma.Sql> = {
  claim: (from, to) => Prisma.sql`
    SELECT l.user_id, l.brand_id, l.claimed_at AS end_at, extract(epoch FROM l.claimed_at - l.created_at)::float8 AS secs
    FROM leads l
    WHERE l.claimed_at >= ${from} AND l.claimed_at < ${to} AND l.user_id IS NOT NULL
      AND NOT (l.created_by_id IS NOT DISTINCT FROM l.user_id AND l.claimed_at <= l.created_at + interval '1 second')`,
  first_call: (from, to) => Prisma.sql`
    SELECT l.user_id, l.brand_id, l.first_call_at AS end_at, extract(epoch FROM l.first_call_at - l.claimed_at)::float8 AS secs
    FROM leads l
    WHERE l.first_call_at >= ${from} AND l.first_call_at < ${to} AND l.claimed_at <= l.first_call_at`,
  settle: (from, to) => Prisma.sql`
    SELECT l.user_id, l.brand_id, ${SETTLED} AS end_at, extract(epoch FROM ${SETTLED} - l.first_call_at)::float8 AS secs
    FROM leads l
    WHERE l.first_call_at IS NOT NULL AND ${SETTLED} >= ${from} AND ${SETTLED} < ${to} AND ${SETTLED} >= l.first_call_at`,
};

/**
 * The Supervisor's floor (issue 16): every figure is a grouped query over indexed timestamp columns on leads
 * (claimed_at, first_call_at, LEAST(endorsed_at, closed_at), closed_at, endorsed_at) or today's call logs,
 * never a scan of history. Bounds are UTC instants (the columns hold UTC without zone).
 */
export class FloorRepository {
  constructor(private readonly db: DbClient) {}

  async thresholds(): Promise<FloorThresholds> {
    const s = await this.db.appSetting.findUnique({ where: { id: 1 }, select: { floorClaimMinutes: true, floorFirstCallMinutes: true } });
    return { claimMinutes: s?.floorClaimMinutes ?? 15, firstCallMinutes: s?.floorFirstCallMinutes ?? 30 };
  }

  async setThresholds(t: FloorThresholds): Promise<FloorThresholds> {
    const s = await this.db.appSetting.upsert({
      where: { id: 1 },
      create: { id: 1, floorClaimMinutes: t.claimMinutes, floorFirstCallMinutes: t.firstCallMinutes },
      update: { floorClaimMinutes: t.claimMinutes, floorFirstCallMinutes: t.firstCallMinutes },
    });
    return { claimMinutes: s.floorClaimMinutes, firstCallMinutes: s.floorFirstCallMinutes };
  }

  /**
   * Intake → claim (leads an agent created already claimed are left out: no one waited for them), claim →
   * first call, first call → endorse or close; each counted in the window its end falls in. With `splitAt`,
   * each group also gets the figures for ends at or after it (today inside the last 7 days: one scan for both).
   * One statement per metric, run side by side: each is one index-only range scan of its window.
   */
  async responseTimes(from: Date, to: Date, splitAt?: Date): Promise<{ whole: ResponseTimeRow[]; split: ResponseTimeRow[] }> {
    const perMetric = await Promise.all(FLOOR_METRICS.map((m) => this.metricTimes(m, from, to, splitAt)));
    return { whole: perMetric.flatMap((r) => r.whole), split: perMetric.flatMap((r) => r.split) };
  }

  private async metricTimes(metric: FloorMetric, from: Date, to: Date, splitAt?: Date): Promise<{ whole: ResponseTimeRow[]; split: ResponseTimeRow[] }> {
    // Both percentiles from one sort of each group (percentile_cont over an array of fractions interpolates as the
    // scalar form does).
    const split = splitAt
      ? Prisma.sql`count(*) FILTER (WHERE end_at >= ${splitAt}) AS split_n,
          percentile_cont(${PERCENTILES}) WITHIN GROUP (ORDER BY secs) FILTER (WHERE end_at >= ${splitAt}) AS split_p`
      : Prisma.sql`0::bigint AS split_n, NULL::float8[] AS split_p`;
    const query = (db: DbClient) =>
      db.$queryRaw<
        { user_id: number | null; brand_id: number | null; g_user: number; g_brand: number; n: bigint; p: number[] | null; split_n: bigint; split_p: number[] | null }[]
      >`
        SELECT user_id, brand_id, GROUPING(user_id)::int AS g_user, GROUPING(brand_id)::int AS g_brand, count(*) AS n,
               percentile_cont(${PERCENTILES}) WITHIN GROUP (ORDER BY secs) AS p, ${split}
        FROM (${METRIC_SOURCE[metric](from, to)}) s
        GROUP BY GROUPING SETS ((), (user_id), (brand_id))`;
    // A week's sort fits the default work_mem; only a longer range pays for the transaction that raises it.
    const rows = await (to.getTime() - from.getTime() > SORT_IN_DEFAULT_MEMORY_MS ? this.withSortMemory(query) : query(this.db));
    // No events: the () group still answers, with count 0; the window then has no figure for the metric.
    const kept = rows.filter((r) => n(r.n) > 0 && (r.g_user === 1 || r.user_id !== null));
    const base = (r: (typeof rows)[number]) => ({
      metric,
      userId: r.g_user === 0 ? r.user_id : null,
      brandId: r.g_brand === 0 ? r.brand_id : null,
      scope: (r.g_user === 0 ? "user" : r.g_brand === 0 ? "brand" : "all") as ResponseTimeRow["scope"],
    });
    return {
      whole: kept.map((r) => ({ ...base(r), count: n(r.n), medianSeconds: Math.round(r.p![0]!), p90Seconds: Math.round(r.p![1]!) })),
      split: kept
        .filter((r) => n(r.split_n) > 0)
        .map((r) => ({ ...base(r), count: n(r.split_n), medianSeconds: Math.round(r.split_p?.[0] ?? 0), p90Seconds: Math.round(r.split_p?.[1] ?? 0) })),
    };
  }

  /**
   * Runs a percentile query with room to sort its window in memory: a month of one metric at 1,000,000 leads
   * spills past the default 4 MB work_mem to disk (about a quarter slower). SET LOCAL ends with the transaction.
   */
  private async withSortMemory<T>(query: (db: DbClient) => Promise<T>): Promise<T> {
    const run = async (db: DbClient) => {
      await db.$executeRaw`SET LOCAL work_mem = '${Prisma.raw(FLOOR_SORT_MEMORY)}'`;
      return query(db);
    };
    // A year-long range takes seconds on a loaded machine: past Prisma's default 5 s for a transaction.
    return "$transaction" in this.db ? this.db.$transaction(run, { timeout: 60_000 }) : run(this.db);
  }

  /** Per brand: waiting now and the oldest of them (pool partial index), imported and manual leads since `dayStart`. */
  async brands(dayStart: Date): Promise<BrandFloorRow[]> {
    const rows = await this.db.$queryRaw<{ id: number; waiting: bigint; oldest: Date | null; imported: bigint; created: bigint }[]>`
      SELECT b.id,
        (SELECT count(*) FROM leads l WHERE ${POOL} AND l.brand_id = b.id) AS waiting,
        (SELECT min(l.created_at) FROM leads l WHERE ${POOL} AND l.brand_id = b.id) AS oldest,
        (SELECT count(*) FROM leads l WHERE l.brand_id = b.id AND l.created_at >= ${dayStart} AND l.remote_model IS NOT NULL) AS imported,
        (SELECT count(*) FROM leads l WHERE l.brand_id = b.id AND l.created_at >= ${dayStart} AND l.remote_model IS NULL) AS created
      FROM brands b WHERE b.active ORDER BY b.name, b.id`;
    return rows.map((r) => ({ brandId: r.id, waiting: n(r.waiting), oldestWaitingAt: r.oldest, importedToday: n(r.imported), createdToday: n(r.created) }));
  }

  /** Per agent since `dayStart`: claims, calls by result, endorsements, won, lost; open activities due before `today`. */
  async agentsToday(dayStart: Date, today: string): Promise<AgentTodayRow[]> {
    const [leads, calls, overdue] = await Promise.all([
      this.db.$queryRaw<{ user_id: number; claims: bigint; endorsements: bigint; won: bigint; lost: bigint }[]>`
        SELECT user_id, sum(claims) AS claims, sum(endorsements) AS endorsements, sum(won) AS won, sum(lost) AS lost FROM (
          SELECT l.user_id, count(*) AS claims, 0 AS endorsements, 0 AS won, 0 AS lost FROM leads l WHERE l.claimed_at >= ${dayStart} AND l.user_id IS NOT NULL GROUP BY l.user_id
          UNION ALL
          SELECT l.user_id, 0, count(*), 0, 0 FROM leads l WHERE l.endorsed_at >= ${dayStart} AND l.user_id IS NOT NULL GROUP BY l.user_id
          UNION ALL
          SELECT l.user_id, 0, 0, count(*) FILTER (WHERE l.is_won), count(*) FILTER (WHERE l.is_lost) FROM leads l WHERE l.closed_at >= ${dayStart} AND l.user_id IS NOT NULL GROUP BY l.user_id
        ) x GROUP BY user_id`,
      this.db.$queryRaw<{ user_id: number; result: string; n: bigint }[]>`
        SELECT c.user_id, c.result::text AS result, count(*) AS n FROM call_logs c WHERE c.created_at >= ${dayStart} GROUP BY c.user_id, c.result`,
      this.db.$queryRaw<{ assignee_id: number; n: bigint }[]>`
        SELECT a.assignee_id, count(*) AS n FROM activities a WHERE NOT a.done AND a.due_date < ${today}::date GROUP BY a.assignee_id`,
    ]);
    const byUser = new Map<number, AgentTodayRow>();
    const row = (userId: number) => {
      let r = byUser.get(userId);
      if (!r) byUser.set(userId, (r = { userId, claims: 0, calls: {}, overdueActivities: 0, endorsements: 0, won: 0, lost: 0 }));
      return r;
    };
    for (const l of leads) Object.assign(row(l.user_id), { claims: n(l.claims), endorsements: n(l.endorsements), won: n(l.won), lost: n(l.lost) });
    for (const c of calls) row(c.user_id).calls[c.result] = n(c.n);
    for (const o of overdue) row(o.assignee_id).overdueActivities = n(o.n);
    return [...byUser.values()];
  }

  /** Leads past a threshold, the longest-waiting first (at most `limit` of each kind), and how many in all. */
  async breaches(t: FloorThresholds, now: Date, limit: number): Promise<{ claim: number; firstCall: number; leads: BreachRow[] }> {
    const claimBefore = new Date(now.getTime() - t.claimMinutes * 60_000);
    const callBefore = new Date(now.getTime() - t.firstCallMinutes * 60_000);
    const [counts, unclaimed, uncalled] = await Promise.all([
      this.db.$queryRaw<{ claim: bigint; first_call: bigint }[]>`
        SELECT (SELECT count(*) FROM leads l WHERE ${POOL} AND l.created_at < ${claimBefore}) AS claim,
               (SELECT count(*) FROM leads l WHERE ${AWAITING_CALL} AND l.claimed_at < ${callBefore}) AS first_call`,
      // Per brand along the pool index, then the oldest overall.
      this.db.$queryRaw<{ id: number; reference: string; contact_name: string; brand_id: number; since: Date }[]>`
        SELECT x.id, x.reference, x.contact_name, x.brand_id, x.created_at AS since FROM brands b CROSS JOIN LATERAL (
          SELECT l.id, l.reference, l.contact_name, l.brand_id, l.created_at FROM leads l
          WHERE ${POOL} AND l.brand_id = b.id AND l.created_at < ${claimBefore}
          ORDER BY l.created_at, l.id LIMIT ${limit}
        ) x ORDER BY x.created_at, x.id LIMIT ${limit}`,
      this.db.$queryRaw<{ id: number; reference: string; contact_name: string; brand_id: number; user_id: number; user_name: string; since: Date }[]>`
        SELECT l.id, l.reference, l.contact_name, l.brand_id, l.user_id, u.name AS user_name, l.claimed_at AS since
        FROM leads l JOIN users u ON u.id = l.user_id
        WHERE ${AWAITING_CALL} AND l.claimed_at < ${callBefore}
        ORDER BY l.claimed_at LIMIT ${limit}`,
    ]);
    return {
      claim: n(counts[0]?.claim ?? 0),
      firstCall: n(counts[0]?.first_call ?? 0),
      leads: [
        ...unclaimed.map((r) => ({ leadId: r.id, reference: r.reference, contactName: r.contact_name, brandId: r.brand_id, userId: null, userName: null, kind: "claim" as const, since: r.since })),
        ...uncalled.map((r) => ({ leadId: r.id, reference: r.reference, contactName: r.contact_name, brandId: r.brand_id, userId: r.user_id, userName: r.user_name, kind: "first_call" as const, since: r.since })),
      ],
    };
  }

  /**
   * Leads created (along the (brand_id, created_at) index, brand by brand) and claimed per hour between `from` and `to` (hours counted from `from`), and the pool now:
   * the chart works back from it (waiting at an hour's end = now − created since + claimed since).
   */
  async hourly(from: Date, to: Date): Promise<{ created: Map<number, number>; claimed: Map<number, number>; waitingNow: number }> {
    const [created, claimed, waiting] = await Promise.all([
      this.db.$queryRaw<{ h: number; n: bigint }[]>`
        SELECT floor(extract(epoch FROM x.created_at - ${from}::timestamp) / 3600)::int AS h, count(*) AS n
        FROM brands b CROSS JOIN LATERAL (
          SELECT l.created_at FROM leads l WHERE l.brand_id = b.id AND l.created_at >= ${from} AND l.created_at < ${to}
        ) x GROUP BY 1`,
      this.db.$queryRaw<{ h: number; n: bigint }[]>`
        SELECT floor(extract(epoch FROM l.claimed_at - ${from}::timestamp) / 3600)::int AS h, count(*) AS n
        FROM leads l WHERE l.claimed_at >= ${from} AND l.claimed_at < ${to} GROUP BY 1`,
      this.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM leads l WHERE ${POOL}`,
    ]);
    return {
      created: new Map(created.map((r) => [r.h, n(r.n)])),
      claimed: new Map(claimed.map((r) => [r.h, n(r.n)])),
      waitingNow: n(waiting[0]?.n ?? 0),
    };
  }
}
