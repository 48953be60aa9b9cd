import { z } from "zod";
import { notFound, type LeadEvents, noLeadEvents } from "@crm/platform";
import type { BpoStore } from "../data-access/bpo-store";
import { type Actor, seesAllLeads } from "./actor";
import { ZNewActivitySchema } from "./activity-service";
import { assertCanView, assertCanWork } from "./lead-service";

export const CALL_RESULTS = ["answered", "no_answer", "busy", "voicemail", "wrong_number"] as const;
const RESULT_LABEL: Record<(typeof CALL_RESULTS)[number], string> = {
  answered: "Answered",
  no_answer: "No Answer",
  busy: "Busy",
  voicemail: "Voicemail",
  wrong_number: "Wrong Number",
};

export const ZLogCallRequestSchema = z
  .object({
    durationMinutes: z.number({ error: "Duration is required (minutes)" }).int().min(0, "Duration cannot be negative").max(600),
    result: z.enum(CALL_RESULTS, { error: "Call Result must be Answered, No Answer, Busy, Voicemail or Wrong Number" }),
    summary: z.string().trim().min(1, "Summary is required").max(5000),
    nextActivity: ZNewActivitySchema.optional(),
  })
  .strict();

export const ZCallLogQuerySchema = z
  .object({
    leadId: z.coerce.number().int().positive().optional(),
    userId: z.coerce.number().int().positive().optional(),
    result: z.enum(CALL_RESULTS).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    beforeId: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const nextDay = (d: string) => new Date(new Date(`${d}T00:00:00Z`).getTime() + 86_400_000);

export class CallLogService {
  constructor(
    private readonly store: BpoStore,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  /** Log Call wizard (bpo-2): a crm.call.log row, the summary as a chatter message, an optional follow-up. */
  async log(actor: Actor, leadId: number, input: z.output<typeof ZLogCallRequestSchema>) {
    const logged = await this.store.transaction(async (r) => {
      const lead = await r.leads.findById(leadId, { forUpdate: true });
      if (!lead) throw notFound("Lead", leadId);
      assertCanWork(actor, lead);
      const activity = input.nextActivity
        ? await r.activities.create({
            leadId,
            type: input.nextActivity.type,
            summary: input.nextActivity.summary,
            note: input.nextActivity.note ?? null,
            dueDate: input.nextActivity.dueDate,
            assigneeId: input.nextActivity.assigneeId ?? lead.userId ?? actor.id,
            createdById: actor.id,
          })
        : null;
      const id = await r.callLogs.create({
        leadId,
        userId: actor.id,
        durationMinutes: input.durationMinutes,
        result: input.result,
        summary: input.summary,
        activityId: activity?.id ?? null,
      });
      const next = activity ? `\nNext: ${activity.type} "${activity.summary}" due ${activity.dueDate}` : "";
      await r.messages.add({
        leadId,
        kind: "note",
        body: `Call logged (${RESULT_LABEL[input.result]}, ${input.durationMinutes} min): ${input.summary}${next}`,
        authorId: actor.id,
      });
      return { id, activity };
    });
    this.events.changed(leadId);
    return logged;
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
