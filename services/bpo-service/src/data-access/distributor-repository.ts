import { PLACEHOLDER_VALUES } from "@crm/platform/core";
import { Prisma } from "./prisma-client/client";
import type { DbClient } from "./db-client";

export interface DistributorConnectionRecord {
  brandId: number;
  brandCode: string;
  brandName: string;
  brandActive: boolean;
  url: string | null;
  db: string | null;
  login: string | null;
  /** SecretBox-sealed password; the domain opens it only to call the distributor. */
  passwordEnc: string | null;
  dealerModelName: string;
  vehicleModelModelName: string;
}

export interface RemoteCatalogItem {
  remoteId: number;
  name: string;
}

/** A lead to create from a remote record (columns the sync fills; the rest take their defaults). */
export interface ImportedLeadRow {
  contactName: string;
  email: string | null;
  mobile: string;
  brandId: number;
  dealershipId: number | null;
  vehicleModelId: number | null;
  sourceId: number;
  stageId: number;
  preferredDate: string | null;
  remoteModel: string;
  remoteId: number;
}

/** Which distributor a remote id belongs to: the brand's URL + database when it was read. */
export interface RemoteScope {
  brandId: number;
  sourceId: number;
}

export interface DedupKey {
  key: number;
  contactName: string;
  email: string;
  mobile: string;
}

const select = {
  id: true,
  code: true,
  name: true,
  active: true,
  distributorUrl: true,
  distributorDb: true,
  distributorLogin: true,
  distributorPasswordEnc: true,
  dealerModelName: true,
  vehicleModelModelName: true,
} as const;

type BrandRow = Prisma.BrandGetPayload<{ select: typeof select }>;
const toConnection = (b: BrandRow): DistributorConnectionRecord => ({
  brandId: b.id,
  brandCode: b.code,
  brandName: b.name,
  brandActive: b.active,
  url: b.distributorUrl,
  db: b.distributorDb,
  login: b.distributorLogin,
  passwordEnc: b.distributorPasswordEnc,
  dealerModelName: b.dealerModelName,
  vehicleModelModelName: b.vehicleModelModelName,
});

/** Distributor connections on brands and the set-based writes of the intake sync. */
export class DistributorRepository {
  constructor(private readonly db: DbClient) {}

  async findConnection(brandId: number): Promise<DistributorConnectionRecord | null> {
    const b = await this.db.brand.findUnique({ where: { id: brandId }, select });
    return b ? toConnection(b) : null;
  }

  async setConnection(
    brandId: number,
    data: { url: string | null; db: string | null; login: string | null; passwordEnc?: string | null; dealerModelName?: string; vehicleModelModelName?: string },
  ): Promise<DistributorConnectionRecord> {
    const b = await this.db.brand.update({
      where: { id: brandId },
      data: {
        distributorUrl: data.url,
        distributorDb: data.db,
        distributorLogin: data.login,
        ...(data.passwordEnc !== undefined ? { distributorPasswordEnc: data.passwordEnc } : {}),
        ...(data.dealerModelName ? { dealerModelName: data.dealerModelName } : {}),
        ...(data.vehicleModelModelName ? { vehicleModelModelName: data.vehicleModelModelName } : {}),
      },
      select,
    });
    return toConnection(b);
  }

  /** Active brands with a complete connection: the ones the scheduled sync fans out to. */
  async listSyncableBrands(): Promise<DistributorConnectionRecord[]> {
    const rows = await this.db.brand.findMany({
      where: { active: true, distributorUrl: { not: null }, distributorDb: { not: null }, distributorLogin: { not: null }, distributorPasswordEnc: { not: null } },
      select,
      orderBy: { id: "asc" },
    });
    return rows.map(toConnection);
  }

  /** The id of a distributor identity (URL + database), created on first use. */
  async ensureSource(url: string, db: string): Promise<number> {
    const [row] = await this.db.$queryRaw<{ id: number }[]>`
      INSERT INTO distributor_sources (url, db) VALUES (${url}, ${db})
      ON CONFLICT (url, db) DO UPDATE SET url = EXCLUDED.url
      RETURNING id`;
    return row!.id;
  }

  /** Leads of the brand imported from a distributor (any), for the re-pointing warning. */
  async countImportedLeads(brandId: number): Promise<number> {
    return this.db.lead.count({ where: { remoteBrandId: brandId } });
  }

