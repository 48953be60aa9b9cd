import {
  CONTRACT_VERSION,
  DEALER_LEAD_STATUS,
  DEALER_RECEIVE_ENDORSED_LEAD,
  DEALER_RECEIVE_SALE_ORDER,
  DEALER_RESEND_OUTCOME,
  type DealerLeadStatus,
  LEAD_STATUS_BATCH_MAX,
  type ReconcileActionResult,
  type ReconcileQuery,
  type ReconcileReport,
  type ReconcileRow,
  type ReconcileSettings,
  ZLeadStatusResponseSchema,
  ZResendOutcomeResponseSchema,
} from "@crm/contracts";
import { AppError, type LeadEvents, type Logger, currentLogContext, dayIn, noLeadEvents, notFound } from "@crm/platform/core";
import type { BpoStore } from "../data-access/bpo-store";
import type { ReconcileCandidate } from "../data-access/reconciliation-repository";
import { type Actor, requireRole } from "./actor";
import type { BpoOutboxStore } from "./bpo-outbox-store";
import type { DealerClients } from "./dealership-connection-service";
import { type MailMessage, queueMail } from "./outbound-mail";
import type { ReconcileSettingsResponse } from "./reconciliation-schemas";
import { type SaleOrderPushMessage, saleOrderRequest } from "./sale-order-push";

export interface ReconciliationOptions {
  bpoUrl: string;
  publicUrl: string;
  timeZone: string;
  /** An endorsement still queued after this long is stuck. */
  queuedMinutes: number;
  /** Default N of "delivered but no outcome after N days" (a Manager's setting wins). */
  noOutcomeDays: number;
  /** Closed leads are compared with the dealer for this many days after closing. */
  lookbackDays: number;
  /** Wakes the outbox relay once rows are queued. */
  kick(): void;
  events?: LeadEvents;
  logger?: Logger;
}

export interface DigestTick {
  day: string;
  stuck: number;
  /** Managers mailed by this tick (0: nothing stuck, or today's digest already went out). */
  queued: number;
}

type DealerAnswer = { ok: true; byLead: Map<number, DealerLeadStatus> } | { ok: false; error: string };

const DAY_MS = 86_400_000;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const rowsShown = 40;

/**
 * BPO ↔ dealer reconciliation (issue 16, Managers): every endorsed (or Marked Won) lead the two sides do not
 * agree on or have not settled, with what happened last on each side and the action that fixes it. Each
 * dealership is asked through dealer.leadStatus once per batch of lead ids; one that does not answer is
 * listed as unreachable while the others are still compared.
 */
export class ReconciliationService {
  private readonly events: LeadEvents;

  constructor(
    private readonly store: BpoStore,
    private readonly links: DealerClients,
    private readonly outbox: BpoOutboxStore,
    private readonly opts: ReconciliationOptions,
  ) {
    this.events = opts.events ?? noLeadEvents;
  }

  async report(actor: Actor, query: ReconcileQuery, now: Date = new Date()): Promise<ReconcileReport> {
    requireRole(actor, "manager", "see the reconciliation with the dealerships");
    return this.check(now, query.noOutcomeDays);
  }

  async settings(actor: Actor): Promise<ReconcileSettingsResponse> {
    requireRole(actor, "manager", "see the reconciliation settings");
    const days = await this.store.repos.reconciliation.noOutcomeDays();
    return { noOutcomeDays: days, effectiveDays: days ?? this.opts.noOutcomeDays };
  }

  async setSettings(actor: Actor, input: ReconcileSettings): Promise<ReconcileSettingsResponse> {
    requireRole(actor, "manager", "change the reconciliation settings");
    await this.store.repos.reconciliation.setNoOutcomeDays(input.noOutcomeDays);
    return { noOutcomeDays: input.noOutcomeDays, effectiveDays: input.noOutcomeDays ?? this.opts.noOutcomeDays };
  }

