import { DEALER_RECEIVE_ENDORSED_LEAD, DEALER_RECEIVE_SALE_ORDER } from "@crm/contracts";
import { type OutboxDelivery, type OutboxHandler, startOutboxDelivery } from "@crm/platform";
import type { BpoContainer } from "../container";
import { endorsementDelivery } from "../domain/endorsement/endorsement-delivery";
import { MAIL_TOPIC, mailDelivery } from "../domain/outbound-mail";
import { saleOrderRepushDelivery } from "../domain/sale-order-push";

export type BpoOutbox = OutboxDelivery;

/** Topic → the flow that delivers it; each gets only what it uses. */
function outboxHandlers(c: BpoContainer): Record<string, OutboxHandler> {
  const dealerPush = { store: c.store, dealers: c.dealerLinks, events: c.leadEvents, logger: c.logger };
  return {
    [DEALER_RECEIVE_ENDORSED_LEAD]: endorsementDelivery(dealerPush),
    // Reconciliation's Replay of a Mark Won push.
    [DEALER_RECEIVE_SALE_ORDER]: saleOrderRepushDelivery(dealerPush),
    [MAIL_TOPIC]: mailDelivery(c.mailer),
  };
}

/** The BPO worker's outbox: relays outbox_messages to BullMQ and delivers each row by its topic's flow. */
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
    handlers: outboxHandlers(c),
  });
  c.setOutboxKick(delivery.kick);
  return delivery;
}
