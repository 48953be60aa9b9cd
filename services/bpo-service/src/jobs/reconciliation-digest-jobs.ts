import { type ConnectionOptions, type Job, Queue, Worker } from "bullmq";
import { type Logger, runWithLogContext } from "@crm/platform";
import type { ReconciliationService } from "../domain/reconciliation-service";

export const RECONCILIATION_DIGEST_QUEUE = "reconciliation-digest";
/** The scheduler's id is fixed, so every worker upserts the same single schedule. */
const SCHEDULER_ID = "CRM: Reconciliation digest";
const TICK = "nightly";

/**
 * Nightly, at the configured local hour: the reconciliation check, and the Managers' digest when something is
 * stuck. The domain records the day's digest with its mails, so a retried or repeated tick mails nobody twice.
 */
export class ReconciliationDigestJobs {
  private q?: Queue;
  private worker?: Worker;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  private queue(): Queue {
    this.q ??= new Queue(RECONCILIATION_DIGEST_QUEUE, { connection: this.connection, prefix: this.prefix });
    return this.q;
  }

  async start(reconciliation: ReconciliationService, hour: number, timeZone: string): Promise<void> {
    await this.queue().upsertJobScheduler(
      SCHEDULER_ID,
      { pattern: `0 ${hour} * * *`, tz: timeZone },
      { name: TICK, data: {}, opts: { attempts: 3, backoff: { type: "exponential", delay: 60_000 }, removeOnComplete: 30, removeOnFail: 100 } },
    );
    if (this.worker) return;
    this.worker = new Worker(
      RECONCILIATION_DIGEST_QUEUE,
      (job: Job) => runWithLogContext({ jobId: `${job.name}:${job.id}` }, () => reconciliation.queueDigest()),
      { connection: { ...(this.connection as object), maxRetriesPerRequest: null }, prefix: this.prefix, concurrency: 1 },
    );
    this.worker.on("failed", (job, error) => this.logger.warn("reconciliation digest failed", { jobId: job?.id, attempt: job?.attemptsMade, error: error.message }));
    this.worker.on("error", (error) => this.logger.error("reconciliation digest worker error", { error: error.message }));
    this.logger.info("reconciliation digest scheduled", { hour, timeZone });
  }

  /** The schedule as stored in Redis (tests and the queue dashboard). */
  scheduler() {
    return this.queue().getJobScheduler(SCHEDULER_ID);
  }

  /** Removes the schedule (digest switched off, or no mail server). */
  async stop(): Promise<void> {
    await this.queue().removeJobScheduler(SCHEDULER_ID);
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.q?.close();
  }
}
