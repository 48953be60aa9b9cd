import { AppError, type LeadEvents, noLeadEvents, notFound, parseOrThrow } from "@crm/platform/core";
import { ZLeadBudgetSchema } from "@crm/contracts";
import type { DealerStore, LeadRecord, LeadView, LeadWrite, Repositories, SaleOrderRecord } from "../data-access/dealer-store";
import { type Actor, hasRole, requireRole, worksAnyLead } from "./actor";
import type { CreateLeadRequest, MarkLostRequest, UpdateLeadRequest } from "./lead-schemas";
import { postTracking, trackedLeadChanges } from "./lead-tracking";
import { queueOutcomeCallback } from "./outcome-callback";
import { findOrCreatePartner } from "./partner-matching";
import { type StageInfo, assertStageTransition, openStagesInOrder } from "./stage-rules";

export const DEFAULT_MANUAL_SOURCE_CODE = "walk_in";

export const isOpen = (l: Pick<LeadRecord, "isWon" | "isLost">) => !l.isWon && !l.isLost;

/** REST callers are people; the service account only ever reaches the domain through JSON-RPC. */
export function assertInteractive(actor: Actor): void {
  if (!hasRole(actor, "dealer_user")) {
    throw new AppError("forbidden", "service_account_not_allowed", "Service accounts can only call the JSON-RPC endpoint.");
  }
}

/** dealer-2 access matrix: Dealer Users work their own leads; Managers and Admins any lead. */
export function assertCanWork(actor: Actor, lead: LeadRecord): void {
  assertInteractive(actor);
  if (worksAnyLead(actor) || lead.userId === actor.id) return;
  throw new AppError("forbidden", "not_your_lead", `Lead ${lead.reference} is not assigned to you; only its salesperson or a Dealer Manager can change it.`);
}

