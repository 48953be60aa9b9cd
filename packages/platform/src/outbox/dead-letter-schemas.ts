import { z } from "zod";

/** A message that could not be delivered (DeadOutboxRow): its topic, payload as queued, attempts and the last error. */
export const ZDeadOutboxMessageSchema = z.object({
  id: z.string(),
  topic: z.string(),
  payload: z.unknown(),
  attempts: z.number().int(),
  correlationId: z.string().nullable(),
  createdAt: z.date(),
  lastError: z.string().nullable(),
});
export type DeadOutboxMessageResponse = z.input<typeof ZDeadOutboxMessageSchema>;

/** GET /outbox/dead in both services. */
export const ZDeadOutboxResponseSchema = z.object({ messages: z.array(ZDeadOutboxMessageSchema) });
/** POST /outbox/:id/replay in both services: the message is queued again. */
export const ZOutboxReplayResponseSchema = z.object({ id: z.string(), status: z.literal("pending") });
