import { BPO_APPLY_DEALER_OUTCOME, ZApplyDealerOutcomeRequestSchema } from "@crm/contracts";
import { type OutboxDelivery, PermanentOutboxError, startOutboxDelivery } from "@crm/platform";
import type { DealerContainer } from "../container";
import { deliverOutcome } from "../domain/bpo-outcome";

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
    handlers: {
      [BPO_APPLY_DEALER_OUTCOME]: async (payload) => {
        const parsed = ZApplyDealerOutcomeRequestSchema.safeParse(payload);
        if (!parsed.success) throw new PermanentOutboxError(`Unreadable ${BPO_APPLY_DEALER_OUTCOME} payload: ${parsed.error.message}`);
        const result = await deliverOutcome(await c.bpoConnection.peer(), parsed.data);
        c.logger.info("dealer outcome applied on BPO", { bpoLeadName: result.bpoLeadName, applied: result.applied });
      },
    },
  });
  c.setOutboxKick(delivery.kick);
  return delivery;
}
