import type { DealerLeadStatus } from "@crm/contracts";
import type { DbClient } from "./db-client";

interface Row {
  bpo_id: number;
  id: number | null;
  reference: string | null;
  stage_name: string | null;
  is_won: boolean | null;
  is_lost: boolean | null;
  active: boolean | null;
  closed_at: Date | null;
  updated_at: Date | null;
  callback_status: DealerLeadStatus["lead"] extends infer L ? (L extends { callbackStatus: infer S } ? S : never) : never;
  callback_error: string | null;
  so_name: string | null;
  so_state: "draft" | "sale" | "done" | "cancel" | null;
  so_updated_at: Date | null;
}

/** Where this dealer stands on a batch of BPO leads: one statement over the (bpo_source_url, bpo_source_lead_id) keys. */
export class LeadStatusRepository {
  constructor(private readonly db: DbClient) {}

  async byBpoOrigin(bpoSourceUrl: string, ids: number[]): Promise<DealerLeadStatus[]> {
    const rows = await this.db.$queryRaw<Row[]>`
      SELECT x.id AS bpo_id, l.id, l.reference, st.name AS stage_name, l.is_won, l.is_lost, l.active, l.closed_at, l.updated_at,
             l.callback_status::text AS callback_status, l.callback_error,
             so.name AS so_name, so.state::text AS so_state, so.updated_at AS so_updated_at
      FROM unnest(${ids}::int[]) AS x(id)
      LEFT JOIN leads l ON l.bpo_source_url = ${bpoSourceUrl} AND l.bpo_source_lead_id = x.id
      LEFT JOIN stages st ON st.id = l.stage_id
      LEFT JOIN LATERAL (
        SELECT s.name, s.state, s.updated_at FROM sale_orders s
        WHERE (s.bpo_source_url = ${bpoSourceUrl} AND s.bpo_source_lead_id = x.id) OR s.lead_id = l.id
        ORDER BY (s.bpo_source_lead_id IS NOT NULL) DESC, s.updated_at DESC LIMIT 1
      ) so ON true
      ORDER BY x.id`;
    return rows.map((r) => ({
      bpoSourceLeadId: r.bpo_id,
      lead:
        r.id === null
          ? null
          : {
              dealerLeadId: r.id,
              dealerLeadName: r.reference!,
              stageName: r.stage_name ?? "",
              outcome: r.is_won ? "won" : r.is_lost ? "lost" : "open",
              active: r.active ?? true,
              closedAt: r.closed_at ? r.closed_at.toISOString() : null,
              updatedAt: r.updated_at!.toISOString(),
              callbackStatus: r.callback_status,
              callbackError: r.callback_error,
            },
      saleOrder: r.so_name ? { name: r.so_name, state: r.so_state!, updatedAt: r.so_updated_at!.toISOString() } : null,
    }));
  }
}
