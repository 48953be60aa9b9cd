import { Prisma } from "./prisma-client/client";
import { SHARED_LEAD_KEYS, type SharedLeadKey, sharedLeadValues } from "@crm/contracts";
import { selectAs, withStoredEmail } from "@crm/platform/core";
import type { DbClient } from "./db-client";
import type { Cursor, LeadCard, LeadFilter, LeadRecord, LeadView } from "./records";

const dec = (v: Prisma.Decimal | null): number | null => (v === null ? null : v.toNumber());

type LeadRow = Prisma.LeadGetPayload<object>;

export function toLeadRecord(row: LeadRow): LeadRecord {
  return {
    ...row,
    expectedPrice: dec(row.expectedPrice),
    budgetMin: dec(row.budgetMin),
    budgetMax: dec(row.budgetMax),
    tradeInExpectedValue: dec(row.tradeInExpectedValue),
    downPayment: dec(row.downPayment),
  };
}

/** Writable lead columns, in domain terms (numbers for money). */
export type LeadWrite = Partial<Omit<LeadRecord, "id" | "reference" | "createdAt" | "updatedAt">>;

const viewInclude = {
  brand: { select: { id: true, name: true, code: true } },
  product: { select: { id: true, name: true, defaultCode: true } },
  source: { select: { id: true, name: true, code: true } },
  stage: { select: { id: true, name: true, isWon: true, isLost: true } },
  user: { select: { id: true, name: true } },
  partner: { select: { id: true, name: true } },
  country: { select: { id: true, name: true, code: true } },
  state: { select: { id: true, name: true, code: true } },
  lostReason: { select: { id: true, name: true } },
  createdBy: { select: { id: true, name: true } },
  orders: { select: { id: true, name: true, state: true, amountTotal: true }, orderBy: { id: "asc" } },
} satisfies Prisma.LeadInclude;

/** A card as read: its own columns snake_cased, the shared lead fields (contracts) in their names. */
export interface CardRow extends Pick<LeadCard, SharedLeadKey> {
  id: number;
  reference: string;
  contact_name: string;
  mobile: string;
  email: string | null;
  brand_id: number;
  brand_name: string;
  product_name: string | null;
  vehicle_model_text: string | null;
  stage_id: number;
  user_id: number | null;
  user_name: string | null;
  source_code: string;
  source_name: string;
  priority: number;
  bpo_source_lead_name: string | null;
  bpo_source_url: string | null;
  created_at: Date;
}

export const toCard = (r: CardRow): LeadCard => ({
  id: r.id,
  reference: r.reference,
  contactName: r.contact_name,
  mobile: r.mobile,
  email: r.email,
  brandId: r.brand_id,
  brandName: r.brand_name,
  productName: r.product_name,
  vehicleModelText: r.vehicle_model_text,
  stageId: r.stage_id,
  userId: r.user_id,
  userName: r.user_name,
  sourceCode: r.source_code,
  sourceName: r.source_name,
  priority: r.priority,
  ...sharedLeadValues(r),
  bpoSourceLeadName: r.bpo_source_lead_name,
  bpoSourceUrl: r.bpo_source_url,
  createdAt: r.created_at,
});

const SHARED_CARD_COLUMNS = Prisma.raw(selectAs("l", SHARED_LEAD_KEYS));
export const CARD_COLUMNS = Prisma.sql`
  l.id, l.reference, l.contact_name, l.mobile, l.email, l.brand_id, b.name AS brand_name, p.name AS product_name, l.vehicle_model_text,
  l.stage_id, l.user_id, u.name AS user_name, s.code AS source_code, s.name AS source_name,
  l.priority::int AS priority, ${SHARED_CARD_COLUMNS}, l.bpo_source_lead_name, l.bpo_source_url, l.created_at`;
export const CARD_JOINS = Prisma.sql`
  JOIN brands b ON b.id = l.brand_id
  JOIN lead_sources s ON s.id = l.source_id
  LEFT JOIN products p ON p.id = l.product_id
  LEFT JOIN users u ON u.id = l.user_id`;

