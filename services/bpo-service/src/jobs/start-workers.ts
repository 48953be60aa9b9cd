import type { BpoContainer } from "../container";
import { type BpoOutbox, startBpoOutbox } from "./outbox-jobs";

/** The worker role: BullMQ workers plus the job scheduler at the interval stored in the database. */
export async function startBpoWorkers(c: BpoContainer): Promise<BpoOutbox> {
  c.syncJobs.startWorker(c.distributorSync);
  await c.syncJobs.apply(await c.store.repos.syncRuns.syncIntervalMinutes());
  const outbox = startBpoOutbox(c);
  c.logger.info("bpo worker started", { queues: ["distributor-sync", "outbox"] });
  return outbox;
}
