import { z } from "zod";
import { AppError, notFound, type LeadEvents, noLeadEvents } from "@crm/platform/core";
import type { BpoStore } from "../data-access/bpo-store";
import { type Actor, seesAllLeads } from "./actor";
import type { CALL_RESULTS, ZCallLogQuerySchema, ZLogCallRequestSchema } from "./call-log-schemas";
import { assertCanView, assertCanWork } from "./lead-service";

const RESULT_LABEL: Record<(typeof CALL_RESULTS)[number], string> = {
  answered: "Answered",
  no_answer: "No Answer",
  busy: "Busy",
  voicemail: "Voicemail",
  wrong_number: "Wrong Number",
};

/** The write re-checks on a fresh read when the lead's owner changed meanwhile; each retry means someone else changed it. */
const LOG_ATTEMPTS = 3;

const nextDay = (d: string) => new Date(new Date(`${d}T00:00:00Z`).getTime() + 86_400_000);

export class CallLogService {
  constructor(
    private readonly store: BpoStore,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  /**
   * Log Call wizard (bpo-2): a crm.call.log row, the summary as a chatter message, an optional follow-up.
   * Checked against a plain read, then written by one statement that applies only while the lead has the owner
   * the checks saw; when it changed meanwhile, the checks run again on the new state.
   */
  async log(actor: Actor, leadId: number, input: z.output<typeof ZLogCallRequestSchema>) {
    for (let attempt = 1; ; attempt++) {
      const lead = await this.store.repos.leads.findById(leadId);
      if (!lead) throw notFound("Lead", leadId);
      assertCanWork(actor, lead);
      const next = input.nextActivity;
      const assigneeId = next ? (next.assigneeId ?? lead.userId ?? actor.id) : null;
      // Someone other than the caller or the owner must be a real, active user (the caller and owner are).
      if (assigneeId !== null && assigneeId !== actor.id && assigneeId !== lead.userId) {
        const assignee = await this.store.repos.users.findById(assigneeId);
        if (!assignee || !assignee.active) throw new AppError("validation", "unknown_user", `User ${assigneeId} does not exist or is inactive`);
      }
      const logged = await this.store.run((r) =>
        r.callLogs.logWithMessage({
          leadId,
          seenUserId: lead.userId,
          userId: actor.id,
          durationMinutes: input.durationMinutes,
          result: input.result,
          summary: input.summary,
          activity:
            next && assigneeId !== null
              ? { leadId, type: next.type, summary: next.summary, note: next.note ?? null, dueDate: next.dueDate, assigneeId, createdById: actor.id }
              : null,
          message:
            `Call logged (${RESULT_LABEL[input.result]}, ${input.durationMinutes} min): ${input.summary}` +
            (next ? `\nNext: ${next.type} "${next.summary}" due ${next.dueDate}` : ""),
        }),
      );
      if (logged) {
        this.events.changed(leadId);
        // Answered as the activity list reads it; a day-only follow-up has no due instant.
        return { ...logged, activity: logged.activity && { ...logged.activity, dueAt: null } };
      }
      if (attempt === LOG_ATTEMPTS) throw new AppError("conflict", "lead_busy", "This lead is being changed by someone else right now; try again.");
    }
  }

  /** Call Logs list across leads; Agents see their own calls only. */
  list(actor: Actor, q: z.output<typeof ZCallLogQuerySchema>) {
    return this.store.repos.callLogs.list({
      leadId: q.leadId,
      userId: seesAllLeads(actor) ? q.userId : actor.id,
      result: q.result,
      from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
      to: q.to ? nextDay(q.to) : undefined,
      beforeId: q.beforeId,
      limit: q.limit,
    });
  }

  /**
   * The calls logged on one lead, by anyone (the lead form's Call Logs panel): whoever may view the lead
   * sees its whole call history, unlike the cross-lead list where Agents see only their own calls.
   */
  async forLead(actor: Actor, leadId: number, q: { beforeId?: number; limit: number }) {
    const lead = await this.store.repos.leads.findById(leadId);
    if (!lead) throw notFound("Lead", leadId);
    assertCanView(actor, lead);
    return this.store.repos.callLogs.list({ leadId, beforeId: q.beforeId, limit: q.limit });
  }
}
