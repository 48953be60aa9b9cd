import type { Prisma } from "./prisma-client/client";
import type { DbClient } from "./db-client";

// Records are the Prisma rows of the selects below (money as numbers), so a new column reaches them by itself.
const brandSelect = { id: true, code: true, name: true, active: true } as const;
const productSelect = { id: true, brandId: true, defaultCode: true, name: true, listPrice: true, active: true } as const;
const sourceSelect = { id: true, code: true, name: true, sequence: true, manual: true, active: true } as const;
const reasonSelect = { id: true, code: true, name: true, sequence: true, active: true } as const;

/** A stage row: a platform PipelineStage, and whether the board folds its column. */
export type StageRecord = Prisma.StageGetPayload<object>;
export type BrandRecord = Prisma.BrandGetPayload<{ select: typeof brandSelect }>;
export type ProductRecord = Omit<ProductRow, "listPrice"> & { listPrice: number };
export type CountryRecord = Prisma.CountryGetPayload<object>;
export type StateRecord = Prisma.StateGetPayload<object>;
export type LeadSourceRecord = Prisma.LeadSourceGetPayload<{ select: typeof sourceSelect }>;
export type LostReasonRecord = Prisma.LostReasonGetPayload<{ select: typeof reasonSelect }>;

type ProductRow = Prisma.ProductGetPayload<{ select: typeof productSelect }>;
const toProduct = (p: ProductRow): ProductRecord => ({ ...p, listPrice: p.listPrice.toNumber() });

/** Brands, products, countries/states, lead sources, lost reasons and stages: small reference tables. */
export class CatalogRepository {
  constructor(private readonly db: DbClient) {}

  listStages(): Promise<StageRecord[]> {
    return this.db.stage.findMany({ orderBy: [{ sequence: "asc" }, { id: "asc" }] });
  }

  listBrands(includeInactive = false): Promise<BrandRecord[]> {
    return this.db.brand.findMany({ where: includeInactive ? {} : { active: true }, select: brandSelect, orderBy: { name: "asc" } });
  }
  findBrand(id: number): Promise<BrandRecord | null> {
    return this.db.brand.findUnique({ where: { id }, select: brandSelect });
  }
  findBrandByCode(code: string): Promise<BrandRecord | null> {
    return this.db.brand.findUnique({ where: { code }, select: brandSelect });
  }
  createBrand(data: { code: string; name: string; active?: boolean }): Promise<BrandRecord> {
    return this.db.brand.create({ data, select: brandSelect });
  }
  updateBrand(id: number, data: Partial<{ code: string; name: string; active: boolean }>): Promise<BrandRecord> {
    return this.db.brand.update({ where: { id }, data, select: brandSelect });
  }
  upsertBrand(data: { code: string; name: string }): Promise<BrandRecord> {
    return this.db.brand.upsert({ where: { code: data.code }, create: data, update: { name: data.name, active: true }, select: brandSelect });
  }

  async listProducts(filter: { brandId?: number; includeInactive?: boolean } = {}): Promise<ProductRecord[]> {
    const rows = await this.db.product.findMany({
      where: { ...(filter.brandId ? { brandId: filter.brandId } : {}), ...(filter.includeInactive ? {} : { active: true }) },
      select: productSelect,
      orderBy: [{ brandId: "asc" }, { name: "asc" }],
    });
    return rows.map(toProduct);
  }
  async findProduct(id: number): Promise<ProductRecord | null> {
    const p = await this.db.product.findUnique({ where: { id }, select: productSelect });
    return p ? toProduct(p) : null;
  }
  async findProductByCode(brandId: number, defaultCode: string): Promise<ProductRecord | null> {
    const p = await this.db.product.findFirst({ where: { brandId, active: true, defaultCode: { equals: defaultCode, mode: "insensitive" } }, select: productSelect, orderBy: { id: "asc" } });
    return p ? toProduct(p) : null;
  }

