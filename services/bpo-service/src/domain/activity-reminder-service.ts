import { type Logger, currentLogContext, dayIn } from "@crm/platform/core";
import type { ReminderRow } from "../data-access/activity-repository";
import type { BpoStore } from "../data-access/bpo-store";
import { type MailMessage, queueMail } from "./outbound-mail";

/** Activities listed in one e-mail; the rest are counted and linked to My Activities. */
const PER_MAIL = 25;
const TYPE_LABEL: Record<ReminderRow["type"], string> = { call: "Call", visit: "Visit", task: "Task" };

export interface ReminderOptions {
  timeZone: string;
  /** Local hour (0–23, in timeZone) from which the day's reminders go out. */
  fromHour: number;
  publicUrl: string;
  /** Wakes the outbox relay once mails are queued. */
  kick(): void;
  logger?: Logger;
}

export interface ReminderTick {
  day: string;
  /** Users whose digest was queued by this tick. */
  queued: number;
  skipped?: "before_hour";
}

/**
 * bpo-2 "Odoo's reminder emails": once a business day, each user with open activities due today or overdue
 * gets one digest. The per-user-and-day row and the outbox mail commit together, so ticks can run as often
 * as wanted (and on several workers): a user is mailed once a day, and a queued mail is delivered with
 * retries like any other outbox message.
 */
export class ActivityReminderService {
  constructor(
    private readonly store: BpoStore,
    private readonly opts: ReminderOptions,
  ) {}

  async queueDue(now: Date = new Date()): Promise<ReminderTick> {
    const day = dayIn(this.opts.timeZone, now);
    if (localHour(this.opts.timeZone, now) < this.opts.fromHour) return { day, queued: 0, skipped: "before_hour" };

    const rows = await this.store.repos.activities.dueForReminders(day, PER_MAIL);
    const byUser = new Map<number, ReminderRow[]>();
    for (const r of rows) {
      const digest = byUser.get(r.userId);
      if (digest) digest.push(r);
      else byUser.set(r.userId, [r]);
    }

    let queued = 0;
    const correlationId = currentLogContext().correlationId ?? null;
    for (const digest of byUser.values()) {
      const first = digest[0]!;
      // One short transaction per user: a failure for one user does not hold back the others' mails.
      const sent = await this.store.transaction(async (r) => {
        if (!(await r.activities.claimReminder(first.userId, day, first.userTotal))) return false;
        await queueMail(r, this.mail(day, digest), correlationId);
        return true;
      });
      if (sent) queued++;
    }
    if (queued > 0) this.opts.kick();
    this.opts.logger?.info("activity reminders queued", { day, queued });
    return { day, queued };
  }

  private mail(day: string, digest: ReminderRow[]): MailMessage {
    const { userName, email, userTotal, userOverdue } = digest[0]!;
    const dueToday = userTotal - userOverdue;
    const base = this.opts.publicUrl.replace(/\/$/, "");
    const lines = digest.map((a) => {
      const when = a.dueDate < day ? `OVERDUE (due ${a.dueDate})` : "today";
      return `- ${when}: ${TYPE_LABEL[a.type]} · ${a.leadReference} ${a.contactName}: ${a.summary}\n  ${base}/leads/${a.leadId}`;
    });
    const more = userTotal > digest.length ? `\n…and ${userTotal - digest.length} more.` : "";
    return {
      to: email,
      subject: `Your activities for ${day}: ${userOverdue} overdue, ${dueToday} due today`,
      text: `Hello ${userName},\n\nYou have ${userTotal} open ${userTotal === 1 ? "activity" : "activities"} due by ${day}:\n\n${lines.join("\n")}${more}\n\nAll of them: ${base}/activities\n`,
    };
  }
}

function localHour(timeZone: string, at: Date): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(at));
}
