import { Prisma } from "./prisma-client/client";
import type { DbClient } from "./db-client";

export interface SourceCountRow {
  sourceId: number;
  code: string;
  name: string;
  sourceType: string;
  active: boolean;
  total: number;
  open: number;
  won: number;
  lost: number;
  endorsed: number;
}

export interface SourceCountFilter {
  /** First and last calendar day (YYYY-MM-DD) of lead creation, as days in `timeZone`; both inclusive. */
  from?: string;
  to?: string;
  timeZone: string;
  brandId?: number;
}

/** Aggregates for reports; one grouped query each, on the indexes that serve them. */
export class ReportRepository {
  constructor(private readonly db: DbClient) {}

  /**
   * Leads per source (archived leads left out), every source with leads in the range plus every active one.
   * created_at holds UTC: a business day's bounds are its local midnights converted to UTC.
   */
  async leadsBySource(f: SourceCountFilter): Promise<SourceCountRow[]> {
    const localMidnight = (day: string) => Prisma.sql`((${day}::date)::timestamp AT TIME ZONE ${f.timeZone}) AT TIME ZONE 'UTC'`;
    const on: Prisma.Sql[] = [Prisma.sql`l.source_id = s.id`, Prisma.sql`l.active`];
    if (f.from) on.push(Prisma.sql`l.created_at >= ${localMidnight(f.from)}`);
    if (f.to) on.push(Prisma.sql`l.created_at < ${localMidnight(f.to)} + interval '1 day'`);
    if (f.brandId !== undefined) on.push(Prisma.sql`l.brand_id = ${f.brandId}`);
    const rows = await this.db.$queryRaw<
      { id: number; code: string; name: string; source_type: string; active: boolean; total: bigint; open: bigint; won: bigint; lost: bigint; endorsed: bigint }[]
    >`
      SELECT s.id, s.code, s.name, s.source_type::text AS source_type, s.active,
             count(l.id) AS total,
             count(l.id) FILTER (WHERE NOT l.is_won AND NOT l.is_lost) AS open,
             count(l.id) FILTER (WHERE l.is_won) AS won,
             count(l.id) FILTER (WHERE l.is_lost) AS lost,
             count(l.id) FILTER (WHERE l.endorsement_status IN ('pending', 'delivered')) AS endorsed
      FROM lead_sources s
      LEFT JOIN leads l ON ${Prisma.join(on, " AND ")}
      GROUP BY s.id
      HAVING s.active OR count(l.id) > 0
      ORDER BY s.sequence, s.id`;
    return rows.map((r) => ({
      sourceId: r.id,
      code: r.code,
      name: r.name,
      sourceType: r.source_type,
      active: r.active,
      total: Number(r.total),
      open: Number(r.open),
      won: Number(r.won),
      lost: Number(r.lost),
      endorsed: Number(r.endorsed),
    }));
  }
}
