import { BPO_APPLY_DEALER_OUTCOME, ZApplyDealerOutcomeRequestSchema } from "@crm/contracts";
import { redisConnectionOptions } from "@crm/platform";
import { OutboxRelay, OutboxWorker, PermanentOutboxError } from "@crm/platform";
import type { DealerContainer } from "../container";

export interface DealerOutbox {
  relay: OutboxRelay;
  worker: OutboxWorker;
  close(): Promise<void>;
}

/** The dealer worker's outbox: relays outbox_messages to BullMQ and delivers outcome callbacks to the BPO. */
export function startDealerOutbox(c: DealerContainer): DealerOutbox {
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
      [BPO_APPLY_DEALER_OUTCOME]: async (payload) => {
        const parsed = ZApplyDealerOutcomeRequestSchema.safeParse(payload);
        if (!parsed.success) throw new PermanentOutboxError(`Unreadable ${BPO_APPLY_DEALER_OUTCOME} payload: ${parsed.error.message}`);
        const result = await (await c.bpoConnection.peer()).applyDealerOutcome(parsed.data);
        c.logger.info("dealer outcome applied on BPO", { bpoLeadName: result.bpoLeadName, applied: result.applied });
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