  /**
   * Makes sure a local dealership exists for every remote dealer id of this distributor and returns remote
   * id → local id. A local dealership of the same name that is not linked to this distributor (none, or a
   * distributor the brand used before) is linked rather than duplicated: its name and code stay. `rename`
   * also refreshes names of rows linked to this very distributor (Sync Dealers); intake only fills gaps.
   */
  upsertDealerships(scope: RemoteScope, brandCode: string, items: RemoteCatalogItem[], opts: { rename?: boolean } = {}): Promise<Map<number, number>> {
    const { brandId, sourceId } = scope;
    return this.upsertRemoteRows("dealerships", scope, items, async (ids, names) => {
      await this.db.$executeRaw`
        UPDATE dealerships d SET remote_source_id = ${sourceId}, remote_id = r.remote_id, updated_at = now()
        FROM (SELECT DISTINCT ON (name) * FROM unnest(${ids}::int[], ${names}::text[]) AS r(remote_id, name)) r
        WHERE d.id = (SELECT x.id FROM dealerships x
                      WHERE x.brand_id = ${brandId} AND x.name = r.name AND (x.remote_id IS NULL OR x.remote_source_id IS DISTINCT FROM ${sourceId})
                      ORDER BY x.remote_id IS NULL DESC, x.id LIMIT 1)
          AND NOT EXISTS (SELECT 1 FROM dealerships x WHERE x.brand_id = ${brandId} AND x.remote_source_id = ${sourceId}
                          AND (x.remote_id = r.remote_id OR x.name = r.name))`;
      // Codes are global: a second distributor's id that an earlier one used gets the source in its code.
      await this.db.$executeRaw`
        INSERT INTO dealerships (code, name, brand_id, remote_source_id, remote_id, active, updated_at)
        SELECT CASE WHEN EXISTS (SELECT 1 FROM dealerships x WHERE x.code = ${brandCode} || '-R' || r.remote_id)
                    THEN ${brandCode} || '-S' || ${sourceId}::int || '-R' || r.remote_id ELSE ${brandCode} || '-R' || r.remote_id END,
               r.name, ${brandId}, ${sourceId}, r.remote_id, true, now()
        FROM unnest(${ids}::int[], ${names}::text[]) AS r(remote_id, name)
        WHERE NOT EXISTS (SELECT 1 FROM dealerships x WHERE x.brand_id = ${brandId} AND x.remote_source_id = ${sourceId} AND x.remote_id = r.remote_id)
        ON CONFLICT DO NOTHING`;
      if (opts.rename) {
        await this.db.$executeRaw`
          UPDATE dealerships d SET name = r.name, updated_at = now()
          FROM unnest(${ids}::int[], ${names}::text[]) AS r(remote_id, name)
          WHERE d.brand_id = ${brandId} AND d.remote_source_id = ${sourceId} AND d.remote_id = r.remote_id AND d.name <> r.name`;
      }
    });
  }

