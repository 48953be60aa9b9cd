import { type Queue, Worker } from "bullmq";
import request from "supertest";
import { DISTRIBUTOR_SYNC_QUEUE } from "../src/jobs/distributor-sync-jobs";
import { type BpoTestApp, TEST_PASSWORD, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";

let t: BpoTestApp;
let manager: TestUser;
const queue = () => t.c.jobQueues.all().find((q) => q.name === DISTRIBUTOR_SYNC_QUEUE)!;

beforeAll(async () => {
  t = await startBpoTestApp();
  manager = await t.user("manager");
});
afterAll(() => t.close());

/** Takes the next waiting job and fails it, as a worker whose handler threw would (no real worker runs here). */
async function failNextJob(q: Queue): Promise<string | undefined> {
  const worker = new Worker(q.name, null, { connection: q.opts.connection, prefix: q.opts.prefix, autorun: false });
  try {
    const job = await worker.getNextJob("test-lock");
    await job!.moveToFailed(new Error("boom"), "test-lock");
    return job!.id;
  } finally {
    await worker.close();
  }
}

describe("queue dashboard (/admin/queues)", () => {
  it("refuses anyone not logged in, Agents and Supervisors", async () => {
    expect((await request(t.app).get("/admin/queues")).status).toBe(401);
    expect((await request(t.app).get("/admin/queues/api/queues")).status).toBe(401);
    for (const role of ["agent", "supervisor"] as const) {
      const u = await t.user(role);
      const res = await t.as(u).get("/admin/queues/api/queues");
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe("Only a BPO Manager or above can open the queue dashboard.");
    }
  });

  it("opens for a Manager with the web UI's session cookie and lists every queue", async () => {
    const u = await t.user("manager");
    const login = await t.c.store.repos.users.findById(u.id);
    const agent = request.agent(t.app);
    expect((await agent.post("/api/auth/login").send({ login: login!.login, password: TEST_PASSWORD })).status).toBe(200);
    const page = await agent.get("/admin/queues");
    expect(page.status).toBe(200);
    expect(page.text).toContain("BPO CRM queues");
    const res = await agent.get("/admin/queues/api/queues");
    expect(res.status).toBe(200);
    expect(res.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(["activity-reminders", "distributor-sync", "outbox", "reconciliation-digest"]);
  });

  it("shows job payloads with secrets redacted", async () => {
    await queue().add("probe", { brandId: 7, password: "hunter2", nested: { apiKey: "k-123", note: "kept" } }, { jobId: "redaction-probe" });
    const res = await t.as(manager).get(`/admin/queues/api/queues?activeQueue=${DISTRIBUTOR_SYNC_QUEUE}&status=waiting`);
    expect(res.status).toBe(200);
    const q = res.body.queues.find((x: { name: string }) => x.name === DISTRIBUTOR_SYNC_QUEUE);
    const job = q.jobs.find((j: { id: string }) => j.id === "redaction-probe");
    expect(job.data).toEqual({ brandId: 7, password: "[redacted]", nested: { apiKey: "[redacted]", note: "kept" } });
    const one = await t.as(manager).get(`/admin/queues/api/queues/${DISTRIBUTOR_SYNC_QUEUE}/redaction-probe`);
    expect(JSON.stringify(one.body)).not.toContain("hunter2");
    expect(JSON.stringify(one.body)).not.toContain("k-123");
  });

  it("retries a failed job and cleans failed jobs; refuses adding or emptying", async () => {
    const q = queue();
    await q.remove("redaction-probe");
    await q.add("will-fail", { brandId: 1 }, { jobId: "failed-probe" });
    expect(await failNextJob(q)).toBe("failed-probe");
    expect(await q.getJobState("failed-probe")).toBe("failed");

    const retried = await t.as(manager).put(`/admin/queues/api/queues/${q.name}/failed-probe/retry`);
    expect(retried.status).toBe(204);
    expect(await q.getJobState("failed-probe")).toBe("waiting");

    expect((await t.as(manager).post(`/admin/queues/api/queues/${q.name}/add`, { name: "x", data: {} })).status).toBe(403);
    expect((await t.as(manager).put(`/admin/queues/api/queues/${q.name}/empty`)).status).toBe(403);
    expect(await q.getJobState("failed-probe")).toBe("waiting");

    const waitingJob = await q.getJob("failed-probe");
    await waitingJob!.remove();
    await q.add("again", {}, { jobId: "clean-probe" });
    expect(await failNextJob(q)).toBe("clean-probe");
    // (Clean all of a state keeps jobs younger than bull-board's 5 s grace, so the test cleans the one job.)
    const cleaned = await t.as(manager).put(`/admin/queues/api/queues/${q.name}/clean-probe/clean`);
    expect(cleaned.status).toBe(204);
    expect(await q.getJobCounts("failed")).toEqual({ failed: 0 });
  });
});
