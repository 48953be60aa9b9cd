import { z } from "zod";
import { AppError, type Logger, type SecretBox, nextCursorOf, notFound, parseCursor } from "@crm/platform/core";
import type { BpoStore } from "../data-access/bpo-store";
import type { DistributorConnectionRecord } from "../data-access/distributor-repository";
import type { OdooClientFactory } from "../integrations/odoo12-client";
import { OdooAuthError, OdooError } from "./distributor-errors";
import { type Actor, requireRole } from "./actor";
import { REMOTE_LEAD_MODELS } from "./distributor-mapping";
import { BrandSyncFailed, type DistributorSyncService, credentialsOf } from "./distributor-sync-service";
import {
  type ConnectionCheck,
  type DistributorConnectionView,
  type SetDistributorConnectionRequest,
  ZSyncSettingsRequestSchema,
} from "./distributor-connection-schemas";

/** Moves the job schedule when the stored interval changes (BullMQ lives in jobs/, not here). */
export interface SyncSchedule {
  apply(intervalMinutes: number): Promise<void>;
}

const view = (c: DistributorConnectionRecord): DistributorConnectionView => ({
  brandId: c.brandId,
  brandName: c.brandName,
  configured: Boolean(c.url && c.db && c.login && c.passwordEnc),
  url: c.url,
  db: c.db,
  login: c.login,
  hasPassword: c.passwordEnc !== null,
  dealerModelName: c.dealerModelName,
  vehicleModelModelName: c.vehicleModelModelName,
});

export const DISTRIBUTOR_CHANGE_UNCONFIRMED = "distributor_change_unconfirmed";


/** Brand form actions on the Distributor Connection (Managers only) and the sync settings. */
export class DistributorConnectionService {
  constructor(
    private readonly store: BpoStore,
    private readonly box: SecretBox,
    private readonly odoo: OdooClientFactory,
    private readonly sync: DistributorSyncService,
    private readonly schedule: SyncSchedule,
    private readonly logger: Logger,
  ) {}

  private async connection(brandId: number): Promise<DistributorConnectionRecord> {
    const c = await this.store.repos.distributor.findConnection(brandId);
    if (!c) throw notFound("Brand", brandId);
    return c;
  }

  async get(actor: Actor, brandId: number): Promise<DistributorConnectionView> {
    requireRole(actor, "manager", "view distributor connections");
    return view(await this.connection(brandId));
  }

  async set(actor: Actor, brandId: number, input: SetDistributorConnectionRequest): Promise<DistributorConnectionView> {
    requireRole(actor, "manager", "configure distributor connections");
    const current = await this.connection(brandId);
    if (!input.password && !current.passwordEnc) {
      throw new AppError("validation", "validation_failed", "Password is required", { issues: [{ path: "password", message: "Password is required" }] });
    }
    const url = input.url.replace(/\/+$/, "");
    const moving = current.url !== null && current.db !== null && (current.url !== url || current.db !== input.db);
    if (moving && !input.confirmDistributorChange) {
      const imported = await this.store.repos.distributor.countImportedLeads(brandId);
      throw new AppError(
        "conflict",
        DISTRIBUTOR_CHANGE_UNCONFIRMED,
        `${current.brandName} reads from ${current.url} (database "${current.db}"). Switching to ${url} (database "${input.db}") connects another distributor: ` +
          `its record ids are other customers, so its pending records will be imported as new leads. The ${imported} leads imported so far stay as they are, ` +
          `and the old distributor's dealers and vehicle models keep their names and codes (a row with the same name is linked to the new distributor). ` +
          `Confirm the change to save it.`,
        { details: { from: { url: current.url, db: current.db }, to: { url, db: input.db }, importedLeads: imported } },
      );
    }
    const saved = await this.store.repos.distributor.setConnection(brandId, {
      url,
      db: input.db,
      login: input.login,
      ...(input.password ? { passwordEnc: this.box.seal(input.password) } : {}),
      dealerModelName: input.dealerModelName,
      vehicleModelModelName: input.vehicleModelModelName,
    });
    this.logger.info(moving ? "brand re-pointed at another distributor" : "distributor connection saved", {
      brandId,
      url: saved.url,
      db: saved.db,
      login: saved.login,
      ...(moving ? { previousUrl: current.url, previousDb: current.db } : {}),
      by: actor.id,
    });
    return view(saved);
  }

  async clear(actor: Actor, brandId: number): Promise<DistributorConnectionView> {
    requireRole(actor, "manager", "clear distributor connections");
    await this.connection(brandId);
    return view(await this.store.repos.distributor.setConnection(brandId, { url: null, db: null, login: null, passwordEnc: null }));
  }

