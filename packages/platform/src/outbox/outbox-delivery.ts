import { type OutboxEnv, redisConnectionOptions } from "../config/parse-config";
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

/** What a service's container gives its outbox: the store, the settings, the logger, and where the kick goes. */
export interface OutboxHost {
  config: OutboxEnv;
  outboxStore: OutboxStore;
  logger: Logger;
  setOutboxKick(kick: () => void): void;
}

/** A service's worker outbox with its environment's settings; the container gets the kick (new rows go out at once). */
export function startServiceOutbox(host: OutboxHost, handlers: Record<string, OutboxHandler>): OutboxDelivery {
  const { config } = host;
  const delivery = startOutboxDelivery({
    store: host.outboxStore,
    redisUrl: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    logger: host.logger,
    attempts: config.OUTBOX_ATTEMPTS,
    backoffDelayMs: config.OUTBOX_BACKOFF_MS,
    pollIntervalMs: config.OUTBOX_POLL_MS,
    concurrency: config.OUTBOX_CONCURRENCY,
    handlers,
  });
  host.setOutboxKick(delivery.kick);
  return delivery;
}
