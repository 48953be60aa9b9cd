import { Prisma } from "./prisma-client/client";
import { type DbClient, hotQuery } from "./db-client";
import { CARD_COLUMNS, CARD_JOINS, type CardRow, poolCounts, toCard } from "./lead-repository";
import type { LeadCard } from "./records";

/** A lead as live updates describe it: its board card plus what decides who sees it and where. */
export interface LiveLeadState {
  card: LeadCard;
  isWon: boolean;
  isLost: boolean;
  active: boolean;
  /** When this state was read (µs, the statement's start): a later read never shows an older state. */
  readAt: number;
}

/**
 * Reads for live board updates: several leads' cards in one statement, and column counts. Tagged `live-feed`:
 * they run after the commit, batched across events, so per-request statement counts leave them out. Sent on
 * the pg pool directly (hotQuery): every change on a busy floor pays for them.
 */
export class LiveLeadRepository {
  constructor(private readonly db: DbClient) {}

  async states(ids: number[]): Promise<LiveLeadState[]> {
    if (ids.length === 0) return [];
    const rows = await hotQuery<CardRow & { is_won: boolean; is_lost: boolean; active: boolean; read_at: bigint }>(this.db, Prisma.sql`
      /* live-feed */ SELECT ${CARD_COLUMNS}, l.is_won, l.is_lost, l.active, (extract(epoch FROM statement_timestamp()) * 1000000)::bigint AS read_at
      FROM leads l ${CARD_JOINS} WHERE l.id = ANY(${ids}::int[])`);
    return rows.map((r) => ({ card: toCard(r), isWon: r.is_won, isLost: r.is_lost, active: r.active, readAt: Number(r.read_at) }));
  }

  /** Open Leads column counts, as the board reads them. */
  async poolCounts(): Promise<Map<number, number>> {
    return poolCounts(this.db, "/* live-feed */");
  }

  /** My Pipeline column counts of the given owners (the pipeline's own count rule: active leads by stage). */
  async ownerStageCounts(userIds: number[]): Promise<Map<number, Map<number, number>>> {
    const out = new Map<number, Map<number, number>>();
    if (userIds.length === 0) return out;
    const rows = await hotQuery<{ user_id: number; stage_id: number; n: bigint }>(this.db, Prisma.sql`
      /* live-feed */ SELECT l.user_id, l.stage_id, count(*) AS n FROM leads l
      WHERE l.user_id = ANY(${userIds}::int[]) AND l.active GROUP BY l.user_id, l.stage_id`);
    for (const r of rows) {
      const m = out.get(r.user_id) ?? new Map<number, number>();
      m.set(r.stage_id, Number(r.n));
      out.set(r.user_id, m);
    }
    return out;
  }
}
