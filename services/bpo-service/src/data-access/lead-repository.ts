import { Prisma } from "./prisma-client/client";
import { SHARED_LEAD_KEYS, type SharedLeadKey, sharedLeadValues } from "@crm/contracts";
import { type KeysetCursor, selectAs, withStoredEmail } from "@crm/platform/core";
import { type DbClient, hotQuery } from "./db-client";
import type { LeadCard, LeadRecord, LeadView, NewLeadMessage } from "./records";

const dec = (v: Prisma.Decimal | null): number | null => (v === null ? null : v.toNumber());
const day = (v: Date | null): string | null => (v === null ? null : v.toISOString().slice(0, 10));

type LeadRow = Prisma.LeadGetPayload<object>;

export function toLeadRecord(row: LeadRow): LeadRecord {
  return {
    ...row,
    expectedPrice: dec(row.expectedPrice),
    budgetMin: dec(row.budgetMin),
    budgetMax: dec(row.budgetMax),
    tradeInExpectedValue: dec(row.tradeInExpectedValue),
    downPayment: dec(row.downPayment),
    preferredDate: day(row.preferredDate),
  };
}

/** Writable lead columns, in domain terms (numbers for money, YYYY-MM-DD for dates). */
export type LeadWrite = Partial<
  Omit<LeadRecord, "id" | "reference" | "createdAt" | "updatedAt" | "preferredDate">
> & { preferredDate?: string | null };

function toData(w: LeadWrite): Prisma.LeadUncheckedUpdateInput {
  const { preferredDate, ...rest } = w;
  return {
    // One stored form for e-mails (lowercased), so every comparison is case-insensitive.
    ...withStoredEmail(rest),
    ...(preferredDate !== undefined ? { preferredDate: preferredDate === null ? null : new Date(`${preferredDate}T00:00:00Z`) } : {}),
  };
}

/**
 * Every lead column as the domain reads it, for the hot reads that skip Prisma's query compiler: the model's
 * scalar fields (so a new column is read without being listed), the ones below converted (money as numbers, the
 * date as YYYY-MM-DD, smallint as int). Enums arrive as text (the driver reads user-defined types as text).
 */
const LEAD_COLUMN_SQL: Partial<Record<keyof LeadRecord, string>> = {
  expectedPrice: "l.expected_price::float8",
  budgetMin: "l.budget_min::float8",
  budgetMax: "l.budget_max::float8",
  tradeInExpectedValue: "l.trade_in_expected_value::float8",
  downPayment: "l.down_payment::float8",
  priority: "l.priority::int",
  preferredDate: "to_char(l.preferred_date, 'YYYY-MM-DD')",
};
const LEAD_COLUMNS = Prisma.raw(selectAs("l", Object.keys(Prisma.LeadScalarFieldEnum), LEAD_COLUMN_SQL));

/** A lead row `l` (a table or a CTE) with what the form shows of everything it points to, in one statement. */
const viewOf = (rows: Prisma.Sql) => Prisma.sql`
  SELECT ${LEAD_COLUMNS},
    json_build_object('id', b.id, 'name', b.name, 'code', b.code) AS brand,
    CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'name', d.name, 'code', d.code) END AS dealership,
    CASE WHEN vm.id IS NULL THEN NULL ELSE json_build_object('id', vm.id, 'name', vm.name, 'code', vm.code) END AS "vehicleModel",
    json_build_object('id', s.id, 'name', s.name, 'code', s.code, 'sourceType', s.source_type) AS source,
    json_build_object('id', st.id, 'name', st.name, 'isWon', st.is_won, 'isLost', st.is_lost) AS stage,
    CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "user"
  FROM ${rows} l
  JOIN brands b ON b.id = l.brand_id
  JOIN lead_sources s ON s.id = l.source_id
  JOIN stages st ON st.id = l.stage_id
  LEFT JOIN dealerships d ON d.id = l.dealership_id
  LEFT JOIN vehicle_models vm ON vm.id = l.vehicle_model_id
  LEFT JOIN users u ON u.id = l.user_id`;

/** Open = not won, not lost, not archived (bpo-1). */
export const OPEN = Prisma.sql`NOT l.is_won AND NOT l.is_lost AND l.active`;

/** lead_pool_counts rows (brands × database backends seen) above which a read folds them. */
const POOL_COUNT_ROWS_BEFORE_COMPACTING = 256;

/**
 * Open Leads column counts: waiting leads per brand, brands with none left out. Read from lead_pool_counts,
 * which triggers on leads keep in every writing transaction (see its migration), so a read sums a few rows
 * per brand instead of counting the pool. `tag` marks the statement (e.g. the live feed's reads).
 */
