import { Prisma } from "./prisma-client/client";
import type { KeysetCursor } from "@crm/platform/core";
import type { DbClient } from "./db-client";

/**
 * What the Leads list view searches for, already classified by the domain (see lead-search-service). The
 * parts are alternatives: a lead matches when any of them does.
 */
export interface LeadSearchTerms {
  /** Digits a mobile or phone number ends with (at least 4, country code and trunk 0 already dropped). */
  phoneSuffix?: string;
  /** An exact reference (`LEAD/00042`). */
  reference?: string;
  /** Lower-case start of an e-mail address. */
  emailPrefix?: string;
  /** Parts of the customer name, each of which must occur (accents and case are ignored). */
  nameWords?: string[];
}

export interface LeadListFilter {
  terms?: LeadSearchTerms;
  stageId?: number;
  brandId?: number;
  sourceId?: number;
  /** An owner's id, or "none" for unassigned leads. */
  userId?: number | "none";
  dealershipId?: number;
  endorsementStatus?: "none" | "pending" | "delivered" | "failed";
  /** Business-day bounds (YYYY-MM-DD, both inclusive) in `timeZone`. */
  createdFrom?: string;
  createdTo?: string;
  timeZone: string;
  /** true: archived only; false: active only; undefined: both. */
  archived?: boolean;
  /** Agents without a search: only the pool and their own leads (existing visibility rules). */
  visibleTo?: number;
}

export interface LeadListRow {
  id: number;
  reference: string;
  contactName: string;
  mobile: string;
  phone: string | null;
  email: string | null;
  stageId: number;
  stageName: string;
  brandId: number;
  brandName: string;
  sourceName: string;
  userId: number | null;
  userName: string | null;
  dealershipId: number | null;
  dealershipName: string | null;
  endorsementStatus: "none" | "pending" | "delivered" | "failed";
  isWon: boolean;
  isLost: boolean;
  active: boolean;
  mergedIntoId: number | null;
  createdAt: Date;
}

interface Row {
  id: number;
  reference: string;
  contact_name: string;
  mobile: string;
  phone: string | null;
  email: string | null;
  stage_id: number;
  stage_name: string;
  brand_id: number;
  brand_name: string;
  source_name: string;
  user_id: number | null;
  user_name: string | null;
  dealership_id: number | null;
  dealership_name: string | null;
  endorsement_status: LeadListRow["endorsementStatus"];
  is_won: boolean;
  is_lost: boolean;
  active: boolean;
  merged_into_id: number | null;
  created_at: Date;
}

const toRow = (r: Row): LeadListRow => ({
  id: r.id,
  reference: r.reference,
  contactName: r.contact_name,
  mobile: r.mobile,
  phone: r.phone,
  email: r.email,
  stageId: r.stage_id,
  stageName: r.stage_name,
  brandId: r.brand_id,
  brandName: r.brand_name,
  sourceName: r.source_name,
  userId: r.user_id,
  userName: r.user_name,
  dealershipId: r.dealership_id,
  dealershipName: r.dealership_name,
  endorsementStatus: r.endorsement_status,
  isWon: r.is_won,
  isLost: r.is_lost,
  active: r.active,
  mergedIntoId: r.merged_into_id,
  createdAt: r.created_at,
});

/** The string right after every string starting with `prefix`, in byte order (code point + 1 on the last). */
function prefixEnd(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!;
  return chars.join("") + String.fromCodePoint(last.codePointAt(0)! + 1);
}

/** `expr` starts with `prefix`, as a range the expression's COLLATE "C" B-tree index answers (bound parameters too). */
const startsWith = (expr: Prisma.Sql, prefix: string) =>
  Prisma.sql`(${expr} COLLATE "C" >= ${prefix} AND ${expr} COLLATE "C" < ${prefixEnd(prefix)})`;

