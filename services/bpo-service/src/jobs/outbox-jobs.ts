import { DEALER_RECEIVE_ENDORSED_LEAD, DEALER_RECEIVE_SALE_ORDER } from "@crm/contracts";
import { type OutboxDelivery, type OutboxHandler, startServiceOutbox } from "@crm/platform/jobs";
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
export const startBpoOutbox = (c: BpoContainer): BpoOutbox => startServiceOutbox(c, outboxHandlers(c));