export async function poolCounts(db: DbClient, tag = ""): Promise<Map<number, number>> {
  const rows = await hotQuery<{ brand_id: number; n: bigint; slots: bigint }>(db, Prisma.sql`
    ${Prisma.raw(tag)} SELECT brand_id, sum(n)::bigint AS n, count(*) AS slots FROM lead_pool_counts GROUP BY brand_id`);
  // Every backend that changed the pool has a row per brand: fold them once they pile up (server restarts).
  if (rows.reduce((k, r) => k + Number(r.slots), 0) > POOL_COUNT_ROWS_BEFORE_COMPACTING) await db.$executeRaw`${Prisma.raw(tag)} SELECT compact_lead_pool_counts()`;
  return new Map(rows.filter((r) => Number(r.n) !== 0).map((r) => [r.brand_id, Number(r.n)]));
}

/** A card as read: its own columns snake_cased, the shared lead fields (contracts) in their names. */
export interface CardRow extends Pick<LeadCard, SharedLeadKey> {
  id: number;
  reference: string;
  contact_name: string;
  mobile: string;
  brand_id: number;
  stage_id: number;
  user_id: number | null;
  user_name: string | null;
  vehicle_model_name: string | null;
  source_code: string;
  source_name: string;
  source_type: string;
  priority: number;
  created_at: Date;
  next_activity_due: Date | null;
  breach: "claim" | "first_call" | null;
}

export const toCard = (r: CardRow): LeadCard => ({
  id: r.id,
  reference: r.reference,
  contactName: r.contact_name,
  mobile: r.mobile,
  brandId: r.brand_id,
  stageId: r.stage_id,
  userId: r.user_id,
  userName: r.user_name,
  vehicleModelName: r.vehicle_model_name,
  sourceCode: r.source_code,
  sourceName: r.source_name,
  sourceType: r.source_type,
  priority: r.priority,
  ...sharedLeadValues(r),
  createdAt: r.created_at,
  nextActivityDue: r.next_activity_due ? r.next_activity_due.toISOString().slice(0, 10) : null,
  breach: r.breach,
});

/**
 * The Floor threshold an open lead is past (issue 16), from the Manager's settings: unclaimed longer than the
 * claim threshold, or claimed and not called within the first-call one. The settings subqueries run once per
 * statement (uncorrelated). Timestamps are stored as UTC without zone, hence now() AT TIME ZONE 'UTC'.
 */
const BREACH = Prisma.sql`CASE
    WHEN NOT (NOT l.is_won AND NOT l.is_lost AND l.active) THEN NULL
    WHEN l.user_id IS NULL AND l.created_at < (now() AT TIME ZONE 'UTC') - make_interval(mins => (SELECT floor_claim_minutes FROM app_settings WHERE id = 1)) THEN 'claim'
    WHEN l.user_id IS NOT NULL AND l.first_call_at IS NULL AND l.claimed_at < (now() AT TIME ZONE 'UTC') - make_interval(mins => (SELECT floor_first_call_minutes FROM app_settings WHERE id = 1)) THEN 'first_call'
  END AS breach`;

const SHARED_CARD_COLUMNS = Prisma.raw(selectAs("l", SHARED_LEAD_KEYS));
export const CARD_COLUMNS = Prisma.sql`
  l.id, l.reference, l.contact_name, l.mobile, l.brand_id, l.stage_id, l.user_id, u.name AS user_name,
  vm.name AS vehicle_model_name, s.code AS source_code, s.name AS source_name, s.source_type::text AS source_type,
  l.priority::int AS priority, ${SHARED_CARD_COLUMNS}, l.created_at,
  (SELECT min(a.due_date) FROM activities a WHERE a.lead_id = l.id AND NOT a.done) AS next_activity_due,
  ${BREACH}`;
export const CARD_JOINS = Prisma.sql`
  JOIN lead_sources s ON s.id = l.source_id
  LEFT JOIN vehicle_models vm ON vm.id = l.vehicle_model_id
  LEFT JOIN users u ON u.id = l.user_id`;

const afterCursor = (c: KeysetCursor | null) =>
  c ? Prisma.sql`AND (l.created_at, l.id) < (${c.createdAt}, ${c.id})` : Prisma.empty;

export class LeadRepository {
  constructor(private readonly db: DbClient) {}

