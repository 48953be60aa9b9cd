import {
  DEALER_RECEIVE_ENDORSED_LEAD,
  DEALER_RECEIVE_SALE_ORDER,
  ZReceiveEndorsedLeadRequestSchema,
  ZReceiveEndorsedLeadResponseSchema,
  ZReceiveSaleOrderRequestSchema,
  ZReceiveSaleOrderResponseSchema,
} from "@crm/contracts";
import { type OutboxDelivery, PermanentOutboxError, startOutboxDelivery } from "@crm/platform";
import type { BpoContainer } from "../container";
import { type EndorsementMessage, EndorsementService } from "../domain/endorsement-service";
import { MAIL_TOPIC, MarkWonService, type SaleOrderPushMessage } from "../domain/mark-won-service";
import type { MailMessage } from "../integrations/mailer";

export type BpoOutbox = OutboxDelivery;

/** The BPO worker's outbox: relays outbox_messages to BullMQ, delivers endorsements, re-pushed sale orders and mail. */
export function startBpoOutbox(c: BpoContainer): BpoOutbox {
  const delivery = startOutboxDelivery({
    store: c.outboxStore,
    redisUrl: c.config.REDIS_URL,
    prefix: c.config.REDIS_PREFIX,
    logger: c.logger,
    attempts: c.config.OUTBOX_ATTEMPTS,
    backoffDelayMs: c.config.OUTBOX_BACKOFF_MS,
    pollIntervalMs: c.config.OUTBOX_POLL_MS,
    concurrency: c.config.OUTBOX_CONCURRENCY,
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
        c.leadEvents.changed(message.leadId);
        c.logger.info("endorsement delivered", { leadId: message.leadId, dealerLeadName: result.dealerLeadName, created: result.created });
      },
      // Reconciliation's Replay of a Mark Won push: the dealer answers with the order it has (or creates it).
      [DEALER_RECEIVE_SALE_ORDER]: async (payload) => {
        const message = payload as SaleOrderPushMessage;
        const request = ZReceiveSaleOrderRequestSchema.safeParse(message?.request);
        if (!request.success) throw new PermanentOutboxError(`Unreadable sale order payload: ${request.error.message}`);
        const { client, dealership } = await c.dealerLinks.clientFor(message.dealershipId);
        const result = await client.call(DEALER_RECEIVE_SALE_ORDER, request.data, ZReceiveSaleOrderResponseSchema);
        await c.store.transaction((r) => MarkWonService.recordRepushed(r, message, result, dealership.name));
        c.leadEvents.changed(message.leadId);
        c.logger.info("sale order re-pushed", { leadId: message.leadId, saleOrderName: result.saleOrderName, created: result.created });
      },
    },
  });
  c.setOutboxKick(delivery.kick);
  return delivery;
}
