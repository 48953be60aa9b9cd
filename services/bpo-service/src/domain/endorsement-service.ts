import { z } from "zod";
import {
  CONTRACT_VERSION,
  DEALER_RECEIVE_ENDORSED_LEAD,
  type ReceiveEndorsedLeadRequest,
  type ReceiveEndorsedLeadResponse,
  ZReceiveEndorsedLeadRequestSchema,
} from "@crm/contracts";
import { AppError, type FieldIssue, currentLogContext, notFound, type LeadEvents, noLeadEvents } from "@crm/platform";
import type { BpoStore, LeadView, Repositories } from "../data-access/bpo-store";
import type { Actor } from "./actor";
import { assertCanView, assertCanWork, isOpen } from "./lead-service";
import { postTracking, trackedChanges } from "./lead-tracking";

export const ZEndorseLeadRequestSchema = z
  .object({
    /** Defaults to the lead's dealership. */
    dealershipId: z.number().int().positive().optional(),
    withQuotation: z.boolean({ error: "withQuotation (Endorse w/ S.Q. or w/o S.Q.) is required" }),
  })
  .strict();

/** What the outbox row carries: which dealership to call, and the contract payload to send it. */
export interface EndorsementMessage {
  dealershipId: number;
  leadId: number;
  request: ReceiveEndorsedLeadRequest;
}

const typeLabel = (withQuotation: boolean) => (withQuotation ? "with S.Q." : "without S.Q.");

function buildRequest(lead: LeadView, bpoUrl: string, withQuotation: boolean): ReceiveEndorsedLeadRequest {
  return {
    contractVersion: CONTRACT_VERSION,
    contactName: lead.contactName,
    mobile: lead.mobile,
    phone: lead.phone,
    email: lead.email,
    street: lead.street,
    city: lead.city,
    zipCode: lead.zipCode,
    countryCode: lead.countryCode,
    stateCode: lead.stateCode,
    brandCode: lead.brand.code,
    productCode: lead.vehicleModel?.code ?? null,
    vehicleModelName: lead.vehicleModel?.name ?? null,
    preferredColor: lead.preferredColor,
    quantity: lead.quantity,
    expectedPrice: lead.expectedPrice,
    budgetMin: lead.budgetMin,
    budgetMax: lead.budgetMax,
    customerNotes: lead.customerNotes,
    internalNotes: lead.internalNotes,
    hasTradeIn: lead.hasTradeIn,
    tradeIn: lead.hasTradeIn
      ? { make: lead.tradeInMake, model: lead.tradeInModel, year: lead.tradeInYear, mileageKm: lead.tradeInMileageKm, expectedValue: lead.tradeInExpectedValue }
      : null,
    financingNeeded: lead.financingNeeded,
    financingType: lead.financingType,
    downPayment: lead.downPayment,
    priority: lead.priority,
    endorsementType: withQuotation ? "with_sq" : "without_sq",
    bpoSourceLeadId: lead.id,
    bpoSourceLeadName: lead.reference,
    bpoSourceUrl: bpoUrl,
  };
}

/** Contract field → the lead form's field and its label (what the agent has to fix). */
const LEAD_FIELD: Record<string, [string, string]> = {
  contactName: ["contactName", "Customer Name"],
  mobile: ["mobile", "Mobile"],
  phone: ["phone", "Phone"],
  email: ["email", "Email"],
  street: ["street", "Street"],
  city: ["city", "City"],
  zipCode: ["zipCode", "ZIP"],
  countryCode: ["countryCode", "Country"],
  stateCode: ["stateCode", "State"],
  brandCode: ["brandId", "Interested Brand"],
  productCode: ["vehicleModelId", "Vehicle Model (its code)"],
  vehicleModelName: ["vehicleModelId", "Vehicle Model"],
  preferredColor: ["preferredColor", "Preferred Color"],
  quantity: ["quantity", "Quantity"],
  expectedPrice: ["expectedPrice", "Expected Price"],
  budgetMin: ["budgetMin", "Budget Min"],
  budgetMax: ["budgetMax", "Budget Max"],
  customerNotes: ["customerNotes", "Customer Notes"],
  internalNotes: ["internalNotes", "Internal Notes"],
  "tradeIn.make": ["tradeInMake", "Trade-in Make"],
  "tradeIn.model": ["tradeInModel", "Trade-in Model"],
  "tradeIn.year": ["tradeInYear", "Trade-in Year"],
  "tradeIn.mileageKm": ["tradeInMileageKm", "Trade-in Mileage (km)"],
  "tradeIn.expectedValue": ["tradeInExpectedValue", "Trade-in Expected Value"],
  financingType: ["financingType", "Financing Type"],
  downPayment: ["downPayment", "Down Payment"],
  priority: ["priority", "Priority"],
};

const problemOf = (i: { code: string; message: string; maximum?: unknown; format?: unknown }): string => {
  if (i.code === "too_big" && typeof i.maximum !== "undefined") return `is longer than the ${String(i.maximum)} characters a dealership accepts`;
  if (i.code === "invalid_format" && i.format === "email") return "is not a valid email address";
  return i.message;
};

/**
 * The lead's fields the endorse contract (the one definition of what a dealership accepts) would refuse,
 * named as the lead form names them, so the agent can fix them before anything is queued.
 */
export function endorsementIssues(lead: LeadView, bpoUrl: string): (FieldIssue & { label: string })[] {
  const parsed = ZReceiveEndorsedLeadRequestSchema.safeParse(buildRequest(lead, bpoUrl, false));
  if (parsed.success) return [];
  const seen = new Map<string, FieldIssue & { label: string }>();
  for (const i of parsed.error.issues) {
    const key = i.path.map(String).join(".");
    const [path, label] = LEAD_FIELD[key] ?? [key, key];
    if (!seen.has(path)) seen.set(path, { path, label, message: `${label} ${problemOf(i as unknown as Parameters<typeof problemOf>[0])}` });
  }
  return [...seen.values()];
}

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
  async check(actor: Actor, leadId: number): Promise<{ endorsable: boolean; issues: FieldIssue[] }> {
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
      const message: EndorsementMessage = { dealershipId, leadId, request: buildRequest(view, this.bpoUrl, input.withQuotation) };
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

  /** The dealer created (or already had) the lead: show its name and quotation on the BPO lead. */
  static async recordDelivered(r: Repositories, message: EndorsementMessage, result: ReceiveEndorsedLeadResponse, dealershipName: string) {
    await r.leads.update(message.leadId, {
      endorsementStatus: "delivered",
      endorsementError: null,
      dealerLeadId: result.dealerLeadId,
      dealerLeadName: result.dealerLeadName,
      dealerQuotationName: result.saleOrderName,
    });
    const quotation = result.saleOrderName ? ` with draft quotation ${result.saleOrderName}` : "";
    const verb = result.created ? "created" : "already existed";
    await r.messages.add({ leadId: message.leadId, kind: "system", body: `Dealer lead ${result.dealerLeadName}${quotation} ${verb} at ${dealershipName}.`, authorId: null });
  }

  /** A permanent refusal: the lead shows the failure and the chatter the dealer's words. */
  static async recordFailed(r: Repositories, message: EndorsementMessage, error: string) {
    await r.leads.update(message.leadId, { endorsementStatus: "failed", endorsementError: error });
    await r.messages.add({ leadId: message.leadId, kind: "system", body: `Endorsement failed: ${error}`, authorId: null });
  }
}
