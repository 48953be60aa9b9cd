import type { ReceiveEndorsedLeadRequest, ReceiveEndorsedLeadResponse, ReceiveSaleOrderRequest, ReceiveSaleOrderResponse } from "@crm/contracts";
import { AppErrorCodes, sharedLeadValues } from "@crm/contracts";
import { AppError, type LeadEvents, noLeadEvents, normalizeEmail, UniqueViolation } from "@crm/platform/core";
import type { RpcCaller } from "@crm/platform/http";
import type { DealerStore, LeadRecord, ProductRecord, Repositories } from "../data-access/dealer-store";
import { type Actor, requireServicePermission } from "./actor";
import { findOrCreatePartner } from "./partner-matching";
import { serviceAccountActor } from "./service-account";

export const NEGOTIATION_STAGE = "Negotiation";
export const ENDORSED_SOURCE = { with_sq: "endorsed_with_sq", without_sq: "endorsed_without_sq" } as const;

/** dealer-2 audit trail: the first chatter entry of an endorsed lead. */
export const endorsementChatterLine = (i: Pick<ReceiveEndorsedLeadRequest, "bpoSourceUrl" | "bpoSourceLeadName" | "endorsementType">) =>
  `Lead endorsed from BPO CRM ${i.bpoSourceUrl} (source lead ${i.bpoSourceLeadName}, ${i.endorsementType === "with_sq" ? "with S.Q." : "without S.Q."})`;

const brandNotConfigured = (code: string) =>
  new AppError("precondition", AppErrorCodes.brandCodeNotConfigured, `brand code not configured: "${code}" has no matching brand on this dealership (add it under Configuration → Brands)`, { details: { brandCode: code } });

/**
 * The BPO's pushes into this dealership over JSON-RPC: endorsed leads (dealer-2) and the sale order of a BPO
 * Mark Won (bpo-2). Only the service account may call them; both are idempotent per BPO lead.
 */