  /**
   * Same as upsertDealerships for vehicle models (unique per brand by name, and by distributor and remote
   * id). A row of another distributor is never renamed: its code names that model, not whatever the new
   * distributor's same id stands for.
   */
  upsertVehicleModels(scope: RemoteScope, items: RemoteCatalogItem[], opts: { rename?: boolean } = {}): Promise<Map<number, number>> {
    const { brandId, sourceId } = scope;
    return this.upsertRemoteRows("vehicle_models", scope, items, async (ids, names) => {
      await this.db.$executeRaw`
        UPDATE vehicle_models v SET remote_source_id = ${sourceId}, remote_id = r.remote_id, updated_at = now()
        FROM (SELECT DISTINCT ON (name) * FROM unnest(${ids}::int[], ${names}::text[]) AS r(remote_id, name)) r
        WHERE v.brand_id = ${brandId} AND v.name = r.name AND (v.remote_id IS NULL OR v.remote_source_id IS DISTINCT FROM ${sourceId})
          AND NOT EXISTS (SELECT 1 FROM vehicle_models x WHERE x.brand_id = ${brandId} AND x.remote_source_id = ${sourceId} AND x.remote_id = r.remote_id)`;
      // Two remote models with one name: the second gets its remote id appended to stay unique per brand.
      await this.db.$executeRaw`
        INSERT INTO vehicle_models (brand_id, name, remote_source_id, remote_id, active, updated_at)
        SELECT ${brandId}, CASE WHEN EXISTS (SELECT 1 FROM vehicle_models x WHERE x.brand_id = ${brandId} AND x.name = r.name)
                                THEN r.name || ' #' || r.remote_id ELSE r.name END, ${sourceId}, r.remote_id, true, now()
        FROM unnest(${ids}::int[], ${names}::text[]) AS r(remote_id, name)
        WHERE NOT EXISTS (SELECT 1 FROM vehicle_models x WHERE x.brand_id = ${brandId} AND x.remote_source_id = ${sourceId} AND x.remote_id = r.remote_id)
        ON CONFLICT DO NOTHING`;
      if (opts.rename) {
        await this.db.$executeRaw`
          UPDATE vehicle_models v SET name = r.name, updated_at = now()
          FROM unnest(${ids}::int[], ${names}::text[]) AS r(remote_id, name)
          WHERE v.brand_id = ${brandId} AND v.remote_source_id = ${sourceId} AND v.remote_id = r.remote_id AND v.name <> r.name
            AND NOT EXISTS (SELECT 1 FROM vehicle_models x WHERE x.brand_id = ${brandId} AND x.name = r.name)`;
      }
    });
  }

  /**
   * The frame of both catalog upserts: the remote rows as parallel id and name arrays (for unnest), the
   * table's own link / insert / rename statements, then remote id → local id of its rows of this distributor.
   */
  private async upsertRemoteRows(
    table: "dealerships" | "vehicle_models",
    scope: RemoteScope,
    items: RemoteCatalogItem[],
    write: (ids: number[], names: string[]) => Promise<void>,
  ): Promise<Map<number, number>> {
    if (items.length === 0) return new Map();
    const ids = items.map((i) => i.remoteId);
    await write(ids, items.map((i) => i.name));
    const rows = await this.db.$queryRaw<{ id: number; remote_id: number }[]>`
      SELECT id, remote_id FROM ${Prisma.raw(table)}
      WHERE brand_id = ${scope.brandId} AND remote_source_id = ${scope.sourceId} AND remote_id = ANY(${ids}::int[])`;
    return new Map(rows.map((r) => [r.remote_id, r.id]));
  }

  /** Remote ids of this distributor, brand and model already imported, as a lead or absorbed into one. */
  async findImportedRemoteIds(scope: RemoteScope, remoteModel: string, remoteIds: number[]): Promise<Set<number>> {
    if (remoteIds.length === 0) return new Set();
    const { brandId, sourceId } = scope;
    const rows = await this.db.$queryRaw<{ remote_id: number }[]>`
      SELECT remote_id FROM leads
      WHERE remote_brand_id = ${brandId} AND remote_source_id = ${sourceId} AND remote_model = ${remoteModel} AND remote_id = ANY(${remoteIds}::int[])
      UNION
      SELECT remote_id FROM lead_remote_origins
      WHERE remote_brand_id = ${brandId} AND remote_source_id = ${sourceId} AND remote_model = ${remoteModel} AND remote_id = ANY(${remoteIds}::int[])`;
    return new Set(rows.map((r) => r.remote_id));
  }

