import type { BpoContainer } from "../container";
import { type BpoOutbox, startBpoOutbox } from "./outbox-jobs";

/**
 * The worker role: BullMQ workers plus the job schedulers. The outbox worker is handed back at once, before
 * the schedulers are set up: a SIGTERM during start-up must still find it to let its active jobs finish.
 */
export function startBpoWorkers(c: BpoContainer): { outbox: BpoOutbox; started: Promise<void> } {
  c.syncJobs.startWorker(c.distributorSync);
  const outbox = startBpoOutbox(c);
  return { outbox, started: startSchedulers(c) };
}

async function startSchedulers(c: BpoContainer): Promise<void> {
  await c.syncJobs.apply(await c.store.repos.syncRuns.syncIntervalMinutes());
  // Reminders are mail: without a mail server they would only pile up as undeliverable outbox rows.
  if (c.config.ACTIVITY_REMINDERS === "on" && c.mailer) await c.reminderJobs.startReminders(c.activityReminders, c.config.ACTIVITY_REMINDER_CHECK_MINUTES);
  else {
    await c.reminderJobs.stop();
    c.logger.info("activity reminder e-mails off", { reason: c.mailer ? "ACTIVITY_REMINDERS=off" : "no SMTP_URL" });
  }
  if (c.config.RECONCILE_DIGEST === "on" && c.mailer) await c.reconciliationDigestJobs.startDigest(c.reconciliation, c.config.RECONCILE_DIGEST_HOUR, c.config.BUSINESS_TIMEZONE);
  else {
    await c.reconciliationDigestJobs.stop();
    c.logger.info("reconciliation digest off", { reason: c.mailer ? "RECONCILE_DIGEST=off" : "no SMTP_URL" });
  }
  c.logger.info("bpo worker started", { queues: ["distributor-sync", "outbox", "activity-reminders", "reconciliation-digest"] });
}