  /** The check itself (the page and the nightly digest). */
  async check(now: Date, noOutcomeDaysOverride?: number): Promise<ReconcileReport> {
    const repo = this.store.repos.reconciliation;
    const noOutcomeDays = noOutcomeDaysOverride ?? (await repo.noOutcomeDays()) ?? this.opts.noOutcomeDays;
    const candidates = await repo.candidates(new Date(now.getTime() - this.opts.lookbackDays * DAY_MS));
    const failedIds = candidates.filter((c) => c.endorsementStatus === "failed").map((c) => c.leadId);
    const wonIds = candidates.filter((c) => c.isWon && c.dealerSoName).map((c) => c.leadId);
    const [dead, repushing, answers] = await Promise.all([
      repo.deadRowsFor(DEALER_RECEIVE_ENDORSED_LEAD, failedIds),
      repo.pendingLeadIds(DEALER_RECEIVE_SALE_ORDER, wonIds),
      this.askDealers(candidates),
    ]);
    const deadByLead = new Map<number, (typeof dead)[number]>();
    for (const d of dead) if (!deadByLead.has(d.leadId)) deadByLead.set(d.leadId, d);
    const limits = { queuedBefore: now.getTime() - this.opts.queuedMinutes * 60_000, noOutcomeBefore: now.getTime() - noOutcomeDays * DAY_MS };

    const rows: ReconcileRow[] = [];
    const unchecked = new Map<number, { name: string; error: string; count: number }>();
    for (const c of candidates) {
      const answer = answers.get(c.dealershipId)!;
      if (!answer.ok) {
        const u = unchecked.get(c.dealershipId) ?? { name: c.dealershipName, error: answer.error, count: 0 };
        u.count++;
        unchecked.set(c.dealershipId, u);
      }
      const row = classify(c, answer, deadByLead.get(c.leadId) ?? null, repushing.includes(c.leadId), limits);
      if (row) rows.push(row);
    }
    for (const [dealershipId, u] of unchecked) {
      rows.push({
        key: `dealer_unreachable:${dealershipId}`,
        kind: "dealer_unreachable",
        leadId: null,
        reference: null,
        contactName: null,
        dealershipId,
        dealershipName: u.name,
        bpo: { summary: `${u.count} endorsed ${u.count === 1 ? "lead" : "leads"} could not be compared with the dealer`, at: null },
        dealer: { summary: `Dealer unreachable: ${u.error}`, at: now.toISOString() },
        action: "check_connection",
      });
    }
    return { checkedAt: now.toISOString(), noOutcomeDays, checked: candidates.length, rows };
  }

  /** One dealer.leadStatus call per dealership and batch; dealerships are asked side by side. */
  private async askDealers(candidates: ReconcileCandidate[]): Promise<Map<number, DealerAnswer>> {
    const ids = new Map<number, number[]>();
    for (const c of candidates) {
      const list = ids.get(c.dealershipId);
      if (list) list.push(c.leadId);
      else ids.set(c.dealershipId, [c.leadId]);
    }
    const entries = await Promise.all(
      [...ids].map(async ([dealershipId, leadIds]): Promise<[number, DealerAnswer]> => {
        try {
          const { client } = await this.links.clientFor(dealershipId);
          const byLead = new Map<number, DealerLeadStatus>();
          for (let i = 0; i < leadIds.length; i += LEAD_STATUS_BATCH_MAX) {
            const batch = leadIds.slice(i, i + LEAD_STATUS_BATCH_MAX);
            const answer = await client.call(DEALER_LEAD_STATUS, { contractVersion: CONTRACT_VERSION, bpoSourceUrl: this.opts.bpoUrl, bpoSourceLeadIds: batch }, ZLeadStatusResponseSchema);
            for (const s of answer.leads) byLead.set(s.bpoSourceLeadId, s);
          }
          return [dealershipId, { ok: true, byLead }];
        } catch (e) {
          const error = (e as Error).message;
          this.opts.logger?.warn("reconciliation: dealer unreachable", { dealershipId, error });
          return [dealershipId, { ok: false, error }];
        }
      }),
    );
    return new Map(entries);
  }