export class EndorsementService {
  constructor(
    private readonly store: DealerStore,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  /** The RPC caller as an Actor; anything but an active service account is refused. */
  private async serviceActor(caller: RpcCaller): Promise<Actor> {
    const actor = await serviceAccountActor(this.store.repos, caller, "Only the BPO service account may push leads and orders to this dealership.");
    requireServicePermission(actor, "lead.create");
    requireServicePermission(actor, "partner.create");
    return actor;
  }

  private async matchProduct(r: Repositories, brandId: number, code: string | null | undefined, name: string | null | undefined): Promise<ProductRecord | null> {
    if (code) {
      const byCode = await r.catalog.findProductByCode(brandId, code);
      if (byCode) return byCode;
    }
    return name ? r.catalog.findProductByFuzzyName(brandId, name) : null;
  }

  private async endorsedResult(r: Repositories, lead: LeadRecord, created: boolean): Promise<ReceiveEndorsedLeadResponse> {
    const orders = await r.orders.listForLead(lead.id);
    return { dealerLeadId: lead.id, dealerLeadName: lead.reference, saleOrderName: orders[0]?.name ?? null, created };
  }

  async receiveEndorsedLead(caller: RpcCaller, input: ReceiveEndorsedLeadRequest): Promise<ReceiveEndorsedLeadResponse> {
    const actor = await this.serviceActor(caller);
    const existing = await this.store.repos.leads.findByBpoOrigin(input.bpoSourceUrl, input.bpoSourceLeadId);
    if (existing) return this.endorsedResult(this.store.repos, existing, false);
    try {
      const result = await this.store.transaction((r) => this.createEndorsed(r, actor, input));
      this.events.created(result.dealerLeadId);
      return result;
    } catch (e) {
      // Two identical pushes at the same moment: the unique (bpo_source_url, bpo_source_lead_id) lets one win.
      if (!(e instanceof UniqueViolation)) throw e;
      const winner = await this.store.repos.leads.findByBpoOrigin(input.bpoSourceUrl, input.bpoSourceLeadId);
      if (!winner) throw e;
      return this.endorsedResult(this.store.repos, winner, false);
    }
  }

  private async createEndorsed(r: Repositories, actor: Actor, input: ReceiveEndorsedLeadRequest): Promise<ReceiveEndorsedLeadResponse> {
    const brand = await r.catalog.findBrandByCode(input.brandCode);
    if (!brand || !brand.active) throw brandNotConfigured(input.brandCode);
    const product = await this.matchProduct(r, brand.id, input.productCode, input.vehicleModelName);
    const country = input.countryCode ? await r.catalog.findCountryByCode(input.countryCode) : null;
    const state = country && input.stateCode ? await r.catalog.findStateByCode(country.id, input.stateCode.replace(new RegExp(`^${country.code}-`, "i"), "").toUpperCase()) : null;
    const stage = (await r.catalog.listStages()).find((s) => s.name === NEGOTIATION_STAGE && !s.isWon && !s.isLost);
    if (!stage) throw new AppError("precondition", "no_negotiation_stage", `No "${NEGOTIATION_STAGE}" stage is configured on this dealership`);
    const source = await r.catalog.findSourceByCode(ENDORSED_SOURCE[input.endorsementType]);
    if (!source) throw new AppError("precondition", "no_endorsed_source", `Lead source "${ENDORSED_SOURCE[input.endorsementType]}" is missing on this dealership`);

    const contact = {
      contactName: input.contactName,
      mobile: input.mobile,
      phone: input.phone ?? null,
      email: normalizeEmail(input.email),
      street: input.street ?? null,
      city: input.city ?? null,
      zipCode: input.zipCode ?? null,
      countryId: country?.id ?? null,
      stateId: state?.id ?? null,
    };
    const partner = await findOrCreatePartner(r, contact);
    const trade = input.hasTradeIn ? input.tradeIn : null;
    const lead = await r.leads.create({
      ...contact,
      partnerId: partner.id,
      brandId: brand.id,
      productId: product?.id ?? null,
      vehicleModelText: input.vehicleModelName ?? null,
      preferredColor: input.preferredColor ?? null,
      quantity: input.quantity,
      expectedPrice: input.expectedPrice ?? null,
      budgetMin: input.budgetMin ?? null,
      budgetMax: input.budgetMax ?? null,
      customerNotes: input.customerNotes ?? null,
      internalNotes: input.internalNotes ?? null,
      hasTradeIn: input.hasTradeIn,
      tradeInMake: trade?.make ?? null,
      tradeInModel: trade?.model ?? null,
      tradeInYear: trade?.year ?? null,
      tradeInMileageKm: trade?.mileageKm ?? null,
      tradeInExpectedValue: trade?.expectedValue ?? null,
      financingNeeded: input.financingNeeded,
      financingType: input.financingType ?? null,
      downPayment: input.downPayment ?? null,
      priority: input.priority,
      ...sharedLeadValues(input),
      sourceId: source.id,
      stageId: stage.id,
      userId: null,
      bpoSourceLeadId: input.bpoSourceLeadId,
      bpoSourceLeadName: input.bpoSourceLeadName,
      bpoSourceUrl: input.bpoSourceUrl,
      createdById: actor.id,
    });
    await r.messages.add({ leadId: lead.id, kind: "system", body: endorsementChatterLine(input), authorId: actor.id });

    let saleOrderName: string | null = null;
    if (input.endorsementType === "with_sq") {
      const order = await r.orders.create({
        leadId: lead.id,
        partnerId: partner.id,
        createdById: actor.id,
        lines: product ? [{ productId: product.id, description: product.name, quantity: input.quantity, unitPrice: input.expectedPrice ?? product.listPrice }] : [],
      });
      saleOrderName = order.name;
      await r.messages.add({ saleOrderId: order.id, kind: "system", body: `Quotation created from BPO endorsement ${input.bpoSourceLeadName}`, authorId: actor.id });
      await r.messages.add({
        leadId: lead.id,
        kind: "system",
        body: product
          ? `Quotation ${order.name} created (with S.Q.)`
          : `Quotation ${order.name} created (with S.Q.) without a line: vehicle "${input.vehicleModelName ?? input.productCode ?? ""}" was not found under ${brand.name}`,
        authorId: actor.id,
      });
    }
    return { dealerLeadId: lead.id, dealerLeadName: lead.reference, saleOrderName, created: true };
  }

  /**
   * BPO Mark Won (bpo-2): partner lookup/create and a sale order for the lead's vehicle. The order is created
   * confirmed (state `sale`, awaiting delivery) when the vehicle matched a product: the BPO customer has bought.
   * Without a matching product it stays a draft quotation without lines and says why in its chatter.
   * One order per BPO lead: a repeated push returns the first one with `created: false`.
   */
  async receiveSaleOrder(caller: RpcCaller, input: ReceiveSaleOrderRequest): Promise<ReceiveSaleOrderResponse> {
    const actor = await this.serviceActor(caller);
    const existing = await this.store.repos.orders.findByBpoOrigin(input.bpoSourceUrl, input.bpoSourceLeadId);
    if (existing) return { saleOrderId: existing.id, saleOrderName: existing.name, partnerId: existing.partnerId, created: false };
    try {
      const result = await this.store.transaction((r) => this.createPushedOrder(r, actor, input));
      if (result.leadId !== null) this.events.changed(result.leadId);
      return result.response;
    } catch (e) {
      if (!(e instanceof UniqueViolation)) throw e;
      const winner = await this.store.repos.orders.findByBpoOrigin(input.bpoSourceUrl, input.bpoSourceLeadId);
      if (!winner) throw e;
      return { saleOrderId: winner.id, saleOrderName: winner.name, partnerId: winner.partnerId, created: false };
    }
  }

  private async createPushedOrder(r: Repositories, actor: Actor, input: ReceiveSaleOrderRequest): Promise<{ response: ReceiveSaleOrderResponse; leadId: number | null }> {
    const brand = await r.catalog.findBrandByCode(input.brandCode);
    if (!brand || !brand.active) throw brandNotConfigured(input.brandCode);
    const product = await this.matchProduct(r, brand.id, input.productCode, input.vehicleModelName);
    const c = input.customer;
    const lead = await r.leads.findByBpoOrigin(input.bpoSourceUrl, input.bpoSourceLeadId);
    // The lead endorsed from the same BPO lead already knows its customer: no matching needed (or possible, with an N/A mobile).
    const known = lead?.partnerId ? await r.partners.findById(lead.partnerId) : null;
    const partner =
      known ??
      (await findOrCreatePartner(r, {
        contactName: c.name,
        mobile: c.mobile,
        phone: c.phone ?? null,
        email: c.email ?? null,
        street: c.street ?? null,
        city: c.city ?? null,
        zipCode: null,
        countryId: null,
        stateId: null,
      }));
    const order = await r.orders.create({
      leadId: lead?.id ?? null,
      partnerId: partner.id,
      createdById: actor.id,
      state: product ? "sale" : "draft",
      confirmedAt: product ? new Date() : undefined,
      bpoOrigin: { bpoSourceUrl: input.bpoSourceUrl, bpoSourceLeadId: input.bpoSourceLeadId, bpoSourceLeadName: input.bpoSourceLeadName },
      lines: product ? [{ productId: product.id, description: product.name, quantity: input.quantity, unitPrice: input.unitPrice ?? product.listPrice }] : [],
    });
    const origin = `BPO CRM ${input.bpoSourceUrl} (source lead ${input.bpoSourceLeadName})`;
    await r.messages.add({
      saleOrderId: order.id,
      kind: "system",
      body: product
        ? `Sales order pushed by Mark Won on ${origin}`
        : `Quotation pushed by Mark Won on ${origin}; vehicle "${input.vehicleModelName ?? input.productCode ?? ""}" was not found under ${brand.name}: add the line before confirming`,
      authorId: actor.id,
    });
    if (lead) await r.messages.add({ leadId: lead.id, kind: "system", body: `Sale order ${order.name} received from ${origin}`, authorId: actor.id });
    return { response: { saleOrderId: order.id, saleOrderName: order.name, partnerId: partner.id, created: true }, leadId: lead?.id ?? null };
  }
}
