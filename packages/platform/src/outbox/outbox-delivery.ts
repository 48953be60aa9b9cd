import { redisConnectionOptions } from "../config/parse-config";
import type { Logger } from "../logging/logger";
import { type OutboxHandler, OutboxRelay, OutboxWorker } from "./outbox-relay";
import type { OutboxStore } from "./outbox-store";

export interface OutboxDelivery {
  relay: OutboxRelay;
  worker: OutboxWorker;
  /** Queue pending rows now instead of at the next poll (best effort; the poll catches up anyway). */
  kick(): void;
  close(): Promise<void>;
}

/** A worker process's outbox: the relay on its timer plus a worker with one handler per topic. */
export function startOutboxDelivery(opts: {
  store: OutboxStore;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  attempts: number;
  backoffDelayMs: number;
  pollIntervalMs: number;
  /** Deliveries in flight in this process (the relay's default when omitted). */
  concurrency?: number;
  handlers: Record<string, OutboxHandler>;
}): OutboxDelivery {
  const common = { store: opts.store, connection: redisConnectionOptions(opts.redisUrl), prefix: opts.prefix, logger: opts.logger, attempts: opts.attempts };
  const relay = new OutboxRelay({ ...common, pollIntervalMs: opts.pollIntervalMs, backoffDelayMs: opts.backoffDelayMs });
  const worker = new OutboxWorker({ ...common, handlers: opts.handlers, concurrency: opts.concurrency });
  relay.start();
  return {
    relay,
    worker,
    kick: () => {
      relay.relayNow().catch((error: unknown) => opts.logger.warn("outbox relay failed", { error: (error as Error).message }));
    },
    async close() {
      await relay.close();
      await worker.close();
    },
  };
}
