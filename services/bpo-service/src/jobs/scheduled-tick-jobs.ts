import type { ConnectionOptions, Job, Queue, RepeatOptions, Worker } from "bullmq";
import { type Logger, runWithLogContext } from "@crm/platform/core";
import { bullmq } from "@crm/platform/jobs";

export interface TickSchedule {
  queue: string;
  /** The job scheduler's fixed id: every worker upserts the same single schedule. */
  schedulerId: string;
  tickName: string;
  retry: { attempts: number; backoffMs: number };
  /** Words for the logs, e.g. "activity reminder". */
  label: string;
}

/**
 * One BullMQ job scheduler whose ticks run one domain call on a single-concurrency worker. The domain makes a
 * tick safe to repeat or retry (it records what it sent), so the schedule only decides when to look.
 */
export class ScheduledTickJobs {
  private q?: Queue;
  private worker?: Worker;

  constructor(
    private readonly s: TickSchedule,
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  private queue(): Queue {
    this.q ??= new (bullmq().Queue)(this.s.queue, { connection: this.connection, prefix: this.prefix });
    return this.q;
  }

  /** Creates or moves the schedule and starts this process's worker (once). */
  async start(repeat: Omit<RepeatOptions, "key">, tick: () => Promise<unknown>): Promise<void> {
    await this.queue().upsertJobScheduler(this.s.schedulerId, repeat, {
      name: this.s.tickName,
      data: {},
      opts: { attempts: this.s.retry.attempts, backoff: { type: "exponential", delay: this.s.retry.backoffMs }, removeOnComplete: 50, removeOnFail: 200 },
    });
    if (this.worker) return;
    this.worker = new (bullmq().Worker)(this.s.queue, (job: Job) => runWithLogContext({ jobId: `${job.name}:${job.id}` }, tick), {
      connection: { ...(this.connection as object), maxRetriesPerRequest: null },
      prefix: this.prefix,
      concurrency: 1,
    });
    this.worker.on("failed", (job, error) => this.logger.warn(`${this.s.label} tick failed`, { jobId: job?.id, attempt: job?.attemptsMade, error: error.message }));
    this.worker.on("error", (error) => this.logger.error(`${this.s.label} worker error`, { error: error.message }));
  }

  /** The schedule as stored in Redis. */
  scheduler() {
    return this.queue().getJobScheduler(this.s.schedulerId);
  }

  /** Removes the schedule (switched off, or no mail server). */
  async stop(): Promise<void> {
    await this.queue().removeJobScheduler(this.s.schedulerId);
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.q?.close();
  }
}
