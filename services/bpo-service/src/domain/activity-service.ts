import { z } from "zod";
import { AppError, dayIn, instantIn, notFound, type LeadEvents, noLeadEvents } from "@crm/platform/core";
import type { ActivityRecord } from "../data-access/activity-repository";
import type { BpoStore } from "../data-access/bpo-store";
import { type Actor, seesAllLeads } from "./actor";
import type { ZNewActivitySchema, ZScheduleVisitRequestSchema } from "./activity-schemas";
import { assertCanView, assertCanWork } from "./lead-service";

/** Overdue (red), today (yellow), planned (green), as Odoo's activity pill. */
export type ActivityState = "overdue" | "today" | "planned" | "done";

export function activityState(a: Pick<ActivityRecord, "done" | "dueDate">, today: string): ActivityState {
  if (a.done) return "done";
  return a.dueDate < today ? "overdue" : a.dueDate === today ? "today" : "planned";
}

// Built on first use, not at import: the first Intl.DateTimeFormat of a process maps in node's ICU data and
// ICU's own allocations, ~15 MB of RSS in a BPO worker until it formats a day (it may never).
let chatterDay: Intl.DateTimeFormat | undefined;
/** A day as chatter writes dates everywhere ("Dec 4, 2026"), whatever the reader's locale. */
export function formatDay(day: string): string {
  chatterDay ??= new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });
  return chatterDay.format(new Date(`${day}T00:00:00Z`));
}

export class ActivityService {
  private readonly timeZone: string;
  private readonly now: () => Date;
  private readonly events: LeadEvents;

  constructor(
    private readonly store: BpoStore,
    opts: { timeZone?: string; now?: () => Date; events?: LeadEvents } = {},
  ) {
    this.timeZone = opts.timeZone ?? "UTC";
    this.now = opts.now ?? (() => new Date());
    this.events = opts.events ?? noLeadEvents;
  }

  private today(): string {
    return dayIn(this.timeZone, this.now());
  }

  /** `dueAt`: the instant a timed activity is due (its date and time read in the business time zone). */
  private withState(a: ActivityRecord, today = this.today()) {
    return { ...a, dueAt: a.dueTime ? instantIn(a.dueDate, a.dueTime, this.timeZone).toISOString() : null, state: activityState(a, today) };
  }

  async schedule(actor: Actor, leadId: number, input: z.output<typeof ZNewActivitySchema>) {
    const activity = await this.store.transaction(async (r) => {
      const lead = await r.leads.findById(leadId, { forUpdate: true });
      if (!lead) throw notFound("Lead", leadId);
      assertCanWork(actor, lead);
      const assigneeId = input.assigneeId ?? lead.userId ?? actor.id;
      if (assigneeId !== actor.id && !seesAllLeads(actor) && assigneeId !== lead.userId) {
        throw new AppError("forbidden", "forbidden", "Agents can assign activities only to themselves.");
      }
      const assignee = await r.users.findById(assigneeId);
      if (!assignee || !assignee.active) throw new AppError("validation", "unknown_user", `User ${assigneeId} does not exist or is inactive`);
      const created = await r.activities.create({
        leadId,
        type: input.type,
        summary: input.summary,
        note: input.note ?? null,
        dueDate: input.dueDate,
        dueTime: input.dueTime ?? null,
        assigneeId,
        createdById: actor.id,
      });
      await r.messages.add({
        leadId,
        kind: "system",
        body: `${input.type === "visit" ? "Visit" : "Activity"} scheduled: "${created.summary}" on ${formatDay(created.dueDate)}${created.dueTime ? ` at ${created.dueTime}` : ""} for ${created.assigneeName}`,
        authorId: actor.id,
      });
      return created;
    });
    this.events.changed(leadId);
    return this.withState(activity);
  }

  /** Schedule Visit button (bpo-2): a visit activity for an on-site or showroom visit. */
  scheduleVisit(actor: Actor, leadId: number, input: z.output<typeof ZScheduleVisitRequestSchema>) {
    return this.schedule(actor, leadId, { type: "visit", summary: input.summary, note: input.note, dueDate: input.dueDate, dueTime: input.dueTime });
  }

  async markDone(actor: Actor, id: number) {
    const done = await this.store.transaction(async (r) => {
      const a = await r.activities.findById(id);
      if (!a) throw notFound("Activity", id);
      if (a.assigneeId !== actor.id && !seesAllLeads(actor)) {
        throw new AppError("forbidden", "forbidden", "Only the assignee or a Supervisor/Manager can complete this activity.");
      }
      if (a.done) return a;
      const updated = await r.activities.markDone(id);
      await r.messages.add({ leadId: a.leadId, kind: "system", body: `Activity done: "${a.summary}"`, authorId: actor.id });
      return updated;
    });
    this.events.changed(done.leadId);
    return this.withState(done);
  }

  async mine(actor: Actor, includeDone: boolean) {
    const today = this.today();
    return (await this.store.repos.activities.listForAssignee(actor.id, { includeDone, limit: 500 })).map((a) => this.withState(a, today));
  }

  async forLead(actor: Actor, leadId: number) {
    const lead = await this.store.repos.leads.findById(leadId);
    if (!lead) throw notFound("Lead", leadId);
    assertCanView(actor, lead);
    const today = this.today();
    return (await this.store.repos.activities.listForLead(leadId)).map((a) => this.withState(a, today));
  }
}