  /** Replay a dead endorsement: its outbox row goes back to pending (the existing dead-letter replay). */
  async replayEndorsement(actor: Actor, leadId: number): Promise<ReconcileActionResult> {
    requireRole(actor, "manager", "replay endorsements");
    const lead = await this.store.repos.leads.findById(leadId);
    if (!lead) throw notFound("Lead", leadId);
    const [dead] = await this.store.repos.reconciliation.deadRowsFor(DEALER_RECEIVE_ENDORSED_LEAD, [leadId]);
    if (!dead || !(await this.outbox.resetDead(dead.outboxId))) {
      throw new AppError("precondition", "nothing_to_replay", `Lead ${lead.reference} has no dead endorsement to replay.`);
    }
    await this.store.repos.messages.add({ leadId, kind: "system", body: `Endorsement replayed by ${actor.name} (reconciliation).`, authorId: actor.id });
    this.opts.kick();
    return { leadId, action: "replay_endorsement", message: `Endorsement of ${lead.reference} queued again.` };
  }

  /** Replay a Mark Won push the dealer does not hold: the sale order goes out again through the outbox. */
  async replayMarkWon(actor: Actor, leadId: number): Promise<ReconcileActionResult> {
    requireRole(actor, "manager", "replay Mark Won pushes");
    const queued = await this.store.transaction(async (r) => {
      const lead = await r.leads.findById(leadId, { forUpdate: true });
      if (!lead) throw notFound("Lead", leadId);
      const dealershipId = lead.endorsedDealershipId ?? lead.dealershipId;
      if (!lead.isWon || !lead.dealerSoName || !dealershipId) {
        throw new AppError("precondition", "nothing_to_replay", `Lead ${lead.reference} was not Marked Won with a sale order: there is no push to replay.`);
      }
      // A push already waiting would send the same order: queue nothing more.
      if ((await r.reconciliation.pendingLeadIds(DEALER_RECEIVE_SALE_ORDER, [leadId])).length) return { reference: lead.reference, queued: false };
      const message: SaleOrderPushMessage = { dealershipId, leadId, request: saleOrderRequest((await r.leads.findView(leadId))!, this.opts.bpoUrl) };
      await r.outbox.add({ topic: DEALER_RECEIVE_SALE_ORDER, payload: message, correlationId: currentLogContext().correlationId ?? null });
      await r.messages.add({ leadId, kind: "system", body: `Mark Won push of sale order ${lead.dealerSoName} replayed by ${actor.name} (reconciliation).`, authorId: actor.id });
      return { reference: lead.reference, queued: true };
    });
    if (queued.queued) this.opts.kick();
    return { leadId, action: "replay_mark_won", message: queued.queued ? `Sale order push of ${queued.reference} queued again.` : `A push of ${queued.reference} is already queued.` };
  }

  /** Ask the dealer to send its Won/Lost again (dealer.resendOutcome); the BPO applies a repeat as a no-op. */
  async resendOutcome(actor: Actor, leadId: number): Promise<ReconcileActionResult> {
    requireRole(actor, "manager", "ask dealers to re-send outcomes");
    const lead = await this.store.repos.leads.findById(leadId);
    if (!lead) throw notFound("Lead", leadId);
    if (!lead.endorsedDealershipId || lead.endorsementStatus !== "delivered") {
      throw new AppError("precondition", "not_delivered", `Lead ${lead.reference} was not delivered to a dealership: there is no outcome to ask for.`);
    }
    const { client, dealership } = await this.links.clientFor(lead.endorsedDealershipId);
    const answer = await client
      .call(DEALER_RESEND_OUTCOME, { contractVersion: CONTRACT_VERSION, bpoSourceUrl: this.opts.bpoUrl, bpoSourceLeadId: leadId }, ZResendOutcomeResponseSchema)
      .catch((e: Error) => {
        throw new AppError("unavailable", "resend_failed", `Asking ${dealership.name} to re-send its outcome failed: ${e.message}`);
      });
    const outcome = answer.outcome === "won" ? "Won" : "Lost";
    await this.store.repos.messages.add({
      leadId,
      kind: "system",
      body: `${actor.name} asked ${dealership.name} to re-send its ${outcome} outcome of ${answer.dealerLeadName} (${answer.queued ? "queued" : "already on its way"}).`,
      authorId: actor.id,
    });
    this.events.changed(leadId);
    return {
      leadId,
      action: "resend_outcome",
      message: answer.queued ? `${dealership.name} queued its ${outcome} outcome of ${answer.dealerLeadName} again.` : `${dealership.name}'s ${outcome} outcome of ${answer.dealerLeadName} is already on its way.`,
    };
  }