/** Escapes LIKE wildcards so typed text matches literally. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

// The expressions below are the indexes' of migration 20261203050000_lead_search, character for character.
// search_name is the generated column lead_search_text(contact_name): lower-case, accents removed.
function termsSql(t: LeadSearchTerms): Prisma.Sql | null {
  const any: Prisma.Sql[] = [];
  if (t.phoneSuffix) {
    const reversed = [...t.phoneSuffix].reverse().join("");
    any.push(startsWith(Prisma.sql`lead_digits_reversed(l.mobile)`, reversed));
    any.push(startsWith(Prisma.sql`lead_digits_reversed(l.phone)`, reversed));
  }
  if (t.reference) any.push(Prisma.sql`l.reference = ${t.reference}`);
  if (t.emailPrefix) any.push(startsWith(Prisma.sql`lower(l.email)`, t.emailPrefix));
  if (t.nameWords?.length) {
    const words = t.nameWords.map((w) => Prisma.sql`l.search_name LIKE '%' || lead_search_text(${likeEscape(w)}) || '%'`);
    any.push(Prisma.sql`(${Prisma.join(words, " AND ")})`);
  }
  return any.length ? Prisma.sql`(${Prisma.join(any, " OR ")})` : null;
}

function whereOf(f: LeadListFilter, cursor: KeysetCursor | null): Prisma.Sql {
  const localMidnight = (day: string) => Prisma.sql`((${day}::date)::timestamp AT TIME ZONE ${f.timeZone}) AT TIME ZONE 'UTC'`;
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  const terms = f.terms ? termsSql(f.terms) : null;
  if (terms) parts.push(terms);
  if (f.stageId !== undefined) parts.push(Prisma.sql`l.stage_id = ${f.stageId}`);
  if (f.brandId !== undefined) parts.push(Prisma.sql`l.brand_id = ${f.brandId}`);
  if (f.sourceId !== undefined) parts.push(Prisma.sql`l.source_id = ${f.sourceId}`);
  if (f.userId === "none") parts.push(Prisma.sql`l.user_id IS NULL`);
  else if (f.userId !== undefined) parts.push(Prisma.sql`l.user_id = ${f.userId}`);
  if (f.dealershipId !== undefined) parts.push(Prisma.sql`l.dealership_id = ${f.dealershipId}`);
  if (f.endorsementStatus !== undefined) parts.push(Prisma.sql`l.endorsement_status = ${f.endorsementStatus}::"EndorsementStatus"`);
  if (f.createdFrom) parts.push(Prisma.sql`l.created_at >= ${localMidnight(f.createdFrom)}`);
  if (f.createdTo) parts.push(Prisma.sql`l.created_at < ${localMidnight(f.createdTo)} + interval '1 day'`);
  if (f.archived === true) parts.push(Prisma.sql`NOT l.active`);
  if (f.archived === false) parts.push(Prisma.sql`l.active`);
  if (f.visibleTo !== undefined) parts.push(Prisma.sql`(l.user_id IS NULL OR l.user_id = ${f.visibleTo})`);
  if (cursor) parts.push(Prisma.sql`(l.created_at, l.id) < (${cursor.createdAt}, ${cursor.id})`);
  return Prisma.join(parts, " AND ");
}

/** The Leads list view and customer search: every lead (open, closed, archived), newest first. */
export class LeadSearchRepository {
  constructor(private readonly db: DbClient) {}

  async list(f: LeadListFilter, cursor: KeysetCursor | null, limit: number): Promise<LeadListRow[]> {
    // The inner query picks the page on the leads table alone (an index decides), the joins run on the page.
    const rows = await this.db.$queryRaw<Row[]>`
      SELECT l.id, l.reference, l.contact_name, l.mobile, l.phone, l.email, l.stage_id, st.name AS stage_name,
             l.brand_id, b.name AS brand_name, s.name AS source_name, l.user_id, u.name AS user_name,
             l.dealership_id, d.name AS dealership_name, l.endorsement_status, l.is_won, l.is_lost, l.active,
             l.merged_into_id, l.created_at
      FROM (
        SELECT * FROM leads l WHERE ${whereOf(f, cursor)}
        ORDER BY l.created_at DESC, l.id DESC LIMIT ${limit}
      ) l
      JOIN stages st ON st.id = l.stage_id
      JOIN brands b ON b.id = l.brand_id
      JOIN lead_sources s ON s.id = l.source_id
      LEFT JOIN users u ON u.id = l.user_id
      LEFT JOIN dealerships d ON d.id = l.dealership_id
      ORDER BY l.created_at DESC, l.id DESC`;
    return rows.map(toRow);
  }
}
