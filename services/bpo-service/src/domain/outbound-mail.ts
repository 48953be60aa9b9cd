import { z } from "zod";
import { currentLogContext } from "@crm/platform/core";
import { PermanentOutboxError } from "@crm/platform/jobs";
import type { Repositories } from "../data-access/bpo-store";
import type { Mailer } from "../integrations/mailer";

/** Outbox topic of an e-mail (Mark Won's note to the dealership manager, reminders, the reconciliation digest). */
export const MAIL_TOPIC = "mail.send";

/** What a mail.send outbox row carries. */
export const ZMailMessageSchema = z
  .object({
    to: z.string().trim().min(1),
    subject: z.string().min(1),
    text: z.string(),
  })
  .strict();
export type MailMessage = z.output<typeof ZMailMessageSchema>;

/** Queues a mail in the caller's transaction: it goes out (with retries) once that commits. */
export async function queueMail(r: Repositories, mail: MailMessage, correlationId: string | null = currentLogContext().correlationId ?? null): Promise<void> {
  await r.outbox.add({ topic: MAIL_TOPIC, payload: ZMailMessageSchema.parse(mail), correlationId });
}

/** The outbox handler of mail.send: without a mail server the row dies, to be replayed once one is set. */
export function mailDelivery(mailer: Mailer | null): (payload: unknown) => Promise<void> {
  return async (payload) => {
    if (!mailer) throw new PermanentOutboxError("No outbound mail server configured (SMTP_URL); set it, then replay");
    const mail = ZMailMessageSchema.safeParse(payload);
    if (!mail.success) throw new PermanentOutboxError(`Unreadable mail payload: ${mail.error.message}`);
    await mailer(mail.data);
  };
}
