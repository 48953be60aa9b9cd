import { ActivityReminderService } from "../src/domain/activity-reminder-service";
import { dayIn } from "@crm/platform/core";
import { type BpoOutbox, startBpoOutbox } from "../src/jobs/outbox-jobs";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { type SmtpReceiver, startSmtpReceiver } from "./helpers/smtp-receiver";
import { makeBrand, makeLead } from "./helpers/factories";
import { waitFor } from "@crm/test-kit";

/** Activity reminder e-mails (bpo-2) through the outbox to a real SMTP receiver. */
let t: BpoTestApp;
let smtp: SmtpReceiver;
let outbox: BpoOutbox;
let mails: SmtpReceiver["mails"];
let brandId: number;

async function userWithEmail(name: string, email: string | null): Promise<TestUser> {
  const u = await t.user("agent", name);
  await t.c.store.repos.users.update(u.id, { email });
  return u;
}

const activity = (leadId: number, assigneeId: number, dueDate: string, summary: string) =>
  t.c.store.repos.activities.create({ leadId, type: "call", summary, note: null, dueDate, assigneeId, createdById: assigneeId });

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  mails = smtp.mails;
  t = await startBpoTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: "100", OUTBOX_BACKOFF_MS: "200", PUBLIC_URL: "https://bpo.example.test", ACTIVITY_REMINDER_HOUR: "0" });
  outbox = startBpoOutbox(t.c);
  brandId = (await makeBrand(t, "REM")).id;
});
afterAll(async () => {
  await outbox.close();
  await t.close();
  await smtp.close();
});

describe("activity reminder e-mails", () => {
  // 07:05 on 25 Nov 2026 in Manila (UTC+8), and 06:30 the same morning.
  const at0705 = new Date("2026-11-24T23:05:00Z");
  const at0630 = new Date("2026-11-24T22:30:00Z");

  it("mails each user once a day from the reminder hour, listing overdue and due-today activities but not future, done or archived ones", async () => {
    const ana = await userWithEmail("Ana Reminded", "ana@bpo.example");
    const noMail = await userWithEmail("Nico Nomail", null);
    const lead = await makeLead(t, brandId, { userId: ana.id, contactName: "Maria Santos" });
    const archived = await makeLead(t, brandId, { userId: ana.id, contactName: "Archie Archived" });
    await t.c.store.repos.leads.update(archived.id, { active: false });
    await activity(lead.id, ana.id, "2026-11-23", "Follow up on the quotation");
    await activity(lead.id, ana.id, "2026-11-25", "Confirm the test drive");
    await activity(lead.id, ana.id, "2026-11-26", "Future call");
    const done = await activity(lead.id, ana.id, "2026-11-24", "Already done");
    await t.c.store.repos.activities.markDone(done.id);
    await activity(archived.id, ana.id, "2026-11-24", "On an archived lead");
    await activity(lead.id, noMail.id, "2026-11-24", "Nobody to mail");

    const reminders = new ActivityReminderService(t.c.store, { timeZone: "Asia/Manila", fromHour: 7, publicUrl: "https://bpo.example.test", kick: () => undefined });
    expect(await reminders.queueDue(at0630)).toEqual({ day: "2026-11-25", queued: 0, skipped: "before_hour" });

    expect(await reminders.queueDue(at0705)).toEqual({ day: "2026-11-25", queued: 1 });
    const mail = await waitFor(() => mails.find((m) => m.to === "ana@bpo.example"));
    const text = mail.data.replace(/=\r?\n/g, "");
    expect(text).toContain("Subject: Your activities for 2026-11-25: 1 overdue, 1 due today");
    expect(text).toContain(`OVERDUE (due 2026-11-23): Call =C2=B7 ${lead.reference} Maria Santos: Follow up on the quotation`);
    expect(text).toContain(`today: Call =C2=B7 ${lead.reference} Maria Santos: Confirm the test drive`);
    expect(text).toContain(`https://bpo.example.test/leads/${lead.id}`);
    for (const absent of ["Future call", "Already done", "On an archived lead"]) expect(text).not.toContain(absent);

    // A later tick the same day (or on a second worker) mails nobody again.
    expect(await reminders.queueDue(new Date(at0705.getTime() + 3_600_000))).toEqual({ day: "2026-11-25", queued: 0 });
    await new Promise((r) => setTimeout(r, 500));
    expect(mails.filter((m) => m.to === "ana@bpo.example")).toHaveLength(1);
    expect(mails.some((m) => m.data.includes("Nobody to mail"))).toBe(false);
  });

  it("when two ticks race on the same day, the user still gets exactly one digest", async () => {
    const bo = await userWithEmail("Bo Raced", "bo@bpo.example");
    const lead = await makeLead(t, brandId, { userId: bo.id, contactName: "Race Reyes" });
    await activity(lead.id, bo.id, "2026-11-27", "Call back");
    const reminders = new ActivityReminderService(t.c.store, { timeZone: "Asia/Manila", fromHour: 7, publicUrl: "https://bpo.example.test", kick: () => undefined });
    const day27 = new Date("2026-11-27T01:00:00Z");
    const ticks = await Promise.all([reminders.queueDue(day27), reminders.queueDue(day27), reminders.queueDue(day27)]);
    // Ana (previous test) is due again on the 27th: two users, each queued by exactly one of the ticks.
    expect(ticks.reduce((n, tick) => n + tick.queued, 0)).toBe(2);
    await waitFor(() => mails.find((m) => m.to === "bo@bpo.example"));
    await new Promise((r) => setTimeout(r, 500));
    expect(mails.filter((m) => m.to === "bo@bpo.example")).toHaveLength(1);
  });

  it("the worker's schedule runs the tick: an activity due today reaches its owner's inbox with no call from the test", async () => {
    const cy = await userWithEmail("Cy Scheduled", "cy@bpo.example");
    const lead = await makeLead(t, brandId, { userId: cy.id, contactName: "Sched Santos" });
    await activity(lead.id, cy.id, dayIn("Asia/Manila", new Date()), "Scheduled reminder");
    await t.c.reminderJobs.startReminders(t.c.activityReminders, 1);
    const mail = await waitFor(() => mails.find((m) => m.to === "cy@bpo.example"), 15_000);
    expect(mail.data).toContain("Scheduled reminder");
  });
});
