import type { DbClient } from "./db-client";

/** An endorsed (or Marked Won) lead the reconciliation compares with its dealership. */
export interface ReconcileCandidate {
  leadId: number;
  reference: string;
  contactName: string;
  /** Where it was endorsed, else the dealership its sale order was pushed to. */
  dealershipId: number;
  dealershipName: string;
  endorsementStatus: "none" | "pending" | "delivered" | "failed";
  endorsedAt: Date | null;
  endorsementError: string | null;
  dealerLeadName: string | null;
  dealerSoName: string | null;
  stageName: string;
  isWon: boolean;
  isLost: boolean;
  closedAt: Date | null;
}

export interface DeadOutboxRef {
  outboxId: string;
  leadId: number;
  attempts: number;
  lastError: string | null;
}

export interface ManagerRecipient {
  name: string;
  email: string;
}

interface CandidateRow {
  id: number;
  reference: string;
  contact_name: string;
  dealership_id: number;
  dealership_name: string;
  endorsement_status: ReconcileCandidate["endorsementStatus"];
  endorsed_at: Date | null;
  endorsement_error: string | null;
  dealer_lead_name: string | null;
  dealer_so_name: string | null;
  stage_name: string;
  is_won: boolean;
  is_lost: boolean;
  closed_at: Date | null;
}

/**
 * Reconciliation (issue 16): the endorsed leads the two sides may disagree on, read in one statement whose
 * three branches each follow an index: queued/dead endorsements (endorsement_status, endorsed_at), delivered
 * ones still open (the partial leads_reconcile_open_idx), and leads closed within the lookback (closed_at).
 */
export class ReconciliationRepository {
  constructor(private readonly db: DbClient) {}

  async candidates(closedSince: Date): Promise<ReconcileCandidate[]> {
    const rows = await this.db.$queryRaw<CandidateRow[]>`
      WITH picked AS (
        SELECT id FROM leads WHERE endorsement_status IN ('pending', 'failed')
        UNION
        SELECT id FROM leads WHERE endorsement_status = 'delivered' AND NOT is_won AND NOT is_lost
        UNION
        SELECT id FROM leads WHERE closed_at >= ${closedSince}
          AND (endorsement_status = 'delivered' OR (is_won AND dealer_so_name IS NOT NULL AND dealership_id IS NOT NULL))
      )
      SELECT l.id, l.reference, l.contact_name, d.id AS dealership_id, d.name AS dealership_name,
             l.endorsement_status::text AS endorsement_status, l.endorsed_at, l.endorsement_error, l.dealer_lead_name,
             l.dealer_so_name, st.name AS stage_name, l.is_won, l.is_lost, l.closed_at
      FROM picked p
      JOIN leads l ON l.id = p.id
      JOIN stages st ON st.id = l.stage_id
      JOIN dealerships d ON d.id = COALESCE(l.endorsed_dealership_id, l.dealership_id)
      ORDER BY d.id, l.id`;
    return rows.map((r) => ({
      leadId: r.id,
      reference: r.reference,
      contactName: r.contact_name,
      dealershipId: r.dealership_id,
      dealershipName: r.dealership_name,
      endorsementStatus: r.endorsement_status,
      endorsedAt: r.endorsed_at,
      endorsementError: r.endorsement_error,
      dealerLeadName: r.dealer_lead_name,
      dealerSoName: r.dealer_so_name,
      stageName: r.stage_name,
      isWon: r.is_won,
      isLost: r.is_lost,
      closedAt: r.closed_at,
    }));
  }

  /** Dead outbox rows of one topic for these leads (the outbox payload carries the lead id); dead rows are few. */
  async deadRowsFor(topic: string, leadIds: number[]): Promise<DeadOutboxRef[]> {
    if (leadIds.length === 0) return [];
    const rows = await this.db.$queryRaw<{ id: string; lead_id: number; attempts: number; last_error: string | null }[]>`
      SELECT id::text AS id, (payload->>'leadId')::int AS lead_id, attempts, last_error FROM outbox_messages
      WHERE status = 'dead' AND topic = ${topic} AND (payload->>'leadId')::int = ANY(${leadIds}::int[])
      ORDER BY created_at DESC`;
    return rows.map((r) => ({ outboxId: r.id, leadId: r.lead_id, attempts: r.attempts, lastError: r.last_error }));
  }

  /** Outbox rows of one topic for these leads still waiting to be delivered. */
  async pendingLeadIds(topic: string, leadIds: number[]): Promise<number[]> {
    if (leadIds.length === 0) return [];
    const rows = await this.db.$queryRaw<{ lead_id: number }[]>`
      SELECT DISTINCT (payload->>'leadId')::int AS lead_id FROM outbox_messages
      WHERE status = 'pending' AND topic = ${topic} AND (payload->>'leadId')::int = ANY(${leadIds}::int[])`;
    return rows.map((r) => r.lead_id);
  }

  async noOutcomeDays(): Promise<number | null> {
    const s = await this.db.appSetting.findUnique({ where: { id: 1 }, select: { reconcileNoOutcomeDays: true } });
    return s?.reconcileNoOutcomeDays ?? null;
  }

  async setNoOutcomeDays(days: number | null): Promise<void> {
    await this.db.appSetting.upsert({ where: { id: 1 }, create: { id: 1, reconcileNoOutcomeDays: days }, update: { reconcileNoOutcomeDays: days } });
  }

  /** Takes the day's digest: true once per business day (the row decides, so two workers cannot both send). */
  async claimDigestDay(day: string): Promise<boolean> {
    await this.db.$executeRaw`INSERT INTO app_settings (id, updated_at) VALUES (1, now()) ON CONFLICT (id) DO NOTHING`;
    const n = await this.db.$executeRaw`
      UPDATE app_settings SET reconcile_digest_day = ${day}, updated_at = now()
      WHERE id = 1 AND reconcile_digest_day IS DISTINCT FROM ${day}`;
    return n === 1;
  }

  activeManagers(): Promise<ManagerRecipient[]> {
    return this.db.user.findMany({
      where: { role: "manager", active: true, email: { not: null } },
      select: { name: true, email: true },
      orderBy: { id: "asc" },
    }) as Promise<ManagerRecipient[]>;
  }
}