  /**
   * The nightly digest: when something is stuck, each active Manager with an e-mail gets one mail through the
   * outbox. The day's claim and the mails commit together, so a repeated tick sends nothing more that day.
   */
  async queueDigest(now: Date = new Date()): Promise<DigestTick> {
    const day = dayIn(this.opts.timeZone, now);
    const report = await this.check(now);
    if (report.rows.length === 0) {
      this.opts.logger?.info("reconciliation digest: nothing stuck", { day, checked: report.checked });
      return { day, stuck: 0, queued: 0 };
    }
    const queued = await this.store.transaction(async (r) => {
      const managers = await r.reconciliation.activeManagers();
      if (managers.length === 0 || !(await r.reconciliation.claimDigestDay(day))) return 0;
      const correlationId = currentLogContext().correlationId ?? null;
      for (const m of managers) await queueMail(r, this.digestMail(day, m, report), correlationId);
      return managers.length;
    });
    if (queued > 0) this.opts.kick();
    this.opts.logger?.info("reconciliation digest", { day, stuck: report.rows.length, queued });
    return { day, stuck: report.rows.length, queued };
  }

  private digestMail(day: string, to: { name: string; email: string }, report: ReconcileReport): MailMessage {
    const base = this.opts.publicUrl.replace(/\/$/, "");
    const n = report.rows.length;
    const lines = report.rows.slice(0, rowsShown).map((row) => {
      const what = row.reference ? `${row.reference} ${row.contactName}` : row.dealershipName;
      return `- ${KIND_LABEL[row.kind]}: ${what} (${row.dealershipName})\n  BPO: ${row.bpo.summary}\n  Dealer: ${row.dealer.summary}`;
    });
    const more = n > rowsShown ? `\n…and ${n - rowsShown} more.` : "";
    return {
      to: to.email,
      subject: `Reconciliation ${day}: ${n} ${n === 1 ? "endorsement is" : "endorsements are"} stuck between the BPO and the dealers`,
      text: `Hello ${to.name},\n\n${n} of ${report.checked} endorsed leads need a look:\n\n${lines.join("\n")}${more}\n\nReplay, re-send or open them: ${base}/reconciliation\n`,
    };
  }
}

export const KIND_LABEL: Record<ReconcileRow["kind"], string> = {
  endorsement_queued: "Endorsement queued",
  endorsement_dead: "Endorsement dead",
  no_outcome: "No outcome yet",
  outcome_not_applied: "Dealer outcome not applied",
  mark_won_unconfirmed: "Mark Won not confirmed",
  dealer_unreachable: "Dealer unreachable",
};

function bpoSide(c: ReconcileCandidate, deadAttempts: number | null): ReconcileRow["bpo"] {
  if (c.endorsementStatus === "failed") {
    const tries = deadAttempts ? ` after ${deadAttempts} ${deadAttempts === 1 ? "attempt" : "attempts"}` : "";
    return { summary: `Endorsement dead${tries}: ${c.endorsementError ?? "no error recorded"}`, at: iso(c.endorsedAt) };
  }
  if (c.endorsementStatus === "pending") {
    return { summary: `Endorsement queued${c.endorsementError ? `, last error: ${c.endorsementError}` : ""}`, at: iso(c.endorsedAt) };
  }
  if (c.isWon) return { summary: `Won${c.dealerSoName ? `, sale order ${c.dealerSoName}` : ""}`, at: iso(c.closedAt) };
  if (c.isLost) return { summary: "Lost", at: iso(c.closedAt) };
  return { summary: `Delivered${c.dealerLeadName ? ` as ${c.dealerLeadName}` : ""}, open in ${c.stageName}`, at: iso(c.endorsedAt) };
}

