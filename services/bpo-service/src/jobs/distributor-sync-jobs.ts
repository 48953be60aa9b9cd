import type { ConnectionOptions, Job, Queue, Worker } from "bullmq";
import { AppError, type Logger, runWithLogContext } from "@crm/platform/core";
import { bullmq } from "@crm/platform/jobs";
import { SYNC_JOB_NAME, type SyncSchedule } from "../domain/distributor-connection-service";
import { BRAND_ALREADY_SYNCING, BrandSyncFailed, type DistributorSyncService } from "../domain/distributor-sync-service";

export const DISTRIBUTOR_SYNC_QUEUE = "distributor-sync";
const FAN_OUT = "fan-out";
const SYNC_BRAND = "sync-brand";

/**
 * BullMQ side of the intake: the job scheduler "CRM: Sync Distributor Campaign Leads" adds a fan-out job
 * every interval; the fan-out adds one job per brand whose deduplication id is the brand, so a brand
 * already queued or running is not queued twice (and the Redis lease in the domain guards the rest).
 */
export class DistributorSyncJobs implements SyncSchedule {
  private q?: Queue;
  private worker?: Worker;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly retry = { attempts: 4, backoffMs: 30_000 },
  ) {}

  queue(): Queue {
    this.q ??= new (bullmq().Queue)(DISTRIBUTOR_SYNC_QUEUE, { connection: this.connection, prefix: this.prefix });
    return this.q;
  }

  /** Creates or moves the schedule; called at worker start and whenever a Manager changes the interval. */
  async apply(intervalMinutes: number): Promise<void> {
    await this.queue().upsertJobScheduler(
      SYNC_JOB_NAME,
      { every: intervalMinutes * 60_000 },
      { name: FAN_OUT, data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
    );
    this.logger.info("distributor sync schedule set", { job: SYNC_JOB_NAME, intervalMinutes });
  }

  async scheduler() {
    return this.queue().getJobScheduler(SYNC_JOB_NAME);
  }

  /** What the schedule does on each tick, on demand (tests, demo). */
  async fanOutNow(): Promise<void> {
    await this.queue().add(FAN_OUT, {}, { removeOnComplete: 100, removeOnFail: 500 });
  }

  /** Queues one job per brand (no-op for a brand already queued or running). */
  async enqueueBrands(brandIds: number[]): Promise<void> {
    if (brandIds.length === 0) return;
    await this.queue().addBulk(
      brandIds.map((brandId) => ({
        name: SYNC_BRAND,
        data: { brandId },
        opts: {
          deduplication: { id: `brand-${brandId}` },
          attempts: this.retry.attempts,
          backoff: { type: "exponential", delay: this.retry.backoffMs },
          removeOnComplete: 200,
          removeOnFail: 500,
        },
      })),
    );
  }

  startWorker(sync: DistributorSyncService, concurrency = 4): Worker {
    this.worker = new (bullmq().Worker)(
      DISTRIBUTOR_SYNC_QUEUE,
      (job: Job) =>
        runWithLogContext({ jobId: `${job.name}:${job.id}` }, async () => {
          if (job.name === FAN_OUT) {
            const ids = await sync.syncableBrandIds();
            await this.enqueueBrands(ids);
            return { brands: ids.length };
          }
          if (job.name === SYNC_BRAND) {
            const brandId = Number((job.data as { brandId: number }).brandId);
            try {
              const run = await sync.runBrand(brandId, "schedule");
              return { runId: run.id, status: run.status, created: run.created, deduplicated: run.deduplicated };
            } catch (e) {
              if (e instanceof AppError && e.code === BRAND_ALREADY_SYNCING) return { skipped: "already running" };
              if (e instanceof BrandSyncFailed && !e.retryable) throw new (bullmq().UnrecoverableError)(e.message);
              throw e;
            }
          }
          throw new (bullmq().UnrecoverableError)(`Unknown job ${job.name}`);
        }),
      { connection: { ...(this.connection as object), maxRetriesPerRequest: null }, prefix: this.prefix, concurrency },
    );
    this.worker.on("failed", (job, error) => {
      this.logger.warn("distributor sync job failed", { job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, error: error.message });
    });
    this.worker.on("error", (error) => this.logger.error("distributor sync worker error", { error: error.message }));
    return this.worker;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.q?.close();
  }
}
