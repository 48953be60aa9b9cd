import { Prisma } from "./prisma-client/client";
import { withStoredEmail } from "@crm/platform/core";
import type { DbClient } from "./db-client";
import type { PartnerRecord } from "./records";

export type PartnerWrite = Partial<Omit<PartnerRecord, "id">>;

const partnerSelect = {
  id: true, name: true, mobile: true, email: true, phone: true, street: true, city: true, zipCode: true,
  countryId: true, stateId: true, active: true,
} as const;

/** Customers (res.partner). Lookups by mobile and email are indexed for endorsement matching. */
export class PartnerRepository {
  constructor(private readonly db: DbClient) {}

  findById(id: number): Promise<PartnerRecord | null> {
    return this.db.partner.findUnique({ where: { id }, select: partnerSelect });
  }

  /** Oldest active partner with this exact mobile (the first created one is the canonical customer). */
  findByMobile(mobile: string): Promise<PartnerRecord | null> {
    return this.db.partner.findFirst({ where: { mobile, active: true }, select: partnerSelect, orderBy: { id: "asc" } });
  }

  findByEmail(email: string): Promise<PartnerRecord | null> {
    return this.db.partner.findFirst({ where: { email, active: true }, select: partnerSelect, orderBy: { id: "asc" } });
  }

  /** Active customers whose name, mobile or e-mail contains `text` (any case), by name. */
  search(text: string | undefined, limit: number): Promise<PartnerRecord[]> {
    if (!text) return this.db.partner.findMany({ where: { active: true }, select: partnerSelect, orderBy: { name: "asc" }, take: limit });
    // The expression is partners_search_trgm_idx's, character for character, so the trigram index serves it.
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.db.$queryRaw<PartnerRecord[]>(Prisma.sql`
      SELECT id, name, mobile, email, phone, street, city, zip_code AS "zipCode", country_id AS "countryId", state_id AS "stateId", active
      FROM partners
      WHERE active AND (name || ' ' || coalesce(mobile, '') || ' ' || coalesce(email, '')) ILIKE ${pattern}
      ORDER BY name
      LIMIT ${limit}`);
  }

  create(data: PartnerWrite & { name: string }): Promise<PartnerRecord> {
    return this.db.partner.create({ data: withStoredEmail(data), select: partnerSelect });
  }

  update(id: number, data: PartnerWrite): Promise<PartnerRecord> {
    return this.db.partner.update({ where: { id }, data: withStoredEmail(data), select: partnerSelect });
  }
}