function dealerSide(answer: DealerAnswer, s: DealerLeadStatus | undefined): ReconcileRow["dealer"] {
  if (!answer.ok) return { summary: `Dealer unreachable: ${answer.error}`, at: null };
  const so = s?.saleOrder ? `; sale order ${s.saleOrder.name} (${s.saleOrder.state})` : "";
  const l = s?.lead;
  if (!l) return { summary: `No lead from this endorsement${so}`, at: s?.saleOrder?.updatedAt ?? null };
  const outcome = l.outcome === "won" ? "Won" : l.outcome === "lost" ? "Lost" : `open in ${l.stageName}`;
  const callback =
    l.callbackStatus === "failed"
      ? `; callback to the BPO dead: ${l.callbackError ?? "no error recorded"}`
      : l.callbackStatus === "pending"
        ? `; callback to the BPO pending${l.callbackError ? ` (last error: ${l.callbackError})` : ""}`
        : l.callbackStatus === "delivered"
          ? "; callback delivered"
          : "";
  return { summary: `${l.dealerLeadName} ${outcome}${callback}${so}`, at: l.closedAt ?? l.updatedAt };
}

/** Which mismatch (if any) one lead shows, and the action that settles it. */
function classify(
  c: ReconcileCandidate,
  answer: DealerAnswer,
  dead: { outboxId: string; attempts: number } | null,
  repushQueued: boolean,
  limits: { queuedBefore: number; noOutcomeBefore: number },
): ReconcileRow | null {
  const s = answer.ok ? answer.byLead.get(c.leadId) : undefined;
  const row = (kind: ReconcileRow["kind"], action: ReconcileRow["action"]): ReconcileRow => ({
    key: `${kind}:${c.leadId}`,
    kind,
    leadId: c.leadId,
    reference: c.reference,
    contactName: c.contactName,
    dealershipId: c.dealershipId,
    dealershipName: c.dealershipName,
    bpo: bpoSide(c, dead?.attempts ?? null),
    dealer: dealerSide(answer, s),
    action,
  });
  if (c.endorsementStatus === "failed") return row("endorsement_dead", dead ? "replay_endorsement" : "open_lead");
  if (c.endorsementStatus === "pending") return (c.endorsedAt?.getTime() ?? 0) < limits.queuedBefore ? row("endorsement_queued", "open_lead") : null;
  const bpoOutcome = c.isWon ? "won" : c.isLost ? "lost" : "open";
  const overdue = c.endorsementStatus === "delivered" && bpoOutcome === "open" && (c.endorsedAt?.getTime() ?? 0) < limits.noOutcomeBefore;
  if (!answer.ok) return overdue ? row("no_outcome", "open_lead") : null;
  const dealerOutcome = s?.lead?.outcome ?? "open";
  if (c.endorsementStatus === "delivered" && dealerOutcome !== "open" && dealerOutcome !== bpoOutcome) {
    // Open here: the dealer's callback can be sent again. Closed the other way here: someone has to decide.
    return row("outcome_not_applied", bpoOutcome === "open" ? "resend_outcome" : "open_lead");
  }
  if (c.isWon && c.dealerSoName && dealerOutcome !== "won") {
    const so = s?.saleOrder;
    if (!so || so.name !== c.dealerSoName) return row("mark_won_unconfirmed", repushQueued ? "open_lead" : "replay_mark_won");
    // The dealer holds the order but has not confirmed it (a quotation waiting for its vehicle line) or cancelled it.
    if (so.state === "draft" || so.state === "cancel") return row("mark_won_unconfirmed", "open_lead");
    return null;
  }
  return overdue && dealerOutcome === "open" ? row("no_outcome", "open_lead") : null;
}
