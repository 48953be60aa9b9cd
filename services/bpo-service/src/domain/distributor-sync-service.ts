import { AppError, type Logger, type SecretBox, notFound, type LeadEvents, noLeadEvents } from "@crm/platform/core";
import type { BpoStore } from "../data-access/bpo-store";
import type { DistributorConnectionRecord, ImportedLeadRow, RemoteScope } from "../data-access/distributor-repository";
import type { SyncModelResult, SyncRecordIssue, SyncRunRecord, SyncTrigger } from "../data-access/sync-run-repository";
import type { Odoo12Client, OdooClientFactory } from "../integrations/odoo12-client";
import { OdooAccessError, OdooAuthError, OdooMissingModelError, OdooTransportError } from "./distributor-errors";
import { type IntakeCorrection, type MappedLead, PENDING_STATUSES, REMOTE_LEAD_MODELS, type RemoteLeadModel, ZRemoteLeadRecordSchema, mapRemoteLead, remoteFields } from "./distributor-mapping";

/** Per-brand mutual exclusion across processes: two runs for one brand never overlap. */
export interface BrandSyncLock {
  /** A release function, or null when another run holds the brand. */
  tryAcquire(brandId: number, ttlMs: number): Promise<(() => Promise<void>) | null>;
}

export interface DistributorSyncOptions {
  batchSize: number;
  /** Backlog drain ceiling: at most this many full batches per model per run. */
  maxBatchesPerRun: number;
}

