import type { SyncRunStats } from "@crm/platform/http";
import type { Prisma } from "./prisma-client/client";
import type { DbClient } from "./db-client";

export type SyncTrigger = SyncRunRecord["trigger"];
export type SyncRunStatus = SyncRunRecord["status"];

export interface SyncCounts {
  fetched: number;
  created: number;
  deduplicated: number;
  resumed: number;
  skipped: number;
  failed: number;
}

/** A remote record the run could not take as sent: which one, which field (null: the whole record) and why. */
export interface SyncRecordIssue {
  remoteId: number;
  field: string | null;
  problem: string;
}

export interface SyncModelResult extends SyncCounts {
  model: string;
  batches: number;
  error: string | null;
  /** Records skipped or corrected, at most MAX_ISSUES_PER_MODEL of them. */
  issues: SyncRecordIssue[];
}

const include = { brand: { select: { name: true } } } as const;
type Row = Prisma.SyncRunGetPayload<{ include: typeof include }>;
/** A run as its Prisma row, with the brand's name and the per-model details typed. */
export type SyncRunRecord = Omit<Row, "brand" | "details"> & { brandName: string; details: SyncModelResult[] | null };
const toRecord = ({ brand, details, ...r }: Row): SyncRunRecord => ({
  ...r,
  brandName: brand.name,
  details: (details as unknown as SyncModelResult[] | null) ?? null,
});

/** Sync run history and the application settings row. */
export class SyncRunRepository {
  constructor(private readonly db: DbClient) {}

  async start(brandId: number, trigger: SyncTrigger): Promise<SyncRunRecord> {
    return toRecord(await this.db.syncRun.create({ data: { brandId, trigger }, include }));
  }

  async finish(id: number, result: SyncCounts & { status: SyncRunStatus; error: string | null; details: SyncModelResult[] }): Promise<SyncRunRecord> {
    const { details, ...rest } = result;
    return toRecord(
      await this.db.syncRun.update({
        where: { id },
        data: { ...rest, details: details as unknown as Prisma.InputJsonValue, finishedAt: new Date() },
        include,
      }),
    );
  }

  /** Runs per brand and outcome with their total duration and records (metrics). */
  async statsByBrandAndOutcome(): Promise<SyncRunStats[]> {
    const rows = await this.db.$queryRaw<
      { brand: string; outcome: string; runs: bigint; seconds: number | null; fetched: bigint; created: bigint; deduplicated: bigint; failed: bigint }[]
    >`
      SELECT b.code AS brand, r.status::text AS outcome, count(*) AS runs,
             sum(extract(epoch FROM r.finished_at - r.started_at))::float8 AS seconds,
             sum(r.fetched) AS fetched, sum(r.created) AS created, sum(r.deduplicated) AS deduplicated, sum(r.failed) AS failed
      FROM sync_runs r JOIN brands b ON b.id = r.brand_id
      GROUP BY b.code, r.status`;
    return rows.map((r) => ({
      brand: r.brand,
      outcome: r.outcome,
      runs: Number(r.runs),
      durationSeconds: r.seconds ?? 0,
      fetched: Number(r.fetched),
      created: Number(r.created),
      deduplicated: Number(r.deduplicated),
      failed: Number(r.failed),
    }));
  }

  /** Each brand with a distributor connection and when its last successful run finished (null: never). */
  async lastSuccessByConnectedBrand(): Promise<{ brand: string; lastSuccessAt: Date | null }[]> {
    return this.db.$queryRaw<{ brand: string; lastSuccessAt: Date | null }[]>`
      SELECT b.code AS brand,
             (SELECT max(r.finished_at) FROM sync_runs r WHERE r.brand_id = b.id AND r.status = 'succeeded') AS "lastSuccessAt"
      FROM brands b WHERE b.distributor_url IS NOT NULL AND b.active`;
  }

  /** Closes runs left "running" by a process that died; returns how many. */
  async failRunning(brandId: number, error: string): Promise<number> {
    const { count } = await this.db.syncRun.updateMany({ where: { brandId, status: "running" }, data: { status: "failed", error, finishedAt: new Date() } });
    return count;
  }

  /** Newest first; `before` continues after the last run of the previous page (keyset, stable under new runs). */
  async list(filter: { brandId?: number; limit: number; before?: { startedAt: Date; id: number } | null }): Promise<SyncRunRecord[]> {
    const b = filter.before;
    const rows = await this.db.syncRun.findMany({
      where: {
        ...(filter.brandId ? { brandId: filter.brandId } : {}),
        ...(b ? { OR: [{ startedAt: { lt: b.startedAt } }, { startedAt: b.startedAt, id: { lt: b.id } }] } : {}),
      },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: filter.limit,
      include,
    });
    return rows.map(toRecord);
  }

  async syncIntervalMinutes(): Promise<number> {
    const row = await this.db.appSetting.findUnique({ where: { id: 1 }, select: { syncIntervalMinutes: true } });
    return row?.syncIntervalMinutes ?? 5;
  }

  async setSyncIntervalMinutes(minutes: number): Promise<void> {
    await this.db.appSetting.upsert({ where: { id: 1 }, create: { id: 1, syncIntervalMinutes: minutes }, update: { syncIntervalMinutes: minutes } });
  }
}
