import { type ConnectionOptions, type Job, Queue, Worker } from "bullmq";
import { type Logger, runWithLogContext } from "@crm/platform";
import type { ActivityReminderService } from "../domain/activity-reminder-service";

export const ACTIVITY_REMINDER_QUEUE = "activity-reminders";
const SCHEDULER_ID = "CRM: Activity reminder e-mails";
const TICK = "tick";

/**
 * A tick every few minutes; the domain decides whether it is time (the business day's reminder hour) and
 * whom to mail, and records each mail so a tick is safe to repeat or to retry.
 */
export class ActivityReminderJobs {
  private q?: Queue;
  private worker?: Worker;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  private queue(): Queue {
    this.q ??= new Queue(ACTIVITY_REMINDER_QUEUE, { connection: this.connection, prefix: this.prefix });
    return this.q;
  }

  async start(reminders: ActivityReminderService, everyMinutes: number): Promise<void> {
    await this.queue().upsertJobScheduler(
      SCHEDULER_ID,
      { every: everyMinutes * 60_000 },
      { name: TICK, data: {}, opts: { attempts: 3, backoff: { type: "exponential", delay: 10_000 }, removeOnComplete: 50, removeOnFail: 200 } },
    );
    this.worker = new Worker(
      ACTIVITY_REMINDER_QUEUE,
      (job: Job) => runWithLogContext({ jobId: `${job.name}:${job.id}` }, () => reminders.queueDue()),
      { connection: { ...(this.connection as object), maxRetriesPerRequest: null }, prefix: this.prefix, concurrency: 1 },
    );
    this.worker.on("failed", (job, error) => this.logger.warn("activity reminder tick failed", { jobId: job?.id, attempt: job?.attemptsMade, error: error.message }));
    this.worker.on("error", (error) => this.logger.error("activity reminder worker error", { error: error.message }));
    this.logger.info("activity reminders scheduled", { everyMinutes });
  }

  /** Removes the schedule (reminders switched off, or no mail server). */
  async stop(): Promise<void> {
    await this.queue().removeJobScheduler(SCHEDULER_ID);
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.q?.close();
  }
}
