import type { z } from "zod";
import { AppError, notFound, UniqueViolation } from "@crm/platform/core";
import type { DealerStore, Repositories } from "../data-access/dealer-store";
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

  /** A Dealer Admin's create of one configuration row: a taken code reads as a conflict naming `taken`. */
  private create<T>(actor: Actor, what: string, taken: string, write: (r: Repositories) => Promise<T>): Promise<T> {
    requireRole(actor, "dealer_admin", `configure ${what}`);
    return this.store.run(write).catch(duplicate(taken));
  }

  /** A Dealer Admin's edit: 404 (`label`) unless the row exists, then the write. */
  private async edit<T>(actor: Actor, what: string, label: string, id: number, exists: (r: Repositories) => Promise<unknown>, write: () => Promise<T>): Promise<T> {
    requireRole(actor, "dealer_admin", `configure ${what}`);
    if (!(await exists(this.store.repos))) throw notFound(label, id);
    return write();
  }

  listStages(actor: Actor) {
    return this.read(actor).listStages();
  }
  listBrands(actor: Actor, includeInactive: boolean) {
    return this.read(actor).listBrands(includeInactive);
  }
  createBrand(actor: Actor, input: z.output<typeof ZCreateBrandRequestSchema>) {
    return this.create(actor, "brands", `Brand code "${input.code}"`, (r) => r.catalog.createBrand(input));
  }
  updateBrand(actor: Actor, id: number, patch: z.output<typeof ZUpdateBrandRequestSchema>) {
    return this.edit(actor, "brands", "Brand", id, (r) => r.catalog.findBrand(id), () =>
      this.store.run((r) => r.catalog.updateBrand(id, patch)).catch(duplicate(`Brand code "${patch.code}"`)),
    );
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
  updateProduct(actor: Actor, id: number, patch: z.output<typeof ZUpdateProductRequestSchema>) {
    return this.edit(actor, "products", "Product", id, (r) => r.catalog.findProduct(id), () =>
      this.store.run((r) => r.catalog.updateProduct(id, patch)).catch(duplicate(`Product "${patch.defaultCode}" of this brand`)),
    );
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
    return this.create(actor, "lead sources", `Lead source "${input.code}"`, (r) => r.catalog.createSource(input));
  }
  updateSource(actor: Actor, id: number, patch: z.output<typeof ZUpdateSourceRequestSchema>) {
    return this.edit(actor, "lead sources", "Lead source", id, (r) => r.catalog.findSource(id), () => this.store.repos.catalog.updateSource(id, patch));
  }

  listLostReasons(actor: Actor, includeInactive: boolean) {
    return this.read(actor).listLostReasons(includeInactive);
  }
  createLostReason(actor: Actor, input: z.output<typeof ZCreateLostReasonRequestSchema>) {
    return this.create(actor, "lost reasons", `Lost reason "${input.code}"`, (r) => r.catalog.createLostReason(input));
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