  /**
   * Best fuzzy name match within a brand: case-insensitive containment either way, comparing names with
   * spaces and punctuation removed ("Mirage G4 GLX" finds "MIRAGE G4 GLX CVT"); the closest length wins.
   */
  async findProductByFuzzyName(brandId: number, name: string): Promise<ProductRecord | null> {
    const needle = name.toLowerCase().replace(/[^a-z0-9]/g, "");
    if (needle.length < 2) return null;
    const rows = await this.db.$queryRaw<{ id: number }[]>`
      SELECT id FROM (
        SELECT id, regexp_replace(lower(name), '[^a-z0-9]', '', 'g') AS n FROM products WHERE brand_id = ${brandId} AND active
      ) p
      WHERE position(${needle} IN p.n) > 0 OR position(p.n IN ${needle}) > 0
      ORDER BY abs(length(p.n) - ${needle.length}), id
      LIMIT 1`;
    return rows[0] ? this.findProduct(rows[0].id) : null;
  }

  async createProduct(data: { brandId: number; defaultCode: string; name: string; listPrice: number; active?: boolean }): Promise<ProductRecord> {
    return toProduct(await this.db.product.create({ data, select: productSelect }));
  }
  async updateProduct(id: number, data: Partial<{ defaultCode: string; name: string; listPrice: number; active: boolean }>): Promise<ProductRecord> {
    return toProduct(await this.db.product.update({ where: { id }, data, select: productSelect }));
  }
  async upsertProduct(data: { brandId: number; defaultCode: string; name: string; listPrice: number }): Promise<ProductRecord> {
    const { brandId, defaultCode, ...rest } = data;
    return toProduct(
      await this.db.product.upsert({
        where: { brandId_defaultCode: { brandId, defaultCode } },
        create: data,
        update: { ...rest, active: true },
        select: productSelect,
      }),
    );
  }

  listCountries(): Promise<CountryRecord[]> {
    return this.db.country.findMany({ orderBy: { name: "asc" } });
  }
  findCountry(id: number): Promise<CountryRecord | null> {
    return this.db.country.findUnique({ where: { id } });
  }
  findCountryByCode(code: string): Promise<CountryRecord | null> {
    return this.db.country.findUnique({ where: { code } });
  }
  listStates(countryId: number): Promise<StateRecord[]> {
    return this.db.state.findMany({ where: { countryId }, orderBy: { name: "asc" } });
  }
  findState(id: number): Promise<StateRecord | null> {
    return this.db.state.findUnique({ where: { id } });
  }
  findStateByCode(countryId: number, code: string): Promise<StateRecord | null> {
    return this.db.state.findUnique({ where: { countryId_code: { countryId, code } } });
  }

  listSources(includeInactive = false): Promise<LeadSourceRecord[]> {
    return this.db.leadSource.findMany({ where: includeInactive ? {} : { active: true }, select: sourceSelect, orderBy: [{ sequence: "asc" }, { id: "asc" }] });
  }
  findSource(id: number): Promise<LeadSourceRecord | null> {
    return this.db.leadSource.findUnique({ where: { id }, select: sourceSelect });
  }
  findSourceByCode(code: string): Promise<LeadSourceRecord | null> {
    return this.db.leadSource.findUnique({ where: { code }, select: sourceSelect });
  }
  createSource(data: { code: string; name: string; sequence?: number }): Promise<LeadSourceRecord> {
    return this.db.leadSource.create({ data, select: sourceSelect });
  }
  updateSource(id: number, data: Partial<{ name: string; sequence: number; active: boolean }>): Promise<LeadSourceRecord> {
    return this.db.leadSource.update({ where: { id }, data, select: sourceSelect });
  }

  listLostReasons(includeInactive = false): Promise<LostReasonRecord[]> {
    return this.db.lostReason.findMany({ where: includeInactive ? {} : { active: true }, select: reasonSelect, orderBy: [{ sequence: "asc" }, { id: "asc" }] });
  }
  findLostReason(id: number): Promise<LostReasonRecord | null> {
    return this.db.lostReason.findUnique({ where: { id }, select: reasonSelect });
  }
  createLostReason(data: { code: string; name: string; sequence?: number }): Promise<LostReasonRecord> {
    return this.db.lostReason.create({ data, select: reasonSelect });
  }
  updateLostReason(id: number, data: Partial<{ name: string; sequence: number; active: boolean }>): Promise<LostReasonRecord> {
    return this.db.lostReason.update({ where: { id }, data, select: reasonSelect });
  }
}
