import { z } from "zod";

export const ACTIVITY_TYPES = ["call", "visit", "task"] as const;

const DUE_TIME = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Time must be HH:MM (24-hour)");

export const ZNewActivitySchema = z
  .object({
    type: z.enum(ACTIVITY_TYPES, { error: "Activity type must be call, visit or task" }),
    summary: z.string().trim().min(1, "Summary is required").max(200),
    note: z.string().trim().max(5000).nullish(),
    dueDate: z.iso.date("Due date must be YYYY-MM-DD"),
    dueTime: DUE_TIME.nullish(),
    assigneeId: z.number().int().positive().optional(),
  })
  .strict();

export const ZScheduleVisitRequestSchema = z
  .object({
    dueDate: z.iso.date("Visit date must be YYYY-MM-DD"),
    /** Visits are booked for a time (business time zone). */
    dueTime: z.string({ error: "Visit time is required" }).pipe(DUE_TIME),
    summary: z.string().trim().min(1).max(200).default("Showroom visit"),
    note: z.string().trim().max(5000).nullish(),
  })
  .strict();

/** An activity as the lead form and My Activities list it: its state pill and, when timed, the instant it is due. */
export const ZActivitySchema = z.object({
  id: z.number().int(),
  leadId: z.number().int(),
  leadReference: z.string(),
  contactName: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  summary: z.string(),
  note: z.string().nullable(),
  dueDate: z.iso.date(),
  /** HH:MM on dueDate in the business time zone; null = any time that day. */
  dueTime: z.string().nullable(),
  /** dueDate + dueTime in the business time zone, as an ISO instant (null when untimed). */
  dueAt: z.string().nullable(),
  assigneeId: z.number().int(),
  assigneeName: z.string(),
  done: z.boolean(),
  doneAt: z.date().nullable(),
  createdById: z.number().int(),
  createdAt: z.date(),
  state: z.enum(["overdue", "today", "planned", "done"]),
});
export type ActivityResponse = z.input<typeof ZActivitySchema>;
export const ZActivitiesResponseSchema = z.object({ activities: z.array(ZActivitySchema) });
