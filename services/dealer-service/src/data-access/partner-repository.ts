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

  search(text: string | undefined, limit: number): Promise<PartnerRecord[]> {
    const where = text
      ? { OR: (["name", "mobile", "email"] as const).map((f) => ({ [f]: { contains: text, mode: "insensitive" as const } })) }
      : {};
    return this.db.partner.findMany({ where: { ...where, active: true }, select: partnerSelect, orderBy: { name: "asc" }, take: limit });
  }

  create(data: PartnerWrite & { name: string }): Promise<PartnerRecord> {
    return this.db.partner.create({ data, select: partnerSelect });
  }

  update(id: number, data: PartnerWrite): Promise<PartnerRecord> {
    return this.db.partner.update({ where: { id }, data, select: partnerSelect });
  }
}