  async create(data: LeadWrite & Pick<LeadRecord, "contactName" | "mobile" | "brandId" | "sourceId" | "stageId">): Promise<LeadRecord> {
    return toLeadRecord(await this.db.lead.create({ data: toData(data) as Prisma.LeadUncheckedCreateInput }));
  }

  /** One statement; `forUpdate` takes the row lock: concurrent writers to one lead queue up instead of overwriting each other's checks. */
  async findById(id: number, opts: { forUpdate?: boolean } = {}): Promise<LeadRecord | null> {
    const rows = await hotQuery<LeadRecord>(this.db, Prisma.sql`
      SELECT ${LEAD_COLUMNS} FROM leads l WHERE l.id = ${id} ${opts.forUpdate ? Prisma.sql`FOR UPDATE` : Prisma.empty}`);
    return rows[0] ?? null;
  }

  /** The lead form's read: the record and the names it points to, in one statement. */
  async findView(id: number): Promise<LeadView | null> {
    const rows = await hotQuery<LeadView>(this.db, Prisma.sql`${viewOf(Prisma.sql`leads`)} WHERE l.id = ${id}`);
    return rows[0] ?? null;
  }

  /**
   * Claims the lead if it is still unclaimed and open, writing `message` to its chatter in the same statement
   * (atomic without a transaction); answers the claimed lead's view, or null when someone else got there first.
   */
  async claimWithMessage(id: number, userId: number, message: Omit<NewLeadMessage, "leadId">): Promise<LeadView | null> {
    return this.updateWithMessage(
      Prisma.sql`UPDATE leads SET user_id = ${userId}, claimed_at = now(), updated_at = now()
        WHERE id = ${id} AND user_id IS NULL AND NOT is_won AND NOT is_lost AND active`,
      message,
    );
  }

  /**
   * Moves the lead to `stageId` only if it still is in the stage and with the owner the domain checked, with
   * its chatter line, in one statement; answers the moved lead's view, or null when the lead changed meanwhile.
   */
  async moveStageWithMessage(
    id: number,
    seen: Pick<LeadRecord, "stageId" | "userId">,
    stageId: number,
    message: Omit<NewLeadMessage, "leadId">,
  ): Promise<LeadView | null> {
    return this.updateWithMessage(
      Prisma.sql`UPDATE leads SET stage_id = ${stageId}, updated_at = now()
        WHERE id = ${id} AND stage_id = ${seen.stageId} AND user_id IS NOT DISTINCT FROM ${seen.userId}::int`,
      message,
    );
  }

  /** A conditional one-row UPDATE (without RETURNING) and its chatter line in one statement, answering the view (null: no row matched). */
  private async updateWithMessage(update: Prisma.Sql, message: Omit<NewLeadMessage, "leadId">): Promise<LeadView | null> {
    const rows = await hotQuery<LeadView>(
      this.db,
      Prisma.sql`
      WITH changed AS (${update} RETURNING *), chatter AS (
        INSERT INTO lead_messages (lead_id, kind, body, changes, author_id)
        SELECT id, ${message.kind}::"MessageKind", ${message.body}, ${message.changes ? JSON.stringify(message.changes) : null}::jsonb, ${message.authorId}::int
        FROM changed
      )
      ${viewOf(Prisma.sql`changed`)}`,
    );
    return rows[0] ?? null;
  }

  async update(id: number, patch: LeadWrite): Promise<LeadRecord> {
    return toLeadRecord(await this.db.lead.update({ where: { id }, data: toData(patch) }));
  }

  /** Sets the owner only if the lead is still unclaimed and open; false when someone else got there first. */
  async claimIfUnclaimed(id: number, userId: number): Promise<boolean> {
    const n = await this.db.$executeRaw`
      UPDATE leads SET user_id = ${userId}, claimed_at = now(), updated_at = now()
      WHERE id = ${id} AND user_id IS NULL AND NOT is_won AND NOT is_lost AND active`;
    return n === 1;
  }

  /** Who holds a lead and whether it is open, in one statement (a losing claim answers from this alone). */
  async claimState(id: number): Promise<{ reference: string; userId: number | null; userName: string | null; open: boolean } | null> {
    const rows = await hotQuery<{ reference: string; userId: number | null; userName: string | null; open: boolean }>(
      this.db,
      Prisma.sql`
      SELECT l.reference, l.user_id AS "userId", u.name AS "userName", (NOT l.is_won AND NOT l.is_lost AND l.active) AS open
      FROM leads l LEFT JOIN users u ON u.id = l.user_id WHERE l.id = ${id}`,
    );
    return rows[0] ?? null;
  }

  async countBySource(sourceId: number): Promise<number> {
    return this.db.lead.count({ where: { sourceId } });
  }

