import {
  DEALER_RECEIVE_ENDORSED_LEAD,
  ZReceiveEndorsedLeadRequestSchema,
  ZReceiveEndorsedLeadResponseSchema,
} from "@crm/contracts";
import { OutboxRelay, OutboxWorker, PermanentOutboxError, redisConnectionOptions } from "@crm/platform";
import type { BpoContainer } from "../container";
import { type EndorsementMessage, EndorsementService } from "../domain/endorsement-service";
import { MAIL_TOPIC } from "../domain/mark-won-service";
import type { MailMessage } from "../integrations/mailer";

export interface BpoOutbox {
  relay: OutboxRelay;
  worker: OutboxWorker;
  close(): Promise<void>;
}

/** The BPO worker's outbox: relays outbox_messages to BullMQ and delivers endorsements to dealerships. */
export function startBpoOutbox(c: BpoContainer): BpoOutbox {
  const common = {
    store: c.outboxStore,
    connection: redisConnectionOptions(c.config.REDIS_URL),
    prefix: c.config.REDIS_PREFIX,
    logger: c.logger,
    attempts: c.config.OUTBOX_ATTEMPTS,
  };
  const relay = new OutboxRelay({ ...common, pollIntervalMs: c.config.OUTBOX_POLL_MS, backoffDelayMs: c.config.OUTBOX_BACKOFF_MS });
  const worker = new OutboxWorker({
    ...common,
    handlers: {
      [MAIL_TOPIC]: async (payload) => {
        if (!c.mailer) throw new PermanentOutboxError("No outbound mail server configured (SMTP_URL); set it, then replay");
        await c.mailer(payload as MailMessage);
      },
      [DEALER_RECEIVE_ENDORSED_LEAD]: async (payload) => {
        const message = payload as EndorsementMessage;
        const request = ZReceiveEndorsedLeadRequestSchema.safeParse(message?.request);
        if (!request.success) throw new PermanentOutboxError(`Unreadable endorsement payload: ${request.error.message}`);
        const { client, dealership } = await c.dealerLinks.clientFor(message.dealershipId);
        const result = await client.call(DEALER_RECEIVE_ENDORSED_LEAD, request.data, ZReceiveEndorsedLeadResponseSchema);
        await c.store.transaction((r) => EndorsementService.recordDelivered(r, message, result, dealership.name));
        c.logger.info("endorsement delivered", { leadId: message.leadId, dealerLeadName: result.dealerLeadName, created: result.created });
      },
    },
  });
  relay.start();
  c.setOutboxKick(() => {
    relay.relayNow().catch((error: unknown) => c.logger.warn("outbox relay failed", { error: (error as Error).message }));
  });
  return {
    relay,
    worker,
    async close() {
      await relay.close();
      await worker.close();
    },
  };
}
