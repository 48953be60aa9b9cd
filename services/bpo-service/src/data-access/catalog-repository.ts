import type { CacheScope } from "./bpo-store";
import type { DbClient } from "./db-client";
import type { Prisma } from "./prisma-client/client";

// Records are the Prisma rows of the selects below, so a new column reaches them by itself.
const brandSelect = { id: true, code: true, name: true, active: true } as const;
const dealershipSelect = { id: true, code: true, name: true, brandId: true, managerEmail: true, active: true, rpcUrl: true, rpcKeySealed: true } as const;
const modelSelect = { id: true, brandId: true, name: true, code: true, active: true } as const;
const sourceSelect = { id: true, code: true, name: true, sourceType: true, sequence: true, active: true } as const;

/** A stage row: a platform PipelineStage, and whether the board folds its column. */
export type StageRecord = Prisma.StageGetPayload<object>;
export type BrandRecord = Prisma.BrandGetPayload<{ select: typeof brandSelect }>;
type DealershipRow = Prisma.DealershipGetPayload<{ select: typeof dealershipSelect }>;
type DealershipFields = Omit<DealershipRow, "id" | "rpcUrl" | "rpcKeySealed">;
export type DealershipRecord = DealershipFields & {
  id: number;
  /** Whether the BPO can call this dealership (URL and service key stored); the key itself never leaves. */
  connected: boolean;
};
export type VehicleModelRecord = Prisma.VehicleModelGetPayload<{ select: typeof modelSelect }>;
export type LeadSourceRecord = Prisma.LeadSourceGetPayload<{ select: typeof sourceSelect }>;
export type SourceType = LeadSourceRecord["sourceType"];

const toDealership = ({ rpcUrl, rpcKeySealed, ...d }: DealershipRow): DealershipRecord => ({
  ...d,
  connected: rpcUrl !== null && rpcKeySealed !== null,
});

