import { z } from "zod";
import { DEALER_RECEIVE_ENDORSED_LEAD } from "@crm/contracts";
import { AppError, currentLogContext, notFound, type LeadEvents, noLeadEvents } from "@crm/platform/core";
import type { BpoStore, LeadView } from "../../data-access/bpo-store";
import type { Actor } from "../actor";
import { assertCanView, assertCanWork, isOpen } from "../lead-service";
import { postTracking, trackedChanges } from "../lead-tracking";
import { type EndorsementMessage, endorsementIssues, endorsementRequest } from "./endorsement-message";

export const ZEndorseLeadRequestSchema = z
  .object({
    /** Defaults to the lead's dealership. */
    dealershipId: z.number().int().positive().optional(),
    withQuotation: z.boolean({ error: "withQuotation (Endorse w/ S.Q. or w/o S.Q.) is required" }),
  })
  .strict();

/** GET /leads/:id/endorsement-check: the lead fields a dealership would refuse, with the form's labels. */
export const ZEndorsementCheckResponseSchema = z.object({
  endorsable: z.boolean(),
  issues: z.array(z.object({ path: z.string(), message: z.string(), label: z.string().optional() })),
});
export type EndorsementCheckResponse = z.input<typeof ZEndorsementCheckResponseSchema>;

const typeLabel = (withQuotation: boolean) => (withQuotation ? "with S.Q." : "without S.Q.");

/**
 * Endorse w/ or w/o S.Q. (dealer-1): in one transaction the lead is marked endorse-pending and an outbox row
 * is written; the worker delivers it (retries, backoff) and the dealer answers idempotently. Endorsing
 * again while pending or delivered changes nothing and returns the same state.
 */
export class EndorsementService {
  constructor(
    private readonly store: BpoStore,
    private readonly bpoUrl: string,
    /** Asks the relay to queue pending rows now (no-op in processes without one). */
    private readonly kick: () => void = () => undefined,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  /** What the lead form shows before Endorse: the fields a dealership would refuse (none: endorsable). */
  async check(actor: Actor, leadId: number): Promise<EndorsementCheckResponse> {
    const lead = await this.store.repos.leads.findView(leadId);
    if (!lead) throw notFound("Lead", leadId);
    assertCanView(actor, lead);
    const issues = endorsementIssues(lead, this.bpoUrl).map(({ path, message }) => ({ path, message }));
    return { endorsable: issues.length === 0, issues };
  }

  async endorse(actor: Actor, leadId: number, input: z.output<typeof ZEndorseLeadRequestSchema>): Promise<LeadView> {
    const wrote = await this.store.transaction(async (r) => {
      const before = await r.leads.findById(leadId, { forUpdate: true });
      if (!before) throw notFound("Lead", leadId);
      assertCanWork(actor, before);
      if (before.userId === null) throw new AppError("precondition", "lead_unclaimed", "Claim this lead before endorsing it.");
      if (!isOpen(before)) throw new AppError("precondition", "lead_closed", `Lead ${before.reference} is closed and cannot be endorsed.`);
      const dealershipId = input.dealershipId ?? before.dealershipId;
      if (!dealershipId) {
        throw new AppError("validation", "validation_failed", "Pick the dealership to endorse to", { issues: [{ path: "dealershipId", message: "Dealership is required" }] });
      }
      if (before.endorsementStatus === "pending" || before.endorsementStatus === "delivered") {
        if (before.endorsedDealershipId === dealershipId) return false;
        throw new AppError("conflict", "already_endorsed", `Lead ${before.reference} is already endorsed to another dealership.`);
      }
      const link = await r.dealerLinks.findConnection(dealershipId);
      if (!link) throw new AppError("validation", "unknown_dealership", `Dealership ${dealershipId} does not exist`);
      if (!link.rpcUrl || !link.rpcKeySealed) {
        throw new AppError("precondition", "dealership_not_configured", `Dealership ${link.name} has no connection configured. A Manager sets it under Dealerships.`);
      }
      // Refused here, with the fields named, rather than queued and refused for good by the contract later.
      const issues = endorsementIssues((await r.leads.findView(leadId))!, this.bpoUrl);
      if (issues.length) {
        throw new AppError("validation", "lead_not_endorsable", `Fix these fields before endorsing: ${issues.map((i) => i.message).join("; ")}.`, {
          issues: issues.map(({ path, message }) => ({ path, message })),
        });
      }
      const stages = await r.catalog.listStages();
      const negotiation = stages.filter((s) => !s.isWon && !s.isLost).sort((a, b) => a.sequence - b.sequence).at(-1)!;
      const after = await r.leads.update(leadId, {
        dealershipId,
        stageId: negotiation.id,
        endorsementStatus: "pending",
        endorsementType: input.withQuotation ? "with_sq" : "without_sq",
        endorsedDealershipId: dealershipId,
        endorsedAt: new Date(),
        endorsementError: null,
      });
      const view = (await r.leads.findView(leadId))!;
      const message: EndorsementMessage = { dealershipId, leadId, request: endorsementRequest(view, this.bpoUrl, input.withQuotation) };
      await r.outbox.add({ topic: DEALER_RECEIVE_ENDORSED_LEAD, payload: message, correlationId: currentLogContext().correlationId ?? null });
      await r.messages.add({ leadId, kind: "system", body: `Endorsed to ${link.name} (${typeLabel(input.withQuotation)}); delivery pending.`, authorId: actor.id });
      await postTracking(r, leadId, actor.id, await trackedChanges(r, before, after));
      return true;
    });
    if (wrote) {
      this.kick();
      this.events.changed(leadId);
    }
    const view = await this.store.repos.leads.findView(leadId);
    return view!;
  }
}
