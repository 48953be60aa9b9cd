import type { z } from "zod";
import { AppError, notFound } from "@crm/platform/core";
import type { DealerStore, PartnerRecord, PartnerWrite, Repositories } from "../data-access/dealer-store";
import { type Actor, requireServicePermission } from "./actor";
import { assertInteractive } from "./lead-service";
import type { ZCreatePartnerRequestSchema, ZUpdatePartnerRequestSchema } from "./partner-schemas";

/** Customers (res.partner). Any dealer user reads and writes them; the service account may create them. */
export class PartnerService {
  constructor(private readonly store: DealerStore) {}

  private async checkAddress(r: Repositories, v: PartnerWrite) {
    if (v.stateId) {
      const s = await r.catalog.findState(v.stateId);
      if (!s || (v.countryId != null && s.countryId !== v.countryId)) {
        throw new AppError("validation", "unknown_state", `State ${v.stateId} does not belong to the country`, { issues: [{ path: "stateId", message: "Unknown state for the country" }] });
      }
    }
    if (v.countryId && !(await r.catalog.findCountry(v.countryId))) {
      throw new AppError("validation", "unknown_country", `Country ${v.countryId} does not exist`, { issues: [{ path: "countryId", message: "Unknown country" }] });
    }
  }

  search(actor: Actor, text: string | undefined, limit: number): Promise<PartnerRecord[]> {
    assertInteractive(actor);
    return this.store.repos.partners.search(text, limit);
  }

  async get(actor: Actor, id: number): Promise<PartnerRecord> {
    assertInteractive(actor);
    const p = await this.store.repos.partners.findById(id);
    if (!p) throw notFound("Customer", id);
    return p;
  }

  async create(actor: Actor, input: z.output<typeof ZCreatePartnerRequestSchema>): Promise<PartnerRecord> {
    requireServicePermission(actor, "partner.create");
    return this.store.transaction(async (r) => {
      await this.checkAddress(r, input);
      return r.partners.create(input);
    });
  }

  async update(actor: Actor, id: number, patch: z.output<typeof ZUpdatePartnerRequestSchema>): Promise<PartnerRecord> {
    assertInteractive(actor);
    return this.store.transaction(async (r) => {
      const before = await r.partners.findById(id);
      if (!before) throw notFound("Customer", id);
      await this.checkAddress(r, { ...before, ...patch });
      return r.partners.update(id, patch);
    });
  }
}
