import type { ConnectionOptions, Job, Queue, Worker } from "bullmq";
import { runWithLogContext } from "../logging/context";
import type { Logger } from "../logging/logger";
import { bullmq } from "../queues/bullmq";
import type { OutboxCursor, OutboxRow, OutboxStore } from "./outbox-store";

/** Sends one row's payload to its peer. Throw to fail the attempt; see `isPermanentOutboxError`. */
export type OutboxHandler = (payload: unknown, row: OutboxRow) => Promise<void>;

/** A failure that no retry can fix (bad payload, the peer refused the request): the row dies at once. */
export class PermanentOutboxError extends Error {
  override name = "PermanentOutboxError";
  readonly retryable = false;
}

/** Errors carrying `retryable === false` (RpcRemoteError for refusals, PermanentOutboxError) are permanent. */
export const isPermanentOutboxError = (e: unknown): boolean =>
  typeof e === "object" && e !== null && (e as { retryable?: unknown }).retryable === false;

export const DEFAULT_OUTBOX_ATTEMPTS = 12;
/** Exponential from 5 s: 5, 10, 20 … 5120 s; 12 attempts span about 2.8 hours of peer downtime. */
export const DEFAULT_OUTBOX_BACKOFF_MS = 5_000;

export interface OutboxOptions {
  store: OutboxStore;
  /** Connection options (never a shared ioredis instance: close() would hang). */
  connection: ConnectionOptions;
  /** The instance's REDIS_PREFIX, used as BullMQ's key prefix. */
  prefix: string;
  logger: Logger;
  queueName?: string;
}

export interface OutboxRelayOptions extends OutboxOptions {
  /** How often pending rows are (re-)queued. */
  pollIntervalMs?: number;
  batchSize?: number;
  attempts?: number;
  backoffDelayMs?: number;
  /** A pass gives up after this when Redis does not answer (the rows stay pending for the next pass). */
  enqueueTimeoutMs?: number;
}

export interface OutboxWorkerOptions extends OutboxOptions {
  handlers: Record<string, OutboxHandler>;
  attempts?: number;
  concurrency?: number;
  isPermanent?: (e: unknown) => boolean;
  /** Lock of an active job; a worker killed mid-job loses it after this and another worker takes over. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/** Name of the outbox delivery queue unless a service picks another. */
export const OUTBOX_QUEUE = "outbox";
const DEFAULT_QUEUE = OUTBOX_QUEUE;

interface OutboxJobData {
  outboxId: string;
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 2000);

/**
 * Puts pending outbox rows on a BullMQ queue with jobId = row id, on a timer and on demand. Re-queuing a row
 * whose job is still waiting, delayed or active is a no-op, so a row is never queued twice at once; a row
 * whose job Redis lost is queued again on the next tick.
 */
export class OutboxRelay {
  private readonly queue: Queue<OutboxJobData>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private closed = false;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.queue = new (bullmq().Queue<OutboxJobData>)(opts.queueName ?? DEFAULT_QUEUE, {
      connection: opts.connection,
      prefix: opts.prefix,
      defaultJobOptions: {
        attempts: opts.attempts ?? DEFAULT_OUTBOX_ATTEMPTS,
        backoff: { type: "exponential", delay: opts.backoffDelayMs ?? DEFAULT_OUTBOX_BACKOFF_MS },
        // Removed when done either way: the row's status is the record, and a replayed row needs its jobId free.
        removeOnComplete: true,
        removeOnFail: true,
      },
    });
    this.queue.on("error", (error) => opts.logger.warn("outbox queue error", { error: error.message }));
  }

  /** Starts the timer (first pass at once). */
  start(): void {
    if (this.timer || this.closed) return;
    const tick = () => {
      this.relayNow().catch((error: unknown) => this.opts.logger.warn("outbox relay pass failed", { error: errorText(error) }));
    };
    this.timer = setInterval(tick, this.opts.pollIntervalMs ?? 2_000);
    this.timer.unref();
    tick();
  }

