import type { BpoContainer } from "../container";
import { type BpoOutbox, startBpoOutbox } from "./outbox-jobs";

/** The worker role: BullMQ workers plus the job scheduler at the interval stored in the database. */
export async function startBpoWorkers(c: BpoContainer): Promise<BpoOutbox> {
  c.syncJobs.startWorker(c.distributorSync);
  await c.syncJobs.apply(await c.store.repos.syncRuns.syncIntervalMinutes());
  const outbox = startBpoOutbox(c);
  // Reminders are mail: without a mail server they would only pile up as undeliverable outbox rows.
  if (c.config.ACTIVITY_REMINDERS === "on" && c.mailer) await c.reminderJobs.start(c.activityReminders, c.config.ACTIVITY_REMINDER_CHECK_MINUTES);
  else {
    await c.reminderJobs.stop();
    c.logger.info("activity reminder e-mails off", { reason: c.mailer ? "ACTIVITY_REMINDERS=off" : "no SMTP_URL" });
  }
  if (c.config.RECONCILE_DIGEST === "on" && c.mailer) await c.reconciliationDigestJobs.start(c.reconciliation, c.config.RECONCILE_DIGEST_HOUR, c.config.BUSINESS_TIMEZONE);
  else {
    await c.reconciliationDigestJobs.stop();
    c.logger.info("reconciliation digest off", { reason: c.mailer ? "RECONCILE_DIGEST=off" : "no SMTP_URL" });
  }
  c.logger.info("bpo worker started", { queues: ["distributor-sync", "outbox", "activity-reminders", "reconciliation-digest"] });
  return outbox;
}
