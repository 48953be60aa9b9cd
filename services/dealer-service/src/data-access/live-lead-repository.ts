import type { DbClient } from "./db-client";
import { CARD_COLUMNS, CARD_JOINS, type CardRow, toCard } from "./lead-repository";
import type { LeadCard } from "./records";

/** A lead as live updates describe it: its board card plus the facts the board filters look at. */
export interface LiveLeadState {
  card: LeadCard;
  sourceId: number;
  endorsed: boolean;
  active: boolean;
  /** When this state was read (µs, the statement's start): a later read never shows an older state. */
  readAt: number;
}

/** Reads for live board updates: several leads' cards in one statement. */
export class LiveLeadRepository {
  constructor(private readonly db: DbClient) {}

  async states(ids: number[]): Promise<{ states: LiveLeadState[]; readAt: number }> {
    if (ids.length === 0) return { states: [], readAt: 0 };
    const rows = await this.db.$queryRaw<(Partial<CardRow> & { source_id: number | null; endorsed: boolean | null; active: boolean | null; read_at: bigint })[]>`
      SELECT c.*, (extract(epoch FROM statement_timestamp()) * 1000000)::bigint AS read_at
      FROM (SELECT 1) one LEFT JOIN LATERAL (
        SELECT ${CARD_COLUMNS}, l.source_id, l.bpo_source_lead_id IS NOT NULL AS endorsed, l.active
        FROM leads l ${CARD_JOINS} WHERE l.id = ANY(${ids}::int[])
      ) c ON true`;
    const readAt = Number(rows[0]?.read_at ?? 0);
    const states = rows
      .filter((r) => r.id !== undefined && r.id !== null)
      .map((r) => ({ card: toCard(r as CardRow), sourceId: r.source_id!, endorsed: r.endorsed!, active: r.active!, readAt }));
    return { states, readAt };
  }
}