  /** Queues every pending row now; returns how many rows were handed to BullMQ. Concurrent calls share one pass. */
  relayNow(): Promise<number> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async pass(): Promise<number> {
    const batchSize = this.opts.batchSize ?? 200;
    let after: OutboxCursor | null = null;
    let n = 0;
    for (;;) {
      const rows = await this.opts.store.listUnsent(batchSize, after);
      if (rows.length === 0) break;
      await withTimeout(
        this.queue.addBulk(rows.map((r) => ({ name: r.topic, data: { outboxId: r.id }, opts: { jobId: r.id } }))),
        this.opts.enqueueTimeoutMs ?? 10_000,
        "Redis did not accept the outbox jobs",
      );
      n += rows.length;
      const last = rows[rows.length - 1] as OutboxRow;
      after = { createdAt: last.createdAt, id: last.id };
      if (rows.length < batchSize || this.closed) break;
    }
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
    // close() waits for Redis; when Redis is gone, drop the connection instead of hanging.
    await withTimeout(this.queue.close(), 5_000, "queue close").catch(() => this.queue.disconnect());
  }
}

/**
 * Runs the topic's handler for each queued row, with BullMQ's retries and exponential backoff. Success marks
 * the row sent; a permanent error or the last attempt marks it dead with the error kept; any other failure
 * records the attempt and lets BullMQ retry. The log context carries the job id and the row's correlation id.
 */
export class OutboxWorker {
  private readonly worker: Worker<OutboxJobData>;
  private readonly attempts: number;

  constructor(private readonly opts: OutboxWorkerOptions) {
    this.attempts = opts.attempts ?? DEFAULT_OUTBOX_ATTEMPTS;
    this.worker = new (bullmq().Worker<OutboxJobData>)(opts.queueName ?? DEFAULT_QUEUE, (job) => this.process(job), {
      connection: { ...opts.connection, maxRetriesPerRequest: null },
      prefix: opts.prefix,
      concurrency: opts.concurrency ?? 4,
      lockDuration: opts.lockDurationMs ?? 60_000,
      stalledInterval: opts.stalledIntervalMs ?? 30_000,
      autorun: true,
    });
    this.worker.on("error", (error) => opts.logger.warn("outbox worker error", { error: error.message }));
  }

  private async process(job: Job<OutboxJobData>): Promise<void> {
    const { store, logger } = this.opts;
    const row = await store.findUnsent(job.data.outboxId);
    if (!row) return; // already sent or dead: a late duplicate job does nothing
    await runWithLogContext({ jobId: job.id, correlationId: row.correlationId ?? undefined }, async () => {
      const handler = this.opts.handlers[row.topic];
      try {
        if (!handler) throw new PermanentOutboxError(`No outbox handler for topic "${row.topic}"`);
        await handler(row.payload, row);
      } catch (e) {
        const error = errorText(e);
        const permanent = (this.opts.isPermanent ?? isPermanentOutboxError)(e);
        // Count from the row too: a job re-queued after Redis lost it starts again at attempt 1.
        const attempt = Math.max(job.attemptsMade + 1, row.attempts + 1);
        if (permanent || attempt >= this.attempts) {
          await store.markDead(row, error);
          logger.error("outbox message dead", { topic: row.topic, outboxId: row.id, attempt, permanent, error });
          throw new (bullmq().UnrecoverableError)(error);
        }
        await store.recordFailure(row, error);
        logger.warn("outbox delivery failed, will retry", { topic: row.topic, outboxId: row.id, attempt, error });
        throw e;
      }
      await store.markSent(row);
      logger.info("outbox message sent", { topic: row.topic, outboxId: row.id });
    });
  }

  /** Waits for active jobs unless `force` (then their rows stay pending and are picked up again). */
  async close(force = false): Promise<void> {
    await this.worker.close(force);
  }
}