/** Brands, dealerships, vehicle models, lead sources and stages: small reference tables. */
export class CatalogRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cache: CacheScope,
  ) {}

  /** Every Open Leads board asks for the brands: served from the per-process cache. */
  async listBrands(includeInactive = false): Promise<BrandRecord[]> {
    const load = () => this.db.brand.findMany({ where: includeInactive ? {} : { active: true }, select: brandSelect, orderBy: { name: "asc" } });
    return [...(await this.cache.read("brands", includeInactive ? "all" : "active", load))];
  }
  findBrand(id: number): Promise<BrandRecord | null> {
    return this.db.brand.findUnique({ where: { id }, select: brandSelect });
  }
  async createBrand(data: { code: string; name: string; active?: boolean }): Promise<BrandRecord> {
    const brand = await this.db.brand.create({ data, select: brandSelect });
    this.cache.changed("brands", (c) => c.invalidateAll());
    return brand;
  }
  async updateBrand(id: number, data: Partial<{ code: string; name: string; active: boolean }>): Promise<BrandRecord> {
    const brand = await this.db.brand.update({ where: { id }, data, select: brandSelect });
    this.cache.changed("brands", (c) => c.invalidateAll());
    return brand;
  }

  async listDealerships(filter: { brandId?: number; includeInactive?: boolean } = {}): Promise<DealershipRecord[]> {
    const rows = await this.db.dealership.findMany({
      where: { ...(filter.brandId ? { brandId: filter.brandId } : {}), ...(filter.includeInactive ? {} : { active: true }) },
      select: dealershipSelect,
      orderBy: { name: "asc" },
    });
    return rows.map(toDealership);
  }
  async findDealership(id: number): Promise<DealershipRecord | null> {
    const row = await this.db.dealership.findUnique({ where: { id }, select: dealershipSelect });
    return row && toDealership(row);
  }
  async createDealership(data: Omit<DealershipFields, "active"> & { active?: boolean }): Promise<DealershipRecord> {
    return toDealership(await this.db.dealership.create({ data, select: dealershipSelect }));
  }
  async updateDealership(id: number, data: Partial<DealershipFields>): Promise<DealershipRecord> {
    return toDealership(await this.db.dealership.update({ where: { id }, data, select: dealershipSelect }));
  }

  listVehicleModels(filter: { brandId?: number; includeInactive?: boolean } = {}): Promise<VehicleModelRecord[]> {
    return this.db.vehicleModel.findMany({
      where: { ...(filter.brandId ? { brandId: filter.brandId } : {}), ...(filter.includeInactive ? {} : { active: true }) },
      select: modelSelect,
      orderBy: [{ brandId: "asc" }, { name: "asc" }],
    });
  }
  findVehicleModel(id: number): Promise<VehicleModelRecord | null> {
    return this.db.vehicleModel.findUnique({ where: { id }, select: modelSelect });
  }
  createVehicleModel(data: { brandId: number; name: string; code: string | null; active?: boolean }): Promise<VehicleModelRecord> {
    return this.db.vehicleModel.create({ data, select: modelSelect });
  }
  updateVehicleModel(id: number, data: Partial<Omit<VehicleModelRecord, "id">>): Promise<VehicleModelRecord> {
    return this.db.vehicleModel.update({ where: { id }, data, select: modelSelect });
  }

  listSources(includeArchived = false): Promise<LeadSourceRecord[]> {
    return this.db.leadSource.findMany({
      where: includeArchived ? {} : { active: true },
      select: sourceSelect,
      orderBy: [{ sequence: "asc" }, { id: "asc" }],
    });
  }
  findSource(id: number): Promise<LeadSourceRecord | null> {
    return this.db.leadSource.findUnique({ where: { id }, select: sourceSelect });
  }
  findSourceByCode(code: string): Promise<LeadSourceRecord | null> {
    return this.db.leadSource.findUnique({ where: { code }, select: sourceSelect });
  }
  createSource(data: Omit<LeadSourceRecord, "id">): Promise<LeadSourceRecord> {
    return this.db.leadSource.create({ data, select: sourceSelect });
  }
  updateSource(id: number, data: Partial<Omit<LeadSourceRecord, "id">>): Promise<LeadSourceRecord> {
    return this.db.leadSource.update({ where: { id }, data, select: sourceSelect });
  }
  async deleteSource(id: number): Promise<void> {
    await this.db.leadSource.delete({ where: { id } });
  }
  /**
   * Serializes every change of a lead source's code (create, rename, delete) until the transaction ends, so a
   * code cannot be taken again in the instant its source is deleted (the retired row is not visible yet).
   */
  async lockSourceCodes(): Promise<void> {
    await this.db.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext('lead_source_codes'))`;
  }
  async isSourceCodeRetired(code: string): Promise<boolean> {
    return (await this.db.retiredLeadSourceCode.count({ where: { code } })) > 0;
  }
  async retireSourceCode(code: string, name: string): Promise<void> {
    await this.db.retiredLeadSourceCode.upsert({ where: { code }, create: { code, name }, update: {} });
  }

  /** Every stage move, board and tracking message needs the stages: served from the per-process cache. */
  async listStages(): Promise<StageRecord[]> {
    return [...(await this.cache.read("stages", "all", () => this.db.stage.findMany({ orderBy: [{ sequence: "asc" }, { id: "asc" }] })))];
  }
  findStage(id: number): Promise<StageRecord | null> {
    return this.db.stage.findUnique({ where: { id } });
  }
  async createStage(data: Omit<StageRecord, "id">): Promise<StageRecord> {
    const stage = await this.db.stage.create({ data });
    this.cache.changed("stages", (c) => c.invalidateAll());
    return stage;
  }
  async updateStage(id: number, data: Partial<Omit<StageRecord, "id">>): Promise<StageRecord> {
    const stage = await this.db.stage.update({ where: { id }, data });
    this.cache.changed("stages", (c) => c.invalidateAll());
    return stage;
  }
  async deleteStage(id: number): Promise<void> {
    await this.db.stage.delete({ where: { id } });
    this.cache.changed("stages", (c) => c.invalidateAll());
  }
}
