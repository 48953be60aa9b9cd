import type { z } from "zod";
import { AppError, notFound, UniqueViolation } from "@crm/platform";
import type { DealerStore } from "../data-access/dealer-store";
import { type Actor, requireRole } from "./actor";
import type {
  ZCreateBrandRequestSchema,
  ZCreateLostReasonRequestSchema,
  ZCreateProductRequestSchema,
  ZCreateSourceRequestSchema,
  ZUpdateBrandRequestSchema,
  ZUpdateLostReasonRequestSchema,
  ZUpdateProductRequestSchema,
  ZUpdateSourceRequestSchema,
} from "./catalog-schemas";
import { assertInteractive } from "./lead-service";

const duplicate = (what: string) => (e: unknown) => {
  if (e instanceof UniqueViolation) throw new AppError("conflict", "duplicate", `${what} already exists`);
  throw e;
};

/** Configuration (dealer-1): everyone reads it; Dealer Admins change it. */
export class CatalogService {
  constructor(private readonly store: DealerStore) {}

  private read(actor: Actor) {
    assertInteractive(actor);
    return this.store.repos.catalog;
  }

  listStages(actor: Actor) {
    return this.read(actor).listStages();
  }
  listBrands(actor: Actor, includeInactive: boolean) {
    return this.read(actor).listBrands(includeInactive);
  }
  createBrand(actor: Actor, input: z.output<typeof ZCreateBrandRequestSchema>) {
    requireRole(actor, "dealer_admin", "configure brands");
    return this.store.run((r) => r.catalog.createBrand(input)).catch(duplicate(`Brand code "${input.code}"`));
  }
  async updateBrand(actor: Actor, id: number, patch: z.output<typeof ZUpdateBrandRequestSchema>) {
    requireRole(actor, "dealer_admin", "configure brands");
    if (!(await this.store.repos.catalog.findBrand(id))) throw notFound("Brand", id);
    return this.store.run((r) => r.catalog.updateBrand(id, patch)).catch(duplicate(`Brand code "${patch.code}"`));
  }

  listProducts(actor: Actor, filter: { brandId?: number; includeInactive?: boolean }) {
    return this.read(actor).listProducts(filter);
  }
  async createProduct(actor: Actor, input: z.output<typeof ZCreateProductRequestSchema>) {
    requireRole(actor, "dealer_admin", "configure products");
    if (!(await this.store.repos.catalog.findBrand(input.brandId))) {
      throw new AppError("validation", "unknown_brand", `Brand ${input.brandId} does not exist`, { issues: [{ path: "brandId", message: "Unknown brand" }] });
    }
    return this.store.run((r) => r.catalog.createProduct(input)).catch(duplicate(`Product "${input.defaultCode}" of this brand`));
  }
  async updateProduct(actor: Actor, id: number, patch: z.output<typeof ZUpdateProductRequestSchema>) {
    requireRole(actor, "dealer_admin", "configure products");
    if (!(await this.store.repos.catalog.findProduct(id))) throw notFound("Product", id);
    return this.store.run((r) => r.catalog.updateProduct(id, patch)).catch(duplicate(`Product "${patch.defaultCode}" of this brand`));
  }

  listCountries(actor: Actor) {
    return this.read(actor).listCountries();
  }
  async listStates(actor: Actor, countryId: number) {
    if (!(await this.read(actor).findCountry(countryId))) throw notFound("Country", countryId);
    return this.store.repos.catalog.listStates(countryId);
  }

  listSources(actor: Actor, includeInactive: boolean) {
    return this.read(actor).listSources(includeInactive);
  }
  createSource(actor: Actor, input: z.output<typeof ZCreateSourceRequestSchema>) {
    requireRole(actor, "dealer_admin", "configure lead sources");
    return this.store.run((r) => r.catalog.createSource(input)).catch(duplicate(`Lead source "${input.code}"`));
  }
  async updateSource(actor: Actor, id: number, patch: z.output<typeof ZUpdateSourceRequestSchema>) {
    requireRole(actor, "dealer_admin", "configure lead sources");
    if (!(await this.store.repos.catalog.findSource(id))) throw notFound("Lead source", id);
    return this.store.repos.catalog.updateSource(id, patch);
  }

  listLostReasons(actor: Actor, includeInactive: boolean) {
    return this.read(actor).listLostReasons(includeInactive);
  }
  createLostReason(actor: Actor, input: z.output<typeof ZCreateLostReasonRequestSchema>) {
    requireRole(actor, "dealer_admin", "configure lost reasons");
    return this.store.run((r) => r.catalog.createLostReason(input)).catch(duplicate(`Lost reason "${input.code}"`));
  }
  async updateLostReason(actor: Actor, id: number, patch: z.output<typeof ZUpdateLostReasonRequestSchema>) {
    requireRole(actor, "dealer_admin", "configure lost reasons");
    const current = await this.store.repos.catalog.findLostReason(id);
    if (!current) throw notFound("Lost reason", id);
    const { code, ...fields } = patch;
    // Issue 14 item 4: the BPO maps lost reasons by this code; a changed code would silently re-map past and
    // future outcomes there. The label is free to change.
    if (code !== undefined && code !== current.code) {
      const message = `The code "${current.code}" is fixed once created: the BPO maps lost reasons by it. Change the name instead, or archive this reason and create a new one.`;
      throw new AppError("precondition", "lost_reason_code_fixed", message, { issues: [{ path: "code", message }] });
    }
    return this.store.repos.catalog.updateLostReason(id, fields);
  }
}