  /**
   * Customer dedup (bpo-1), one query for a whole batch: for each key, the newest open lead (any brand) with
   * that email (stored lowercased) and mobile whose contact name contains the remote name in any case (Odoo's
   * `contact_name ilike name`, wildcards taken literally). A lead whose name is a placeholder never matches.
   */
  async findOpenLeadMatches(keys: DedupKey[]): Promise<Map<number, number>> {
    if (keys.length === 0) return new Map();
    const pattern = (name: string) => `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.db.$queryRaw<{ key: number; lead_id: number }[]>`
      SELECT DISTINCT ON (k.key) k.key, l.id AS lead_id
      FROM unnest(${keys.map((k) => k.key)}::int[], ${keys.map((k) => pattern(k.contactName))}::text[],
                  ${keys.map((k) => k.email)}::text[], ${keys.map((k) => k.mobile)}::text[]) AS k(key, name_pattern, email, mobile)
      JOIN leads l ON l.mobile = k.mobile AND l.email = k.email AND l.contact_name ILIKE k.name_pattern
      WHERE NOT l.is_won AND NOT l.is_lost AND l.active
        AND lower(btrim(l.contact_name)) <> ALL(${[...PLACEHOLDER_VALUES]}::text[])
      ORDER BY k.key, l.id DESC`;
    return new Map(rows.map((r) => [r.key, r.lead_id]));
  }

  /** Inserts leads in one statement; a remote origin already present is left alone (not returned). */
  async insertLeads(sourceId: number, rows: ImportedLeadRow[]): Promise<{ id: number; remoteId: number }[]> {
    if (rows.length === 0) return [];
    const col = <K extends keyof ImportedLeadRow>(k: K) => rows.map((r) => r[k]);
    const inserted = await this.db.$queryRaw<{ id: number; remote_id: number }[]>`
      INSERT INTO leads (contact_name, email, mobile, brand_id, dealership_id, vehicle_model_id, source_id, stage_id,
                         preferred_date, user_id, remote_brand_id, remote_source_id, remote_model, remote_id, updated_at)
      SELECT r.contact_name, r.email, r.mobile, r.brand_id, r.dealership_id, r.vehicle_model_id, r.source_id, r.stage_id,
             r.preferred_date, NULL, r.brand_id, ${sourceId}, r.remote_model, r.remote_id, now()
      FROM unnest(${col("contactName")}::text[], ${col("email")}::text[], ${col("mobile")}::text[], ${col("brandId")}::int[],
                  ${col("dealershipId")}::int[], ${col("vehicleModelId")}::int[], ${col("sourceId")}::int[], ${col("stageId")}::int[],
                  ${col("preferredDate")}::date[], ${col("remoteModel")}::text[], ${col("remoteId")}::int[])
           WITH ORDINALITY AS r(contact_name, email, mobile, brand_id, dealership_id, vehicle_model_id, source_id, stage_id,
                                preferred_date, remote_model, remote_id, ord)
      ORDER BY r.ord
      ON CONFLICT (remote_brand_id, remote_source_id, remote_model, remote_id) DO NOTHING
      RETURNING id, remote_id`;
    return inserted.map((r) => ({ id: r.id, remoteId: r.remote_id }));
  }

  /** Records absorbed remote records; returns the remote ids that were not recorded before. */
  async insertAbsorbedOrigins(scope: RemoteScope, remoteModel: string, rows: { leadId: number; remoteId: number }[]): Promise<Set<number>> {
    if (rows.length === 0) return new Set();
    const inserted = await this.db.$queryRaw<{ remote_id: number }[]>`
      INSERT INTO lead_remote_origins (lead_id, remote_brand_id, remote_source_id, remote_model, remote_id)
      SELECT r.lead_id, ${scope.brandId}, ${scope.sourceId}, ${remoteModel}, r.remote_id
      FROM unnest(${rows.map((r) => r.leadId)}::int[], ${rows.map((r) => r.remoteId)}::int[]) AS r(lead_id, remote_id)
      ON CONFLICT (remote_brand_id, remote_source_id, remote_model, remote_id) DO NOTHING
      RETURNING remote_id`;
    return new Set(inserted.map((r) => r.remote_id));
  }

  /** Chatter entries for many leads in one statement (author: the system). */
  async addMessages(rows: { leadId: number; kind: "note" | "system"; body: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.$executeRaw`
      INSERT INTO lead_messages (lead_id, kind, body)
      SELECT r.lead_id, r.kind::"MessageKind", r.body
      FROM unnest(${rows.map((r) => r.leadId)}::int[], ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.body)}::text[]) AS r(lead_id, kind, body)`;
  }

  /** The intake stage: the first open stage by sequence (New). */
  async firstOpenStageId(): Promise<number | null> {
    const s = await this.db.stage.findFirst({ where: { isWon: false, isLost: false }, orderBy: [{ sequence: "asc" }, { id: "asc" }], select: { id: true } });
    return s?.id ?? null;
  }

  async sourceIdsByCode(codes: string[]): Promise<Map<string, number>> {
    const rows = await this.db.leadSource.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
    return new Map(rows.map((r) => [r.code, r.id]));
  }
}