export class LeadService {
  constructor(
    private readonly store: DealerStore,
    /** Names this dealership in the Won/Lost callbacks to the BPO. */
    private readonly dealerCode: string,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  /** Loads and locks a lead inside a transaction, or fails with 404. */
  async lockLead(r: Repositories, id: number): Promise<LeadRecord> {
    const lead = await r.leads.findById(id, { forUpdate: true });
    if (!lead) throw notFound("Lead", id);
    return lead;
  }

  /** Referenced rows exist and fit together (product of the brand, state of the country, user active). */
  private async checkReferences(r: Repositories, v: LeadWrite & { brandId: number }, changed: Partial<Record<keyof LeadWrite, unknown>>, endorsed = false) {
    const bad = (code: string, path: string, message: string) => new AppError("validation", code, message, { issues: [{ path, message }] });
    const brand = await r.catalog.findBrand(v.brandId);
    if (!brand) throw bad("unknown_brand", "brandId", `Brand ${v.brandId} does not exist`);
    if (v.productId) {
      const p = await r.catalog.findProduct(v.productId);
      if (!p || p.brandId !== v.brandId) throw bad("unknown_product", "productId", `Vehicle ${v.productId} is not a ${brand.name} product`);
    }
    if (v.stateId) {
      const s = await r.catalog.findState(v.stateId);
      if (!s || (v.countryId != null && s.countryId !== v.countryId)) throw bad("unknown_state", "stateId", `State ${v.stateId} does not belong to the country`);
    }
    if (v.countryId && !(await r.catalog.findCountry(v.countryId))) throw bad("unknown_country", "countryId", `Country ${v.countryId} does not exist`);
    if (v.partnerId && !(await r.partners.findById(v.partnerId))) throw bad("unknown_partner", "partnerId", `Customer ${v.partnerId} does not exist`);
    if ("sourceId" in changed && v.sourceId !== undefined) {
      const s = await r.catalog.findSource(v.sourceId);
      if (!s || !s.active) throw bad("unknown_source", "sourceId", `Lead source ${v.sourceId} does not exist or is archived`);
      // Only the BPO push stamps endorsement sources: a person cannot make a manual lead look endorsed (an
      // endorsed lead may go back to one after a correction).
      if (!s.manual && !endorsed) throw bad("source_not_manual", "sourceId", `Lead source "${s.name}" is set only by BPO endorsements`);
    }
    if ("userId" in changed && v.userId) {
      const u = await r.users.findById(v.userId);
      if (!u || !u.active || u.role === "service_account") throw bad("unknown_user", "userId", `User ${v.userId} cannot own leads`);
    }
  }

  /** Manual intake (dealer-2): Customer Name, Mobile, Brand required; starts in New; owned by the creator by default. */
  async create(actor: Actor, input: CreateLeadRequest): Promise<LeadView> {
    assertInteractive(actor);
    if (input.userId != null && input.userId !== actor.id) requireRole(actor, "dealer_manager", "create leads for someone else");
    const id = await this.store.transaction(async (r) => {
      let sourceId = input.sourceId;
      if (sourceId === undefined) {
        const def = await r.catalog.findSourceByCode(DEFAULT_MANUAL_SOURCE_CODE);
        if (!def) throw new AppError("precondition", "no_default_source", `Pick a lead source (the default "${DEFAULT_MANUAL_SOURCE_CODE}" is missing)`);
        sourceId = def.id;
      }
      const fields: LeadWrite & { brandId: number } = { ...input, sourceId, userId: input.userId === undefined ? actor.id : input.userId };
      await this.checkReferences(r, fields, { ...fields });
      const first = openStagesInOrder(await r.catalog.listStages())[0];
      if (!first) throw new AppError("precondition", "no_open_stage", "No open stage is configured");
      const lead = await r.leads.create({ ...fields, contactName: input.contactName, mobile: input.mobile, sourceId, stageId: first.id, createdById: actor.id });
      const source = await r.catalog.findSource(sourceId);
      await r.messages.add({ leadId: lead.id, kind: "system", body: `Lead created manually (source: ${source?.name ?? sourceId})`, authorId: actor.id });
      return lead.id;
    });
    this.events.created(id);
    return this.get(actor, id);
  }

  /** Every dealer user sees every lead (All Leads); changing one is what the roles restrict. */
  async get(actor: Actor, id: number): Promise<LeadView> {
    assertInteractive(actor);
    const lead = await this.store.repos.leads.findView(id);
    if (!lead) throw notFound("Lead", id);
    return lead;
  }

  /** Edits lead fields; tracked fields land in the chatter. Stage changes go through moveStage only. */
  async update(actor: Actor, id: number, patch: UpdateLeadRequest): Promise<LeadView> {
    await this.store.transaction(async (r) => {
      const before = await this.lockLead(r, id);
      assertCanWork(actor, before);
      if (!isOpen(before)) throw new AppError("precondition", "lead_closed", `Lead ${before.reference} is closed and cannot be edited.`);
      if (patch.userId !== undefined && patch.userId !== before.userId) requireRole(actor, "dealer_manager", "reassign leads");
      const merged = { ...before, ...patch };
      // A patch may carry one end of the range: the rule holds for the lead as it will be stored.
      parseOrThrow(ZLeadBudgetSchema, { budgetMin: merged.budgetMin, budgetMax: merged.budgetMax }, "budget");
      // A new brand invalidates a product of the old one unless the patch picks a new product too.
      if (patch.brandId !== undefined && patch.brandId !== before.brandId && patch.productId === undefined) merged.productId = null;
      // dealer-2: the source of an endorsed lead may be corrected; the tracked change is its audit trail.
      await this.checkReferences(r, merged, patch, before.bpoSourceLeadId !== null);
      const after = await r.leads.update(id, { ...(patch as LeadWrite), productId: merged.productId });
      await postTracking(r, { leadId: id }, actor.id, await trackedLeadChanges(r, before, after));
    });
    this.events.changed(id);
    return this.get(actor, id);
  }

  /**
   * Statusbar / kanban drag, for every caller: a move into Won is Mark Won (its checks and refusals: a delivered
   * order, which no move can give); between open stages the forward-only rule.
   */
  async moveStage(actor: Actor, id: number, stageId: number): Promise<LeadView> {
    const [stages, lead] = await Promise.all([this.store.repos.catalog.listStages(), this.store.repos.leads.findById(id)]);
    if (lead && lead.stageId !== stageId && stages.find((s) => s.id === stageId)?.isWon) return this.markWon(actor, id);
    await this.store.transaction(async (r) => {
      const before = await this.lockLead(r, id);
      assertCanWork(actor, before);
      const stages = await r.catalog.listStages();
      const from = stages.find((s) => s.id === before.stageId);
      const to = stages.find((s) => s.id === stageId);
      if (!from || !to) throw new AppError("validation", "unknown_stage", `Stage ${stageId} does not exist`);
      assertStageTransition(stages, from, to);
      if (from.id === to.id) return;
      const after = await r.leads.update(id, { stageId: to.id });
      await postTracking(r, { leadId: id }, actor.id, await trackedLeadChanges(r, before, after));
    });
    this.events.changed(id);
    return this.get(actor, id);
  }

  /** Why Mark Won would be refused right now (closed, not in the last open stage, nothing delivered), or null. */
  private async wonRefusal(r: Repositories, lead: LeadRecord, stages: StageInfo[]): Promise<AppError | null> {
    if (!isOpen(lead)) return new AppError("precondition", "lead_closed", `Lead ${lead.reference} is already closed.`);
    const lastOpen = openStagesInOrder(stages).at(-1);
    if (lastOpen && lead.stageId !== lastOpen.id) {
      return new AppError("precondition", "won_from_last_stage", `Move the lead to "${lastOpen.name}" before marking it Won.`);
    }
    if (!(await r.orders.hasDeliveredOrder(lead.id))) {
      return new AppError(
        "precondition",
        "won_needs_delivery",
        `Lead ${lead.reference} cannot be marked Won yet: none of its sale orders is delivered. Confirm and deliver the sale order first.`,
      );
    }
    return null;
  }

  /**
   * Mark Won's answer without doing it: the form disables the button and shows the server's own explanation
   * before anyone clicks. Same checks, same messages as markWon.
   */
  async markWonCheck(actor: Actor, id: number): Promise<{ allowed: boolean; code: string | null; reason: string | null }> {
    assertInteractive(actor);
    const lead = await this.store.repos.leads.findById(id);
    if (!lead) throw notFound("Lead", id);
    let refusal: AppError | null = null;
    try {
      assertCanWork(actor, lead);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      refusal = e;
    }
    refusal ??= await this.wonRefusal(this.store.repos, lead, await this.store.repos.catalog.listStages());
    return refusal ? { allowed: false, code: refusal.code, reason: refusal.message } : { allowed: true, code: null, reason: null };
  }

  /** Mark Won (dealer-2): from the last open stage, and only once a linked sale order is delivered. */
  async markWon(actor: Actor, id: number): Promise<LeadView> {
    await this.store.transaction(async (r) => {
      const before = await this.lockLead(r, id);
      assertCanWork(actor, before);
      const stages = await r.catalog.listStages();
      const refusal = await this.wonRefusal(r, before, stages);
      if (refusal) throw refusal;
      const won = stages.find((s) => s.isWon);
      if (!won) throw new AppError("precondition", "no_won_stage", "No won stage configured");
      const after = await r.leads.update(id, { stageId: won.id, isWon: true, closedAt: new Date() });
      await r.messages.add({ leadId: id, kind: "system", body: "Marked as Won (vehicle delivered)", authorId: actor.id });
      await postTracking(r, { leadId: id }, actor.id, await trackedLeadChanges(r, before, after));
      await queueOutcomeCallback(r, this.dealerCode, after, "won");
    });
    this.events.changed(id);
    return this.get(actor, id);
  }

  /** Mark Lost wizard (dealer-2): reason required, notes to the chatter. */
  async markLost(actor: Actor, id: number, input: MarkLostRequest): Promise<LeadView> {
    await this.store.transaction(async (r) => {
      const before = await this.lockLead(r, id);
      assertCanWork(actor, before);
      if (!isOpen(before)) throw new AppError("precondition", "lead_closed", `Lead ${before.reference} is already closed.`);
      const reason = await r.catalog.findLostReason(input.lostReasonId);
      if (!reason || !reason.active) {
        throw new AppError("validation", "unknown_lost_reason", `Lost reason ${input.lostReasonId} does not exist`, { issues: [{ path: "lostReasonId", message: "Unknown lost reason" }] });
      }
      const lost = (await r.catalog.listStages()).find((s) => s.isLost);
      if (!lost) throw new AppError("precondition", "no_lost_stage", "No lost stage configured");
      const after = await r.leads.update(id, { stageId: lost.id, isLost: true, lostReasonId: reason.id, lostNotes: input.notes || null, closedAt: new Date() });
      const notes = input.notes ? `\n${input.notes}` : "";
      await r.messages.add({ leadId: id, kind: "system", body: `Marked as Lost. Reason: ${reason.name}${notes}`, authorId: actor.id });
      await postTracking(r, { leadId: id }, actor.id, await trackedLeadChanges(r, before, after));
      await queueOutcomeCallback(r, this.dealerCode, after, "lost");
    });
    this.events.changed(id);
    return this.get(actor, id);
  }

  /** Archive (active = false) hides a lead from the views; nothing is deleted. */
  async setActive(actor: Actor, id: number, active: boolean): Promise<LeadView> {
    await this.store.transaction(async (r) => {
      const before = await this.lockLead(r, id);
      assertCanWork(actor, before);
      if (before.active === active) return;
      const after = await r.leads.update(id, { active });
      await r.messages.add({ leadId: id, kind: "system", body: active ? `Restored by ${actor.name}` : `Archived by ${actor.name}`, authorId: actor.id });
      await postTracking(r, { leadId: id }, actor.id, await trackedLeadChanges(r, before, after));
    });
    this.events.changed(id);
    return this.get(actor, id);
  }

  /** Hard delete (Manager+): refused while any sale order is linked, so order history never dangles. */
  async delete(actor: Actor, id: number): Promise<void> {
    requireRole(actor, "dealer_manager", "delete leads");
    await this.store.transaction(async (r) => {
      const lead = await this.lockLead(r, id);
      const n = await r.leads.countOrders(id);
      if (n > 0) {
        throw new AppError("conflict", "lead_has_orders", `Lead ${lead.reference} has ${n} linked sale order(s) and cannot be deleted; archive it instead.`);
      }
      await r.leads.delete(id);
    });
    this.events.changed(id);
  }

  /** Convert to Quotation: a draft order for the lead's vehicle; the customer is matched or created. */
  async convertToQuotation(actor: Actor, id: number): Promise<SaleOrderRecord> {
    const order = await this.store.transaction(async (r) => {
      const lead = await this.lockLead(r, id);
      assertCanWork(actor, lead);
      if (!isOpen(lead)) throw new AppError("precondition", "lead_closed", `Lead ${lead.reference} is closed.`);
      if (!lead.productId) throw new AppError("precondition", "lead_has_no_product", "Set the Vehicle (product) on the lead before converting it to a quotation.");
      const product = await r.catalog.findProduct(lead.productId);
      if (!product) throw notFound("Product", lead.productId);
      let partnerId = lead.partnerId;
      if (partnerId === null) {
        partnerId = (await findOrCreatePartner(r, lead)).id;
        const after = await r.leads.update(id, { partnerId });
        await postTracking(r, { leadId: id }, actor.id, await trackedLeadChanges(r, lead, after));
      }
      const order = await r.orders.create({
        leadId: id,
        partnerId,
        createdById: actor.id,
        lines: [{ productId: product.id, description: product.name, quantity: lead.quantity, unitPrice: lead.expectedPrice ?? product.listPrice }],
      });
      await r.messages.add({ saleOrderId: order.id, kind: "system", body: `Quotation created from lead ${lead.reference}`, authorId: actor.id });
      await r.messages.add({ leadId: id, kind: "system", body: `Quotation ${order.name} created`, authorId: actor.id });
      return order;
    });
    this.events.changed(id);
    return order;
  }

  async postNote(actor: Actor, id: number, body: string): Promise<void> {
    assertInteractive(actor);
    await this.store.transaction(async (r) => {
      await this.lockLead(r, id);
      await r.messages.add({ leadId: id, kind: "note", body, authorId: actor.id });
    });
    this.events.changed(id);
  }

  async messages(actor: Actor, id: number) {
    await this.get(actor, id);
    return this.store.repos.messages.list({ leadId: id });
  }
}
