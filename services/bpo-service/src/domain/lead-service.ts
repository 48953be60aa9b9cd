import { AppError, type LeadEvents, describeChanges, noLeadEvents, notFound, parseOrThrow } from "@crm/platform/core";
import { ZLeadBudgetSchema } from "@crm/contracts";
import type { BpoStore, LeadRecord, LeadView, LeadWrite, Repositories } from "../data-access/bpo-store";
import { type Actor, hasRole, requireRole, seesAllLeads } from "./actor";
import type { CreateLeadRequest, MarkLostRequest, UpdateLeadRequest } from "./lead-schemas";
import { postTracking, trackedChanges } from "./lead-tracking";
import { assertStageTransition, isClosingStage, openStagesInOrder } from "./stage-rules";

/** A stage move re-checks on a fresh read when a concurrent change beat it; each retry means someone else changed the lead. */
const MOVE_ATTEMPTS = 3;

const LOST_REASON_LABEL: Record<MarkLostRequest["reason"], string> = {
  price: "Price",
  competitor: "Competitor",
  timing: "Timing",
  model_unavailable: "Model Unavailable",
  financing: "Financing",
  other: "Other",
};

export const isOpen = (l: Pick<LeadRecord, "isWon" | "isLost" | "active">) => !l.isWon && !l.isLost && l.active;

/** Agents may look at the unclaimed pool and their own leads; Supervisors and Managers at everything. */
export function assertCanView(actor: Actor, lead: LeadRecord): void {
  if (seesAllLeads(actor) || lead.userId === null || lead.userId === actor.id) return;
  throw new AppError("forbidden", "not_your_lead", "This lead belongs to another agent.");
}

/** Working a lead (stage, calls, edits, closing) needs its owner, or a Supervisor/Manager. */
export function assertCanWork(actor: Actor, lead: LeadRecord): void {
  if (seesAllLeads(actor)) return;
  if (lead.userId === null) throw new AppError("precondition", "lead_unclaimed", "Claim this lead before working it.");
  if (lead.userId !== actor.id) throw new AppError("forbidden", "not_your_lead", "This lead belongs to another agent.");
}

/** Who holds a lead, as a claim's refusal names it. */
export interface ClaimState {
  reference: string;
  userId: number | null;
  userName: string | null;
  open: boolean;
}

/**
 * What this process last heard of leads others took or closed (the live feed), so a lost claim race is
 * refused without a database read. It may trail the database by the feed's delay, so it is only ever used to
 * refuse, never to grant: null whenever it cannot be relied on, or when the caller has seen newer events.
 */
export interface RecentClaimStates {
  recall(leadId: number, seenEventId?: string): ClaimState | null;
}

const nothingRecent: RecentClaimStates = { recall: () => null };

export class LeadService {
  constructor(
    private readonly store: BpoStore,
    private readonly events: LeadEvents = noLeadEvents,
    private readonly recent: RecentClaimStates = nothingRecent,
  ) {}

  /** Loads and locks a lead inside a transaction, or fails with 404. */
  private async lockLead(r: Repositories, id: number): Promise<LeadRecord> {
    const lead = await r.leads.findById(id, { forUpdate: true });
    if (!lead) throw notFound("Lead", id);
    return lead;
  }

