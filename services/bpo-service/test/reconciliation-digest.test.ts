import { type BpoOutbox, startBpoOutbox } from "../src/jobs/outbox-jobs";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { type SmtpReceiver, startSmtpReceiver } from "./helpers/smtp-receiver";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { waitFor } from "@crm/test-kit";

/** The nightly reconciliation digest (issue 16): Managers are mailed through the outbox, once a day, only when something is stuck. */
let t: BpoTestApp;
let smtp: SmtpReceiver;
let outbox: BpoOutbox;
let mails: SmtpReceiver["mails"];
let agent: TestUser;

async function manager(name: string, email: string | null, active = true): Promise<TestUser> {
  const u = await t.user("manager", name);
  await t.c.store.repos.users.update(u.id, { email, active });
  return u;
}

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  mails = smtp.mails;
  // One attempt: an endorsement to a dealer that refuses connections dies at once.
  t = await startBpoTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: "100", OUTBOX_BACKOFF_MS: "100", OUTBOX_ATTEMPTS: "1", PUBLIC_URL: "https://bpo.example.test" });
  outbox = startBpoOutbox(t.c);
  agent = await t.user("agent");
});
afterAll(async () => {
  await t.c.reconciliationDigestJobs.stop();
  await outbox.close();
  await t.close();
  await smtp.close();
});

describe("reconciliation digest", () => {
  it("mails each active Manager once a day through the outbox, only when something is stuck", async () => {
    const mia = await manager("Mia Manager", "mia@bpo.example");
    await manager("Max NoMail", null);
    await manager("Old Manager", "old@bpo.example", false);
    const at = new Date("2026-11-25T22:30:00Z"); // 06:30 on 26 Nov in Manila

    expect(await t.c.reconciliation.queueDigest(at)).toEqual({ day: "2026-11-26", stuck: 0, queued: 0 });

    const brand = await makeBrand(t, "DIG");
    const dealershipId = (await makeDealership(t, brand.id, "DOWN")).id;
    await t.as(mia).put(`/api/dealerships/${dealershipId}/connection`, { url: "http://127.0.0.1:9", key: "dead-dealer-key-0123456789" });
    const lead = await makeLead(t, brand.id, { userId: agent.id, stage: "Qualified" });
    expect((await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: false })).status).toBe(200);
    await waitFor(async () => ((await t.c.store.repos.leads.findById(lead.id))!.endorsementStatus === "failed" ? true : undefined));

    // The earlier tick found nothing, so the day is still free.
    const tick = await t.c.reconciliation.queueDigest(at);
    expect(tick).toMatchObject({ day: "2026-11-26", queued: 1 });
    expect(tick.stuck).toBeGreaterThanOrEqual(1);
    const mail = await waitFor(() => mails.find((m) => m.to === "mia@bpo.example"));
    expect(mail.data).toContain("Subject: Reconciliation 2026-11-26:");
    expect(mail.data).toContain(`Endorsement dead: ${lead.reference}`);
    expect(mail.data).toContain("https://bpo.example.test/reconciliation");
    expect(mails.some((m) => m.to === "old@bpo.example")).toBe(false);

    // A second tick the same day (a retry, another worker) mails nobody; the next day mails again.
    expect((await t.c.reconciliation.queueDigest(new Date(at.getTime() + 3_600_000))).queued).toBe(0);
    expect((await t.c.reconciliation.queueDigest(new Date(at.getTime() + 86_400_000))).queued).toBe(1);
    await waitFor(() => (mails.filter((m) => m.to === "mia@bpo.example").length === 2 ? true : undefined));
    const digestRows = (await t.c.store.repos.outbox.listByTopic("mail.send")).filter((r) => (r.payload as { subject: string }).subject.startsWith("Reconciliation"));
    expect(digestRows).toHaveLength(2);
  });

  it("schedules one nightly job under a fixed id at the configured local hour, however often workers start", async () => {
    await t.c.reconciliationDigestJobs.startDigest(t.c.reconciliation, 6, "Asia/Manila");
    await t.c.reconciliationDigestJobs.startDigest(t.c.reconciliation, 6, "Asia/Manila");
    const s = await t.c.reconciliationDigestJobs.scheduler();
    expect(s).toMatchObject({ key: "CRM: Reconciliation digest", pattern: "0 6 * * *", tz: "Asia/Manila" });
  });
});
