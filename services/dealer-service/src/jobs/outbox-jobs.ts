import { BPO_APPLY_DEALER_OUTCOME } from "@crm/contracts";
import { type OutboxDelivery, startOutboxDelivery } from "@crm/platform";
import type { DealerContainer } from "../container";
import { outcomeDelivery } from "../domain/outcome-callback";

export type DealerOutbox = OutboxDelivery;

/** The dealer worker's outbox: relays outbox_messages to BullMQ and delivers outcome callbacks to the BPO. */
export function startDealerOutbox(c: DealerContainer): DealerOutbox {
  const delivery = startOutboxDelivery({
    store: c.outboxStore,
    redisUrl: c.config.REDIS_URL,
    prefix: c.config.REDIS_PREFIX,
    logger: c.logger,
    attempts: c.config.OUTBOX_ATTEMPTS,
    backoffDelayMs: c.config.OUTBOX_BACKOFF_MS,
    pollIntervalMs: c.config.OUTBOX_POLL_MS,
    concurrency: c.config.OUTBOX_CONCURRENCY,
    // Topic → the flow that delivers it.
    handlers: {
      [BPO_APPLY_DEALER_OUTCOME]: outcomeDelivery({ peer: () => c.bpoConnection.peer(), logger: c.logger }),
    },
  });
  c.setOutboxKick(delivery.kick);
  return delivery;
}