  /** Checks that referenced rows exist and belong together (model and dealership of the lead's brand). */
  private async checkReferences(r: Repositories, v: { brandId: number; dealershipId?: number | null; vehicleModelId?: number | null; sourceId?: number }) {
    const brand = await r.catalog.findBrand(v.brandId);
    if (!brand) throw new AppError("validation", "unknown_brand", `Interested Brand ${v.brandId} does not exist`, { issues: [{ path: "brandId", message: "Unknown brand" }] });
    if (v.vehicleModelId) {
      const model = await r.catalog.findVehicleModel(v.vehicleModelId);
      if (!model || model.brandId !== v.brandId) {
        throw new AppError("validation", "unknown_vehicle_model", `Vehicle model ${v.vehicleModelId} is not a ${brand.name} model`, { issues: [{ path: "vehicleModelId", message: "Not a model of the lead's brand" }] });
      }
    }
    if (v.dealershipId) {
      const d = await r.catalog.findDealership(v.dealershipId);
      if (!d || (d.brandId !== null && d.brandId !== v.brandId)) {
        throw new AppError("validation", "unknown_dealership", `Dealership ${v.dealershipId} does not sell ${brand.name}`, { issues: [{ path: "dealershipId", message: "Not a dealership of the lead's brand" }] });
      }
    }
    if (v.sourceId !== undefined) {
      const s = await r.catalog.findSource(v.sourceId);
      if (!s || !s.active) throw new AppError("validation", "unknown_source", `Lead source ${v.sourceId} does not exist or is archived`, { issues: [{ path: "sourceId", message: "Unknown or archived source" }] });
    }
  }

  /** Manual intake (bpo-1): never deduplicated; starts in New; unclaimed unless the creator claims it. */
  async create(actor: Actor, input: CreateLeadRequest): Promise<LeadView> {
    const { claim, ...fields } = input;
    const id = await this.store.transaction(async (r) => {
      await this.checkReferences(r, fields);
      const first = openStagesInOrder(await r.catalog.listStages())[0];
      if (!first) throw new AppError("precondition", "no_open_stage", "No open stage is configured");
      const lead = await r.leads.create({
        ...fields,
        stageId: first.id,
        userId: claim ? actor.id : null,
        claimedAt: claim ? new Date() : null,
        createdById: actor.id,
      });
      await r.messages.add({ leadId: lead.id, kind: "system", body: claim ? "Lead created and claimed" : "Lead created", authorId: actor.id });
      return lead.id;
    });
    this.events.created(id);
    return this.get(actor, id);
  }

  async get(actor: Actor, id: number): Promise<LeadView> {
    const lead = await this.store.repos.leads.findView(id);
    if (!lead) throw notFound("Lead", id);
    assertCanView(actor, lead);
    return lead;
  }

  /** Edits lead fields; tracked fields land in the chatter. */
  async update(actor: Actor, id: number, patch: UpdateLeadRequest): Promise<LeadView> {
    await this.store.transaction(async (r) => {
      const before = await this.lockLead(r, id);
      assertCanWork(actor, before);
      if (patch.sourceId !== undefined && patch.sourceId !== before.sourceId && before.remoteModel !== null) {
        throw new AppError("precondition", "source_locked", "The source of a lead imported from a distributor cannot be changed.");
      }
      const merged = { ...before, ...patch };
      // A patch may carry one end of the range: the rule holds for the lead as it will be stored.
      parseOrThrow(ZLeadBudgetSchema, { budgetMin: merged.budgetMin, budgetMax: merged.budgetMax }, "budget");
      await this.checkReferences(r, {
        brandId: merged.brandId,
        dealershipId: merged.dealershipId,
        vehicleModelId: merged.vehicleModelId,
        sourceId: patch.sourceId,
      });
      const after = await r.leads.update(id, patch as LeadWrite);
      await postTracking(r, id, actor.id, await trackedChanges(r, before, after));
    });
    // Open lead forms and pipelines refresh (the lead's fields and chatter changed).
    this.events.changed(id);
    return this.get(actor, id);
  }

