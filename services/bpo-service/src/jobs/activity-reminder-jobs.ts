import type { ConnectionOptions } from "bullmq";
import type { Logger } from "@crm/platform/core";
import type { ActivityReminderService } from "../domain/activity-reminder-service";
import { ScheduledTickJobs } from "./scheduled-tick-jobs";

export const ACTIVITY_REMINDER_QUEUE = "activity-reminders";

/**
 * A tick every few minutes; the domain decides whether it is time (the business day's reminder hour) and
 * whom to mail, and records each mail so a tick is safe to repeat or to retry.
 */
export class ActivityReminderJobs extends ScheduledTickJobs {
  constructor(connection: ConnectionOptions, prefix: string, private readonly log: Logger) {
    super(
      { queue: ACTIVITY_REMINDER_QUEUE, schedulerId: "CRM: Activity reminder e-mails", tickName: "tick", retry: { attempts: 3, backoffMs: 10_000 }, label: "activity reminder" },
      connection,
      prefix,
      log,
    );
  }

  async startReminders(reminders: ActivityReminderService, everyMinutes: number): Promise<void> {
    await this.start({ every: everyMinutes * 60_000 }, () => reminders.queueDue());
    this.log.info("activity reminders scheduled", { everyMinutes });
  }
}