/** Escapes LIKE wildcards so user text matches literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereOf(f: LeadFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [f.archived ? Prisma.sql`NOT l.active` : Prisma.sql`l.active`];
  if (f.stageId !== undefined) parts.push(Prisma.sql`l.stage_id = ${f.stageId}`);
  if (f.brandId !== undefined) parts.push(Prisma.sql`l.brand_id = ${f.brandId}`);
  if (f.sourceId !== undefined) parts.push(Prisma.sql`l.source_id = ${f.sourceId}`);
  if (f.userId !== undefined) parts.push(Prisma.sql`l.user_id = ${f.userId}`);
  if (f.endorsed === true) parts.push(Prisma.sql`l.bpo_source_lead_id IS NOT NULL`);
  if (f.endorsed === false) parts.push(Prisma.sql`l.bpo_source_lead_id IS NULL`);
  if (f.createdFrom) parts.push(Prisma.sql`l.created_at >= ${f.createdFrom}`);
  if (f.createdBefore) parts.push(Prisma.sql`l.created_at < ${f.createdBefore}`);
  if (f.text) {
    const p = likePattern(f.text);
    parts.push(Prisma.sql`(l.contact_name ILIKE ${p} OR l.mobile ILIKE ${p} OR l.email ILIKE ${p} OR l.reference ILIKE ${p})`);
  }
  return Prisma.join(parts, " AND ");
}

const afterCursor = (c: Cursor | null) => (c ? Prisma.sql`AND (l.created_at, l.id) < (${c.createdAt}, ${c.id})` : Prisma.empty);

export class LeadRepository {
  constructor(private readonly db: DbClient) {}

  async create(data: LeadWrite & Pick<LeadRecord, "contactName" | "mobile" | "brandId" | "sourceId" | "stageId">): Promise<LeadRecord> {
    return toLeadRecord(await this.db.lead.create({ data: withStoredEmail(data) as Prisma.LeadUncheckedCreateInput }));
  }

  async findById(id: number, opts: { forUpdate?: boolean } = {}): Promise<LeadRecord | null> {
    if (opts.forUpdate) {
      // Row lock: concurrent writers to one lead queue up instead of overwriting each other's checks.
      await this.db.$queryRaw`SELECT id FROM leads WHERE id = ${id} FOR UPDATE`;
    }
    const row = await this.db.lead.findUnique({ where: { id } });
    return row ? toLeadRecord(row) : null;
  }

  /** The dealer lead endorsed from this BPO lead (unique per BPO instance and lead id). */
  async findByBpoOrigin(bpoSourceUrl: string, bpoSourceLeadId: number): Promise<LeadRecord | null> {
    const row = await this.db.lead.findUnique({ where: { bpoSourceUrl_bpoSourceLeadId: { bpoSourceUrl, bpoSourceLeadId } } });
    return row ? toLeadRecord(row) : null;
  }

  async findView(id: number): Promise<LeadView | null> {
    const row = await this.db.lead.findUnique({ where: { id }, include: viewInclude });
    if (!row) return null;
    const { brand, product, source, stage, user, partner, country, state, lostReason, createdBy, orders, ...lead } = row;
    return {
      ...toLeadRecord(lead),
      brand,
      product,
      source,
      stage,
      user,
      partner,
      country,
      state,
      lostReason,
      createdBy,
      orders: orders.map((o) => ({ ...o, amountTotal: o.amountTotal.toNumber() })),
    };
  }

  async update(id: number, patch: LeadWrite): Promise<LeadRecord> {
    return toLeadRecord(await this.db.lead.update({ where: { id }, data: withStoredEmail(patch) }));
  }

  async delete(id: number): Promise<void> {
    await this.db.lead.delete({ where: { id } });
  }

  /** Board grouped by stage: per-stage counts and the newest `perColumn` cards of each stage. */
  async board(filter: LeadFilter, perColumn: number): Promise<{ counts: Map<number, number>; cards: LeadCard[] }> {
    const where = whereOf(filter);
    const [counts, rows] = await Promise.all([
      this.db.$queryRaw<{ stage_id: number; n: bigint }[]>`
        SELECT l.stage_id, count(*) AS n FROM leads l WHERE ${where} GROUP BY l.stage_id`,
      this.db.$queryRaw<CardRow[]>`
        SELECT c.* FROM stages st CROSS JOIN LATERAL (
          SELECT ${CARD_COLUMNS} FROM leads l ${CARD_JOINS}
          WHERE ${where} AND l.stage_id = st.id
          ORDER BY l.created_at DESC, l.id DESC LIMIT ${perColumn}
        ) c
        ORDER BY c.stage_id, c.created_at DESC, c.id DESC`,
    ]);
    return { counts: new Map(counts.map((c) => [c.stage_id, Number(c.n)])), cards: rows.map(toCard) };
  }

  /** One page of a filtered list, newest first, keyset-paged. */
  async list(filter: LeadFilter, cursor: Cursor | null, limit: number): Promise<LeadCard[]> {
    const rows = await this.db.$queryRaw<CardRow[]>`
      SELECT ${CARD_COLUMNS} FROM leads l ${CARD_JOINS}
      WHERE ${whereOf(filter)} ${afterCursor(cursor)}
      ORDER BY l.created_at DESC, l.id DESC LIMIT ${limit}`;
    return rows.map(toCard);
  }

  async countOrders(leadId: number): Promise<number> {
    return this.db.saleOrder.count({ where: { leadId } });
  }
}