  /** Test Connection: login, server version, read access to both lead models; one readable line each. */
  async test(actor: Actor, brandId: number): Promise<{ ok: boolean; checks: ConnectionCheck[] }> {
    requireRole(actor, "manager", "test distributor connections");
    const conn = await this.connection(brandId);
    const creds = credentialsOf(conn, this.box);
    const client = this.odoo(creds);
    const checks: ConnectionCheck[] = [];
    const notChecked = (why: string) => {
      for (const name of ["Server version", ...REMOTE_LEAD_MODELS.map((m) => `Read ${m.model}`), "Distributor"]) {
        if (!checks.some((c) => c.check === name)) checks.push({ check: name, ok: false, message: `Not checked: ${why}` });
      }
    };
    let uid: number;
    try {
      uid = await client.login();
      checks.push({ check: "Login", ok: true, message: `Logged in as "${creds.login}" on database "${creds.db}"` });
    } catch (e) {
      const message = e instanceof OdooAuthError ? `Wrong login or password: the distributor refused "${creds.login}" on database "${creds.db}"` : (e as Error).message;
      checks.push({ check: "Login", ok: false, message });
      notChecked(e instanceof OdooAuthError ? "login failed" : "distributor unreachable");
      return { ok: false, checks };
    }
    let version: string | null = null;
    try {
      version = (await client.version()).serverVersion;
      checks.push({ check: "Server version", ok: true, message: `Odoo ${version}` });
    } catch (e) {
      checks.push({ check: "Server version", ok: false, message: (e as Error).message });
    }
    for (const m of REMOTE_LEAD_MODELS) {
      try {
        const n = await client.searchCount(m.model, []);
        checks.push({ check: `Read ${m.model}`, ok: true, message: `Readable (${n} records)` });
      } catch (e) {
        const reason = e instanceof OdooError ? e.message : String(e);
        checks.push({ check: `Read ${m.model}`, ok: false, message: `Remote model ${m.model} not found or inaccessible: ${reason}` });
      }
    }
    // Which distributor answered: a re-pointed brand shows at a glance whether it reaches the intended one.
    checks.push({
      check: "Distributor",
      ok: version !== null,
      message: `${creds.url}, database "${creds.db}", ${version !== null ? `Odoo ${version}` : "server version unknown"}, user "${creds.login}" (uid ${uid})`,
    });
    return { ok: checks.every((c) => c.ok), checks };
  }

  /** Sync Dealers / Sync Vehicle Models: upsert every remote catalogue record by remote id. */
  async syncCatalog(actor: Actor, brandId: number, kind: "dealers" | "vehicle-models"): Promise<{ model: string; fetched: number; linked: number }> {
    requireRole(actor, "manager", kind === "dealers" ? "sync dealers" : "sync vehicle models");
    const conn = await this.connection(brandId);
    const creds = credentialsOf(conn, this.box);
    const client = this.odoo(creds);
    const model = kind === "dealers" ? conn.dealerModelName : conn.vehicleModelModelName;
    const items: { remoteId: number; name: string }[] = [];
    try {
      for (let offset = 0; ; offset += 500) {
        const page = await client.searchRead(model, [], { fields: ["id", "name"], limit: 500, offset, order: "id asc" });
        for (const r of page) if (typeof r.id === "number") items.push({ remoteId: r.id, name: typeof r.name === "string" && r.name.trim() ? r.name.trim() : `${kind === "dealers" ? "Dealer" : "Model"} ${r.id}` });
        if (page.length < 500) break;
      }
    } catch (e) {
      if (e instanceof OdooError) throw new AppError("unavailable", "distributor_error", `Could not read ${model} from the distributor: ${e.message}`);
      throw e;
    }
    // Rows are keyed by this distributor's identity: another distributor's rows are never renamed.
    const scope = { brandId, sourceId: await this.store.repos.distributor.ensureSource(creds.url, creds.db) };
    const linked = await this.store.transaction((r) =>
      kind === "dealers" ? r.distributor.upsertDealerships(scope, conn.brandCode, items, { rename: true }) : r.distributor.upsertVehicleModels(scope, items, { rename: true }),
    );
    return { model, fetched: items.length, linked: linked.size };
  }

  /** Run sync now for one brand (Manager); the run is recorded like a scheduled one. */
  async runNow(actor: Actor, brandId: number) {
    requireRole(actor, "manager", "run the distributor sync");
    try {
      return await this.sync.runBrand(brandId, "manual");
    } catch (e) {
      if (e instanceof BrandSyncFailed) return e.run;
      throw e;
    }
  }

  async listRuns(actor: Actor, filter: { brandId?: number; limit: number; cursor?: string }) {
    requireRole(actor, "manager", "view distributor sync runs");
    const c = parseCursor(filter.cursor);
    const runs = await this.store.repos.syncRuns.list({ brandId: filter.brandId, limit: filter.limit, before: c && { startedAt: c.createdAt, id: c.id } });
    return { runs, nextCursor: nextCursorOf(runs.map((r) => ({ createdAt: r.startedAt, id: r.id })), filter.limit) };
  }

  async getSettings(actor: Actor) {
    requireRole(actor, "manager", "view the distributor sync settings");
    return { jobName: SYNC_JOB_NAME, intervalMinutes: await this.store.repos.syncRuns.syncIntervalMinutes() };
  }

  async setSettings(actor: Actor, input: z.output<typeof ZSyncSettingsRequestSchema>) {
    requireRole(actor, "manager", "change the distributor sync interval");
    await this.store.repos.syncRuns.setSyncIntervalMinutes(input.intervalMinutes);
    await this.schedule.apply(input.intervalMinutes);
    return { jobName: SYNC_JOB_NAME, intervalMinutes: input.intervalMinutes };
  }
}

/** The scheduled action's name (bpo-1). */
export const SYNC_JOB_NAME = "CRM: Sync Distributor Campaign Leads";