  /**
   * Claim from the Open Leads pool. Atomic: of several concurrent claims exactly one wins; the others get
   * a 409 naming who holds the lead. `seenEventId`: the newest live event the claiming page has seen.
   */
  async claim(actor: Actor, id: number, seenEventId?: string): Promise<LeadView> {
    // When agents race for a card most of them lose. Once the live feed has told this process who took it,
    // the losers are refused from that (no database read); until then from one read, without a transaction.
    // The conditional UPDATE below still decides the race; these only spare the losers' round trips.
    const known = this.recent.recall(id, seenEventId);
    if (known && (known.userId !== null || !known.open)) this.refuseClaim(actor, known);
    const seen = await this.store.repos.leads.claimState(id);
    if (seen && (seen.userId !== null || !seen.open)) this.refuseClaim(actor, seen);
    // The conditional update and its chatter line are one statement, which also answers the form's view.
    const claimed = await this.store.run((r) =>
      r.leads.claimWithMessage(id, actor.id, {
        kind: "tracking",
        body: `Salesperson: — → ${actor.name}`,
        changes: [{ field: "userId", label: "Salesperson", old: null, new: actor.name }],
        authorId: actor.id,
      }),
    );
    if (!claimed) {
      const now = await this.store.repos.leads.claimState(id);
      if (!now) throw notFound("Lead", id);
      this.refuseClaim(actor, now);
    }
    this.events.claimed(id, actor.id);
    return claimed;
  }

  private refuseClaim(actor: Actor, lead: ClaimState): never {
    if (!lead.open) throw new AppError("conflict", "lead_closed", `Lead ${lead.reference} is closed and cannot be claimed.`);
    const who = lead.userId === actor.id ? "you" : (lead.userName ?? "another user");
    throw new AppError("conflict", "already_claimed", `Lead ${lead.reference} was already claimed by ${who}.`, {
      details: { userId: lead.userId, userName: lead.userName },
    });
  }

  /** Supervisors and Managers hand a lead to someone else (or back to the pool with null). */
  async assign(actor: Actor, id: number, userId: number | null): Promise<LeadView> {
    requireRole(actor, "supervisor", "reassign leads");
    await this.store.transaction(async (r) => {
      const before = await this.lockLead(r, id);
      if (!isOpen(before)) throw new AppError("precondition", "lead_closed", "A closed lead cannot be reassigned.");
      if (userId !== null) {
        const user = await r.users.findById(userId);
        if (!user || !user.active) throw new AppError("validation", "unknown_user", `User ${userId} does not exist or is inactive`);
      }
      const after = await r.leads.update(id, { userId, claimedAt: userId === null ? null : new Date() });
      await postTracking(r, id, actor.id, await trackedChanges(r, before, after));
    });
    this.events.changed(id);
    return this.get(actor, id);
  }

