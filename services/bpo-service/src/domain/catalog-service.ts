import type { z } from "zod";
import { AppError, notFound, ReferencedRowError, UniqueViolation } from "@crm/platform/core";
import type { BpoStore, Repositories } from "../data-access/bpo-store";
import { type Actor, requireRole } from "./actor";
import {
  PROTECTED_SOURCE_CODES,
  type ZCreateBrandRequestSchema,
  type ZCreateDealershipRequestSchema,
  type ZCreateLeadSourceRequestSchema,
  type ZCreateStageRequestSchema,
  type ZCreateVehicleModelRequestSchema,
  type ZUpdateBrandRequestSchema,
  type ZUpdateDealershipRequestSchema,
  type ZUpdateLeadSourceRequestSchema,
  type ZUpdateStageRequestSchema,
  type ZUpdateVehicleModelRequestSchema,
} from "./catalog-schemas";

type Infer<S extends z.ZodType> = z.output<S>;

function duplicate(e: unknown, what: string): never {
  if (e instanceof UniqueViolation) throw new AppError("conflict", "duplicate", `${what} already exists`);
  throw e;
}

/** Reference data. Everyone reads it; Managers maintain it (bpo-3: "BPO Managers only"). */
export class CatalogService {
  constructor(private readonly store: BpoStore) {}

  listSources(_actor: Actor, includeArchived: boolean) {
    return this.store.repos.catalog.listSources(includeArchived);
  }

  async createSource(actor: Actor, input: Infer<typeof ZCreateLeadSourceRequestSchema>) {
    requireRole(actor, "manager", "create lead sources");
    return this.store
      .transaction(async (r) => {
        await refuseRetiredCode(r, input.code);
        return r.catalog.createSource(input);
      })
      .catch((e) => duplicate(e, `A source with code "${input.code}"`));
  }

  async updateSource(actor: Actor, id: number, patch: Infer<typeof ZUpdateLeadSourceRequestSchema>) {
    requireRole(actor, "manager", "edit lead sources");
    const current = await this.store.repos.catalog.findSource(id);
    if (!current) throw notFound("Lead source", id);
    if (patch.code !== undefined && patch.code !== current.code && patch.code.length > 20) {
      throw new AppError("validation", "validation_failed", "Code must be at most 20 characters", { issues: [{ path: "code", message: "Code must be at most 20 characters" }] });
    }
    if ((PROTECTED_SOURCE_CODES as readonly string[]).includes(current.code)) {
      if (patch.code !== undefined && patch.code !== current.code) {
        throw new AppError(
          "precondition",
          "protected_source_code",
          `The code "${current.code}" is used by the distributor sync to tag imported leads; renaming it would break the next import silently. You can change the display name instead.`,
        );
      }
      if (patch.active === false) {
        throw new AppError("precondition", "protected_source_code", `"${current.code}" tags imported leads and cannot be archived.`);
      }
    }
    return this.store
      .transaction(async (r) => {
        if (patch.code !== undefined && patch.code !== current.code) await refuseRetiredCode(r, patch.code);
        return r.catalog.updateSource(id, patch);
      })
      .catch((e) => duplicate(e, `A source with code "${patch.code}"`));
  }

  /** bpo-3: delete is blocked while any lead references the source (archive it instead). */
  async deleteSource(actor: Actor, id: number): Promise<void> {
    requireRole(actor, "manager", "delete lead sources");
    await this.store.transaction(async (r) => {
      const current = await r.catalog.findSource(id);
      if (!current) throw notFound("Lead source", id);
      if ((PROTECTED_SOURCE_CODES as readonly string[]).includes(current.code)) {
        throw new AppError("precondition", "protected_source_code", `"${current.code}" tags imported leads and cannot be deleted.`);
      }
      const used = await r.leads.countBySource(id);
      if (used > 0) throw sourceInUse(current.name, used);
      await r.catalog.lockSourceCodes();
      await r.catalog.deleteSource(id);
      await r.catalog.retireSourceCode(current.code, current.name);
    }).catch((e) => {
      if (e instanceof ReferencedRowError) throw sourceInUse(`#${id}`, 1);
      throw e;
    });
  }

  listStages() {
    return this.store.repos.catalog.listStages();
  }

  /**
   * Configuration → Stages (bpo-2 troubleshooting: "No won stage configured ... Fix via Configuration → Stages").
   * Open stages in sequence order are the forward-only pipeline; a stage is Won, Lost or open, never both.
   */
  async createStage(actor: Actor, input: Infer<typeof ZCreateStageRequestSchema>) {
    requireRole(actor, "manager", "create stages");
    assertOneKind(input);
    return this.store.run((r) => r.catalog.createStage(input)).catch((e) => duplicate(e, `A stage named "${input.name}"`));
  }