/** The brand's distributor was unreachable or refused us: the whole brand run failed (the job retries). */
export class BrandSyncFailed extends Error {
  override name = "BrandSyncFailed";
  constructor(
    message: string,
    readonly run: SyncRunRecord,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export const BRAND_ALREADY_SYNCING = "distributor_sync_running";
/** Lease of a brand's sync; renewed while the run lives, so it only matters after a crash. */
export const SYNC_LOCK_TTL_MS = 60_000;
export const INTERRUPTED_RUN_ERROR = "Interrupted: the process running this sync stopped before it finished. Records it did not mark synced were imported by a later run.";

const emptyResult = (model: string): SyncModelResult => ({ model, batches: 0, fetched: 0, created: 0, deduplicated: 0, resumed: 0, skipped: 0, failed: 0, error: null, issues: [] });
/** Run details keep at most this many record problems per model (the counts stay exact). */
export const MAX_ISSUES_PER_MODEL = 100;

/** A brand whose connection is complete, with the password opened for this run only. */
export function credentialsOf(conn: DistributorConnectionRecord, box: SecretBox) {
  if (!conn.url || !conn.db || !conn.login || !conn.passwordEnc) {
    throw new AppError("precondition", "distributor_not_configured", `Brand ${conn.brandName} has no distributor connection`);
  }
  return { url: conn.url, db: conn.db, login: conn.login, password: box.open(conn.passwordEnc) };
}

/**
 * Automatic intake (bpo-1): reads pending quotations and test drives from a brand's distributor, creates
 * leads or dedup notes in one transaction per batch, and only then writes `status = 'synced'` back. A
 * remote record is imported at most once: its origin is unique on leads and on absorbed origins, so a
 * crash between commit and write-back only delays the write-back to the next run.
 */
export class DistributorSyncService {
  constructor(
    private readonly store: BpoStore,
    private readonly box: SecretBox,
    private readonly odoo: OdooClientFactory,
    private readonly lock: BrandSyncLock,
    private readonly logger: Logger,
    private readonly opts: DistributorSyncOptions,
    /** Open Leads pages refresh live when a batch brings new leads. */
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  /** Brands the scheduled run fans out to. */
  async syncableBrandIds(): Promise<number[]> {
    return (await this.store.repos.distributor.listSyncableBrands()).map((b) => b.brandId);
  }

  /**
   * One run for one brand. Throws AppError(conflict) if the brand is already being synced and
   * BrandSyncFailed when the distributor is unreachable or refuses the login (after recording the run).
   */
  async runBrand(brandId: number, trigger: SyncTrigger): Promise<SyncRunRecord> {
    const conn = await this.store.repos.distributor.findConnection(brandId);
    if (!conn) throw notFound("Brand", brandId);
    const creds = credentialsOf(conn, this.box);
    const release = await this.lock.tryAcquire(brandId, SYNC_LOCK_TTL_MS);
    if (!release) throw new AppError("conflict", BRAND_ALREADY_SYNCING, `A distributor sync for ${conn.brandName} is already running`);
    try {
      // Holding the lease, any run still "running" for this brand belongs to a process that died.
      const interrupted = await this.store.repos.syncRuns.failRunning(brandId, INTERRUPTED_RUN_ERROR);
      if (interrupted > 0) this.logger.warn("distributor sync runs interrupted by a crash closed as failed", { brand: conn.brandCode, brandId, runs: interrupted });
      const run = await this.store.repos.syncRuns.start(brandId, trigger);
      const client = this.odoo(creds);
      const results: SyncModelResult[] = [];
      try {
        // Remote ids only mean something on the distributor they were read from (URL + database).
        const scope: RemoteScope = { brandId, sourceId: await this.store.repos.distributor.ensureSource(creds.url, creds.db) };
        await client.login();
        for (const m of REMOTE_LEAD_MODELS) results.push(await this.syncModel(client, conn, scope, m));
      } catch (e) {
        const retryable = e instanceof OdooTransportError;
        const message = e instanceof OdooAuthError || e instanceof OdooTransportError ? e.message : `Sync failed: ${(e as Error).message}`;
        this.logger.error("distributor sync failed", { brand: conn.brandCode, brandId, error: message });
        const failedRun = await this.store.repos.syncRuns.finish(run.id, { ...sum(results), status: "failed", error: message, details: results });
        throw new BrandSyncFailed(message, failedRun, retryable);
      }
      const errors = results.filter((r) => r.error).map((r) => r.error!);
      const finished = await this.store.repos.syncRuns.finish(run.id, {
        ...sum(results),
        status: errors.length ? "partial" : "succeeded",
        error: errors.length ? errors.join("; ") : null,
        details: results,
      });
      this.logger.info("distributor sync finished", { brand: conn.brandCode, brandId, runId: run.id, status: finished.status, created: finished.created, deduplicated: finished.deduplicated, fetched: finished.fetched });
      return finished;
    } finally {
      await release();
    }
  }

  private async syncModel(client: Odoo12Client, conn: DistributorConnectionRecord, scope: RemoteScope, m: RemoteLeadModel): Promise<SyncModelResult> {
    const result = emptyResult(m.model);
    const [stageId, sources] = await Promise.all([this.store.repos.distributor.firstOpenStageId(), this.store.repos.distributor.sourceIdsByCode([m.sourceCode])]);
    const sourceId = sources.get(m.sourceCode);
    if (!stageId || !sourceId) {
      result.error = `Lead source ${m.sourceCode} or the New stage is missing; ${m.model} not imported`;
      this.logger.error(result.error, { brand: conn.brandCode });
      return result;
    }
    // Malformed records stay pending remotely; they are excluded for the rest of this run.
    const skipIds: number[] = [];
    for (let batch = 0; batch < this.opts.maxBatchesPerRun; batch++) {
      const domain: unknown[] = [["status", "in", [...PENDING_STATUSES]]];
      if (skipIds.length) domain.push(["id", "not in", skipIds]);
      let records: Record<string, unknown>[];
      try {
        records = await client.searchRead(m.model, domain, { fields: remoteFields(m), limit: this.opts.batchSize, order: "create_date asc, id asc" });
      } catch (e) {
        if (e instanceof OdooMissingModelError || e instanceof OdooAccessError) {
          result.error = `Remote model ${m.model} not found or inaccessible`;
          this.logger.warn(`Remote model ${m.model} not found or inaccessible`, { brand: conn.brandCode, brandId: conn.brandId, reason: e.message });
          return result;
        }
        throw e;
      }
      result.batches++;
      result.fetched += records.length;
      if (records.length === 0) break;

      const mapped: MappedLead[] = [];
      for (const raw of records) {
        const parsed = ZRemoteLeadRecordSchema.safeParse(raw);
        if (!parsed.success) {
          result.skipped++;
          const id = typeof raw.id === "number" ? raw.id : null;
          if (id !== null) skipIds.push(id);
          if (id !== null) for (const i of parsed.error.issues) noteIssue(result, { remoteId: id, field: i.path.map(String).join(".") || null, problem: `${i.message}; the record stays pending on the distributor` });
          this.logger.warn("malformed distributor record skipped", { brand: conn.brandCode, model: m.model, remoteId: id, problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
          continue;
        }
        const lead = mapRemoteLead(parsed.data, m);
        for (const c of lead.corrections) noteIssue(result, { remoteId: lead.remoteId, field: c.field, problem: `${c.problem} (sent: "${shorten(c.sent)}")` });
        mapped.push(lead);
      }

      const outcome = await this.importBatch(conn, scope, m, mapped, stageId, sourceId);
      // Every imported card enters the pool on open pages; absorbed duplicates changed their lead's chatter.
      for (const id of outcome.createdIds) this.events.created(id);
      for (const id of outcome.absorbedIds) this.events.changed(id);
      result.created += outcome.created;
      result.deduplicated += outcome.deduplicated;
      result.resumed += outcome.resumed;

      // Write-back only after the commit above (one write per batch), and only for records that now have a
      // lead of this distributor: anything else stays pending remotely and is retried by the next run.
      const ids = mapped.map((r) => r.remoteId).filter((id) => outcome.imported.has(id));
      for (const x of mapped) {
        if (outcome.imported.has(x.remoteId)) continue;
        skipIds.push(x.remoteId);
        result.skipped++;
        noteIssue(result, { remoteId: x.remoteId, field: null, problem: "No lead was created or found for this record; it stays pending on the distributor" });
      }
      if (ids.length) {
        try {
          await client.write(m.model, ids, { status: "synced" });
        } catch (e) {
          if (e instanceof OdooTransportError) throw e;
          result.failed += ids.length;
          result.error = `Write-back of ${ids.length} ${m.model} records failed (${(e as Error).message}); they are imported and will be marked synced on the next run`;
          this.logger.warn("distributor write-back failed", { brand: conn.brandCode, model: m.model, count: ids.length, error: (e as Error).message });
          return result;
        }
      }
      if (records.length < this.opts.batchSize) break;
    }
    return result;
  }

  /** One transaction: catalogue gaps, dedup lookup, new leads, absorbed origins, chatter; all set-based. */
  private importBatch(conn: DistributorConnectionRecord, scope: RemoteScope, m: RemoteLeadModel, mapped: MappedLead[], stageId: number, sourceId: number) {
    return this.store.transaction(async (r) => {
      const remoteIds = mapped.map((x) => x.remoteId);
      const already = await r.distributor.findImportedRemoteIds(scope, m.model, remoteIds);
      const fresh = mapped.filter((x) => !already.has(x.remoteId));
      const uniq = <T extends { remoteId: number }>(list: (T | null)[]) => [...new Map(list.filter((x): x is T => x !== null).map((x) => [x.remoteId, x])).values()];
      const [dealers, models] = await Promise.all([
        r.distributor.upsertDealerships(scope, conn.brandCode, uniq(fresh.map((x) => x.dealer))),
        r.distributor.upsertVehicleModels(scope, uniq(fresh.map((x) => x.vehicleModel))),
      ]);
      const candidates = fresh.map((x, i) => ({ x, i })).filter(({ x }) => x.dedupKey !== null);
      const matches = await r.distributor.findOpenLeadMatches(candidates.map(({ x, i }) => ({ key: i, contactName: x.contactName, email: x.email!, mobile: x.mobile })));

      const toCreate: MappedLead[] = [];
      const absorbed: { remote: MappedLead; leadId?: number; ofRemoteId?: number }[] = [];
      const firstByKey = new Map<string, number>();
      fresh.forEach((x, i) => {
        if (x.dedupKey === null) return void toCreate.push(x);
        const leadId = matches.get(i);
        if (leadId !== undefined) return void absorbed.push({ remote: x, leadId });
        const first = firstByKey.get(x.dedupKey);
        // Same customer twice in one batch: the first record's new lead absorbs the second.
        if (first !== undefined) return void absorbed.push({ remote: x, ofRemoteId: first });
        firstByKey.set(x.dedupKey, x.remoteId);
        toCreate.push(x);
      });

      const rows: ImportedLeadRow[] = toCreate.map((x) => ({
        contactName: x.contactName,
        email: x.email,
        mobile: x.mobile,
        brandId: conn.brandId,
        dealershipId: x.dealer ? (dealers.get(x.dealer.remoteId) ?? null) : null,
        vehicleModelId: x.vehicleModel ? (models.get(x.vehicleModel.remoteId) ?? null) : null,
        sourceId,
        stageId,
        preferredDate: x.preferredDate,
        remoteModel: m.model,
        remoteId: x.remoteId,
      }));
      const inserted = await r.distributor.insertLeads(scope.sourceId, rows);
      const leadByRemote = new Map(inserted.map((l) => [l.remoteId, l.id]));
      const resolved = absorbed
        .map((a) => ({ remote: a.remote, leadId: a.leadId ?? leadByRemote.get(a.ofRemoteId!) }))
        .filter((a): a is { remote: MappedLead; leadId: number } => a.leadId !== undefined);
      const newOrigins = await r.distributor.insertAbsorbedOrigins(
        scope,
        m.model,
        resolved.map((a) => ({ leadId: a.leadId, remoteId: a.remote.remoteId })),
      );
      const byRemote = new Map(toCreate.map((x) => [x.remoteId, x]));
      await r.distributor.addMessages([
        ...inserted.map((l) => ({ leadId: l.id, kind: "system" as const, body: `Lead imported from the ${conn.brandName} distributor (${m.model} #${l.remoteId})` })),
        ...inserted
          .filter((l) => byRemote.get(l.remoteId)!.corrections.length > 0)
          .map((l) => ({ leadId: l.id, kind: "note" as const, body: correctionNote(byRemote.get(l.remoteId)!.corrections) })),
        ...resolved
          .filter((a) => newOrigins.has(a.remote.remoteId))
          .map((a) => ({
            leadId: a.leadId,
            kind: "note" as const,
            body: `Duplicate inbound lead from the ${conn.brandName} distributor: ${m.model} #${a.remote.remoteId} (${a.remote.contactName}, ${a.remote.email}, ${a.remote.mobile}). No new lead was created.`,
          })),
      ]);
      // What the write-back may mark synced: records of this distributor that a lead now stands for.
      const imported = await r.distributor.findImportedRemoteIds(scope, m.model, remoteIds);
      return {
        created: inserted.length,
        deduplicated: newOrigins.size,
        resumed: already.size,
        imported,
        createdIds: inserted.map((l) => l.id),
        absorbedIds: [...new Set(resolved.filter((a) => newOrigins.has(a.remote.remoteId)).map((a) => a.leadId))],
      };
    });
  }
}

const FIELD_LABEL: Record<IntakeCorrection["field"], string> = { contactName: "Customer Name", email: "Email", mobile: "Mobile" };

/** The chatter note on a lead whose distributor values were not stored as sent: what came, so the agent can fix it. */
function correctionNote(corrections: IntakeCorrection[]): string {
  const lines = corrections.map((c) => `${FIELD_LABEL[c.field]}: "${c.sent}" is ${c.problem}.`);
  return `The distributor sent values a dealership would refuse; please check them with the customer.\n${lines.join("\n")}`;
}

const shorten = (v: string, max = 120) => (v.length > max ? `${v.slice(0, max)}…` : v);

function noteIssue(result: SyncModelResult, issue: SyncRecordIssue) {
  if (result.issues.length < MAX_ISSUES_PER_MODEL) result.issues.push(issue);
}

function sum(results: SyncModelResult[]) {
  const total = { fetched: 0, created: 0, deduplicated: 0, resumed: 0, skipped: 0, failed: 0 };
  for (const r of results) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
  return total;
}