  /**
   * Statusbar / kanban drag between open stages: the forward-only rule of bpo-2. Checked against a plain read,
   * then written by one statement that applies only while the lead still has the stage and owner the checks saw
   * (no transaction, no lock); when someone changed either meanwhile, the checks run again on the new state.
   */
  async moveStage(actor: Actor, id: number, stageId: number): Promise<LeadView> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.store.repos.leads.findById(id);
      if (!before) throw notFound("Lead", id);
      assertCanWork(actor, before);
      const stages = await this.store.repos.catalog.listStages();
      const from = stages.find((s) => s.id === before.stageId);
      const to = stages.find((s) => s.id === stageId);
      if (!from || !to) throw new AppError("validation", "unknown_stage", `Stage ${stageId} does not exist`);
      assertStageTransition(stages, from, to);
      if (to.isLost) throw new AppError("precondition", "lost_needs_reason", "Use Mark as Lost: a lost lead needs a reason.");
      if (to.isWon) throw new AppError("precondition", "won_needs_push", "Use Mark as Won: winning a lead pushes a sale order to the dealership.");
      if (from.id === to.id) return this.get(actor, id);
      const changes = await trackedChanges(this.store.repos, before, { ...before, stageId: to.id });
      const moved = await this.store.run((r) =>
        r.leads.moveStageWithMessage(id, before, to.id, { kind: "tracking", body: describeChanges(changes), changes, authorId: actor.id }),
      );
      if (moved) {
        this.events.changed(id);
        return moved;
      }
      if (attempt === MOVE_ATTEMPTS) throw new AppError("conflict", "lead_busy", "This lead is being changed by someone else right now; try again.");
    }
  }

  /**
   * Data-repair override (bpo-2 "skip_stage_transition_check"): a Manager sets any stage; the chatter says
   * who did it and why. Won/Lost flags follow the stage.
   */
  async overrideStage(actor: Actor, id: number, stageId: number, reason: string): Promise<LeadView> {
    requireRole(actor, "manager", "override the stage rule");
    await this.store.transaction(async (r) => {
      const before = await this.lockLead(r, id);
      const to = (await r.catalog.listStages()).find((s) => s.id === stageId);
      if (!to) throw new AppError("validation", "unknown_stage", `Stage ${stageId} does not exist`);
      const after = await r.leads.update(id, {
        stageId: to.id,
        isWon: to.isWon,
        isLost: to.isLost,
        closedAt: isClosingStage(to) ? (before.closedAt ?? new Date()) : null,
        ...(to.isLost ? {} : { lostReason: null, lostNotes: null }),
      });
      await r.messages.add({ leadId: id, kind: "system", body: `Stage rule overridden by ${actor.name}: ${reason}`, authorId: actor.id });
      await postTracking(r, id, actor.id, await trackedChanges(r, before, after));
    });
    this.events.changed(id);
    return this.get(actor, id);
  }

  /** Mark as Lost wizard (bpo-2): reason required, notes to the chatter, nothing pushed anywhere. */
  async markLost(actor: Actor, id: number, input: MarkLostRequest): Promise<LeadView> {
    await this.store.transaction(async (r) => {
      const before = await this.lockLead(r, id);
      assertCanWork(actor, before);
      if (!isOpen(before)) throw new AppError("precondition", "lead_closed", `Lead ${before.reference} is already closed.`);
      const endorsed = before.endorsementStatus === "pending" || before.endorsementStatus === "delivered";
      if (endorsed && !hasRole(actor, "manager")) {
        throw new AppError(
          "forbidden",
          "endorsed_lead",
          `Lead ${before.reference} was endorsed to a dealership; its outcome comes from the dealer. Only a BPO Manager can close it here.`,
        );
      }
      const lost = (await r.catalog.listStages()).find((s) => s.isLost);
      if (!lost) throw new AppError("precondition", "no_lost_stage", "No lost stage configured");
      const after = await r.leads.update(id, {
        stageId: lost.id,
        isLost: true,
        lostReason: input.reason,
        lostNotes: input.notes || null,
        closedAt: new Date(),
      });
      const notes = input.notes ? `\n${input.notes}` : "";
      const override = endorsed ? ` (closed by Manager ${actor.name} although endorsed to a dealership)` : "";
      await r.messages.add({ leadId: id, kind: "system", body: `Marked as Lost${override}. Reason: ${LOST_REASON_LABEL[input.reason]}${notes}`, authorId: actor.id });
      await postTracking(r, id, actor.id, await trackedChanges(r, before, after));
    });
    this.events.changed(id);
    return this.get(actor, id);
  }

  /** Archive (active = false) hides a lead from boards; history stays. */
  async setActive(actor: Actor, id: number, active: boolean): Promise<LeadView> {
    requireRole(actor, "supervisor", active ? "restore leads" : "archive leads");
    await this.store.transaction(async (r) => {
      await this.lockLead(r, id);
      await r.leads.update(id, { active });
      await r.messages.add({ leadId: id, kind: "system", body: active ? `Restored by ${actor.name}` : `Archived by ${actor.name}`, authorId: actor.id });
    });
    this.events.changed(id);
    return this.get(actor, id);
  }

  async postNote(actor: Actor, id: number, body: string): Promise<void> {
    await this.store.transaction(async (r) => {
      const lead = await this.lockLead(r, id);
      assertCanView(actor, lead);
      await r.messages.add({ leadId: id, kind: "note", body, authorId: actor.id });
    });
    this.events.changed(id);
  }

  async messages(actor: Actor, id: number) {
    await this.get(actor, id);
    return this.store.repos.messages.listForLead(id);
  }
}