  async updateStage(actor: Actor, id: number, patch: Infer<typeof ZUpdateStageRequestSchema>) {
    requireRole(actor, "manager", "edit stages");
    return this.store
      .transaction(async (r) => {
        const current = await r.catalog.findStage(id);
        if (!current) throw notFound("Stage", id);
        const next = { ...current, ...patch };
        assertOneKind(next);
        // Leads carry is_won / is_lost themselves: a stage holding leads keeps its kind, or they would disagree.
        if (next.isWon !== current.isWon || next.isLost !== current.isLost) {
          const n = await r.leads.countByStage(id);
          if (n > 0) throw new AppError("precondition", "stage_in_use", `"${current.name}" holds ${n} lead(s): whether it is Won, Lost or open cannot change while leads are in it.`);
        }
        return r.catalog.updateStage(id, patch);
      })
      .catch((e) => duplicate(e, `A stage named "${patch.name}"`));
  }

  async deleteStage(actor: Actor, id: number): Promise<void> {
    requireRole(actor, "manager", "delete stages");
    await this.store
      .transaction(async (r) => {
        const current = await r.catalog.findStage(id);
        if (!current) throw notFound("Stage", id);
        const n = await r.leads.countByStage(id);
        if (n > 0) throw stageInUse(current.name, n);
        await r.catalog.deleteStage(id);
      })
      .catch((e) => {
        if (e instanceof ReferencedRowError) throw stageInUse(`#${id}`, 1);
        throw e;
      });
  }

  listBrands(_actor: Actor, includeInactive: boolean) {
    return this.store.repos.catalog.listBrands(includeInactive);
  }
  async createBrand(actor: Actor, input: Infer<typeof ZCreateBrandRequestSchema>) {
    requireRole(actor, "manager", "create brands");
    return this.store.run((r) => r.catalog.createBrand(input)).catch((e) => duplicate(e, `Brand "${input.code}"`));
  }
  async updateBrand(actor: Actor, id: number, patch: Infer<typeof ZUpdateBrandRequestSchema>) {
    requireRole(actor, "manager", "edit brands");
    if (!(await this.store.repos.catalog.findBrand(id))) throw notFound("Brand", id);
    return this.store.run((r) => r.catalog.updateBrand(id, patch)).catch((e) => duplicate(e, `Brand "${patch.code}"`));
  }

  listDealerships(_actor: Actor, filter: { brandId?: number; includeInactive?: boolean }) {
    return this.store.repos.catalog.listDealerships(filter);
  }
  async createDealership(actor: Actor, input: Infer<typeof ZCreateDealershipRequestSchema>) {
    requireRole(actor, "manager", "create dealerships");
    if (input.brandId !== null && !(await this.store.repos.catalog.findBrand(input.brandId))) throw notFound("Brand", input.brandId);
    return this.store.run((r) => r.catalog.createDealership(input)).catch((e) => duplicate(e, `Dealership "${input.code}"`));
  }
  async updateDealership(actor: Actor, id: number, patch: Infer<typeof ZUpdateDealershipRequestSchema>) {
    requireRole(actor, "manager", "edit dealerships");
    if (!(await this.store.repos.catalog.findDealership(id))) throw notFound("Dealership", id);
    return this.store.run((r) => r.catalog.updateDealership(id, patch)).catch((e) => duplicate(e, `Dealership "${patch.code}"`));
  }

  listVehicleModels(_actor: Actor, filter: { brandId?: number; includeInactive?: boolean }) {
    return this.store.repos.catalog.listVehicleModels(filter);
  }
  async createVehicleModel(actor: Actor, input: Infer<typeof ZCreateVehicleModelRequestSchema>) {
    requireRole(actor, "manager", "create vehicle models");
    if (!(await this.store.repos.catalog.findBrand(input.brandId))) throw notFound("Brand", input.brandId);
    return this.store.run((r) => r.catalog.createVehicleModel(input)).catch((e) => duplicate(e, `Vehicle model "${input.name}"`));
  }
  async updateVehicleModel(actor: Actor, id: number, patch: Infer<typeof ZUpdateVehicleModelRequestSchema>) {
    requireRole(actor, "manager", "edit vehicle models");
    if (!(await this.store.repos.catalog.findVehicleModel(id))) throw notFound("Vehicle model", id);
    return this.store.run((r) => r.catalog.updateVehicleModel(id, patch)).catch((e) => duplicate(e, `Vehicle model "${patch.name}"`));
  }
}

function assertOneKind(s: { isWon: boolean; isLost: boolean }) {
  if (s.isWon && s.isLost) {
    throw new AppError("validation", "stage_won_and_lost", "A stage is Won or Lost, not both", { issues: [{ path: "isLost", message: "A stage is Won or Lost, not both" }] });
  }
}

const stageInUse = (name: string, n: number) =>
  new AppError("conflict", "stage_in_use", `Stage "${name}" holds ${n} lead(s) and cannot be deleted. Move its leads first.`);

/** bpo-3: "Never reuse a deleted code" (an integration may still send it). Holds the code lock until commit. */
async function refuseRetiredCode(r: Repositories, code: string): Promise<void> {
  await r.catalog.lockSourceCodes();
  if (await r.catalog.isSourceCodeRetired(code)) {
    const message = `The code "${code}" belonged to a deleted lead source and is never reused. Choose another code.`;
    throw new AppError("conflict", "source_code_retired", message, { issues: [{ path: "code", message }] });
  }
}

const sourceInUse = (name: string, n: number) =>
  new AppError("conflict", "source_in_use", `Lead source "${name}" is used by ${n} lead(s) and cannot be deleted. Archive it instead.`);
