import type { BpoContainer } from "../container";

/** The worker role: BullMQ workers plus the job scheduler at the interval stored in the database. */
export async function startBpoWorkers(c: BpoContainer): Promise<void> {
  c.syncJobs.startWorker(c.distributorSync);
  await c.syncJobs.apply(await c.store.repos.syncRuns.syncIntervalMinutes());
  c.logger.info("bpo worker started", { queues: ["distributor-sync"] });
}
