import { stringify } from "csv-stringify/sync";
import type { BpoStore } from "../data-access/bpo-store";
import type { SourceCountRow } from "../data-access/report-repository";
import { type Actor, requireRole } from "./actor";
import type { SourceReport, SourceReportQuery } from "./source-report-schemas";

type Counts = SourceReport["totals"];

const withRate = <T extends Omit<Counts, "winRate">>(c: T): T & { winRate: number | null } => ({ ...c, winRate: c.won + c.lost > 0 ? c.won / (c.won + c.lost) : null });

function sum(rows: Omit<Counts, "winRate">[]): Omit<Counts, "winRate"> {
  const t = { total: 0, open: 0, won: 0, lost: 0, endorsed: 0 };
  for (const r of rows) {
    t.total += r.total;
    t.open += r.open;
    t.won += r.won;
    t.lost += r.lost;
    t.endorsed += r.endorsed;
  }
  return t;
}

/**
 * bpo-3 "Marketing attribution reports": leads per source and per source type (the category dashboards group
 * by), with outcomes, for a creation-date range in the business time zone. Supervisors and Managers.
 */
export class SourceReportService {
  constructor(
    private readonly store: BpoStore,
    private readonly timeZone: string,
  ) {}

  async report(actor: Actor, query: SourceReportQuery): Promise<SourceReport> {
    requireRole(actor, "supervisor", "see the lead source report");
    const rows: SourceCountRow[] = await this.store.repos.reports.leadsBySource({ ...query, timeZone: this.timeZone });
    const sources = rows.map((r) => withRate(r));
    const types = new Map<string, SourceCountRow[]>();
    for (const r of rows) {
      const same = types.get(r.sourceType);
      if (same) same.push(r);
      else types.set(r.sourceType, [r]);
    }
    const byType = [...types.entries()].map(([sourceType, rs]) => withRate({ sourceType, ...sum(rs) })).sort((a, b) => b.total - a.total || a.sourceType.localeCompare(b.sourceType));
    return { query, sources, byType, totals: withRate(sum(rows)) };
  }

  async csv(actor: Actor, query: SourceReportQuery): Promise<string> {
    const r = await this.report(actor, query);
    const rate = (x: number | null) => (x === null ? "" : (x * 100).toFixed(1));
    return stringify(
      r.sources.map((s) => [s.code, s.name, s.sourceType, s.total, s.open, s.won, s.lost, s.endorsed, rate(s.winRate)]),
      { header: true, columns: ["source_code", "source_name", "source_type", "leads", "open", "won", "lost", "endorsed", "win_rate_pct"] },
    );
  }
}