  /** Archived leads count too: they still point at the stage. */
  async countByStage(stageId: number): Promise<number> {
    return this.db.lead.count({ where: { stageId } });
  }

  /** Open Leads: waiting leads per brand (see poolCounts) and the first `perColumn` cards of every brand. */
  async openBoard(perColumn: number): Promise<{ counts: Map<number, number>; cards: LeadCard[] }> {
    const [counts, rows] = await Promise.all([
      poolCounts(this.db),
      hotQuery<CardRow>(
        this.db,
        Prisma.sql`
        SELECT ${CARD_COLUMNS} FROM brands b CROSS JOIN LATERAL (
          SELECT * FROM leads l
          WHERE l.user_id IS NULL AND ${OPEN} AND l.brand_id = b.id
          ORDER BY l.created_at DESC, l.id DESC LIMIT ${perColumn}
        ) l ${CARD_JOINS}
        ORDER BY l.brand_id, l.created_at DESC, l.id DESC`,
      ),
    ]);
    return { counts, cards: rows.map(toCard) };
  }

  /** Folds lead_pool_counts into fewer rows without waiting on a writer (the sums do not change). */
  async compactPoolCounts(): Promise<void> {
    await this.db.$executeRaw`SELECT compact_lead_pool_counts()`;
  }

  /** Waiting leads per brand counted from the leads themselves (what lead_pool_counts must always equal). */
  async recountPool(): Promise<Map<number, number>> {
    const rows = await this.db.$queryRaw<{ brand_id: number; n: bigint }[]>`
      SELECT l.brand_id, count(*) AS n FROM leads l WHERE l.user_id IS NULL AND ${OPEN} GROUP BY l.brand_id`;
    return new Map(rows.map((c) => [c.brand_id, Number(c.n)]));
  }

  async openBoardPage(brandId: number, cursor: KeysetCursor | null, limit: number): Promise<LeadCard[]> {
    return this.cards(Prisma.sql`
      SELECT * FROM leads l
      WHERE l.user_id IS NULL AND ${OPEN} AND l.brand_id = ${brandId} ${afterCursor(cursor)}
      ORDER BY l.created_at DESC, l.id DESC LIMIT ${limit}`);
  }

  /** Cards for the leads an inner, index-driven query picks (joins run on the page only, not the table). */
  private async cards(inner: Prisma.Sql): Promise<LeadCard[]> {
    const rows = await this.db.$queryRaw<CardRow[]>`
      SELECT ${CARD_COLUMNS} FROM (${inner}) l ${CARD_JOINS} ORDER BY l.created_at DESC, l.id DESC`;
    return rows.map(toCard);
  }

  /** Pipeline board by stage for one user (or everyone when userId is null): counts and first cards. */
  async pipelineBoard(userId: number | null, perColumn: number): Promise<{ counts: Map<number, number>; cards: LeadCard[] }> {
    const owner = userId === null ? Prisma.sql`l.user_id IS NOT NULL` : Prisma.sql`l.user_id = ${userId}`;
    const [counts, rows] = await Promise.all([
      hotQuery<{ stage_id: number; n: bigint }>(
        this.db,
        Prisma.sql`SELECT l.stage_id, count(*) AS n FROM leads l WHERE ${owner} AND l.active GROUP BY l.stage_id`,
      ),
      hotQuery<CardRow>(
        this.db,
        Prisma.sql`
        SELECT ${CARD_COLUMNS} FROM stages st CROSS JOIN LATERAL (
          SELECT * FROM leads l
          WHERE ${owner} AND l.active AND l.stage_id = st.id
          ORDER BY l.created_at DESC, l.id DESC LIMIT ${perColumn}
        ) l ${CARD_JOINS}
        ORDER BY l.stage_id, l.created_at DESC, l.id DESC`,
      ),
    ]);
    return { counts: new Map(counts.map((c) => [c.stage_id, Number(c.n)])), cards: rows.map(toCard) };
  }

  async pipelinePage(stageId: number, userId: number | null, cursor: KeysetCursor | null, limit: number): Promise<LeadCard[]> {
    const owner = userId === null ? Prisma.sql`l.user_id IS NOT NULL` : Prisma.sql`l.user_id = ${userId}`;
    return this.cards(Prisma.sql`
      SELECT * FROM leads l
      WHERE ${owner} AND l.active AND l.stage_id = ${stageId} ${afterCursor(cursor)}
      ORDER BY l.created_at DESC, l.id DESC LIMIT ${limit}`);
  }
}
