import { z } from "zod";
import { ZActivitySchema, ZNewActivitySchema } from "./activity-schemas";

export const CALL_RESULTS = ["answered", "no_answer", "busy", "voicemail", "wrong_number"] as const;

export const ZLogCallRequestSchema = z
  .object({
    durationMinutes: z.number({ error: "Duration is required (minutes)" }).int().min(0, "Duration cannot be negative").max(600),
    result: z.enum(CALL_RESULTS, { error: "Call Result must be Answered, No Answer, Busy, Voicemail or Wrong Number" }),
    summary: z.string().trim().min(1, "Summary is required").max(5000),
    // A follow-up from Log Call is due on a day (a timed visit is booked with Schedule Visit).
    nextActivity: ZNewActivitySchema.omit({ dueTime: true }).optional(),
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

/** A logged call as the call-log lists show it (lead and agent by name). */
export const ZCallLogSchema = z.object({
  id: z.number().int(),
  leadId: z.number().int(),
  leadReference: z.string(),
  contactName: z.string(),
  userId: z.number().int(),
  userName: z.string(),
  durationMinutes: z.number().int(),
  result: z.enum(CALL_RESULTS),
  summary: z.string(),
  activityId: z.number().int().nullable(),
  createdAt: z.date(),
});
export type CallLogResponse = z.input<typeof ZCallLogSchema>;
export const ZCallLogsResponseSchema = z.object({ callLogs: z.array(ZCallLogSchema) });
/** POST /leads/:id/call-logs: the call's id and the follow-up activity it scheduled, if any (no state pill yet). */
export const ZLogCallResponseSchema = z.object({ id: z.number().int(), activity: ZActivitySchema.omit({ state: true }).nullable() });
