import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand } from "./helpers/factories";
import { startBpoWorkers } from "../src/jobs/start-workers";
import { QUOTATION, type RunningSimulator, brandWithDistributor, leadsOfBrand, put } from "./distributor-fixtures";
import { until as eventually } from "@crm/test-kit";

let t: BpoTestApp;
let manager: TestUser;
let outbox: { close(): Promise<void> } | undefined;
const sims: RunningSimulator[] = [];

beforeAll(async () => {
  t = await startBpoTestApp();
  manager = await t.user("manager");
});
afterAll(async () => {
  await outbox?.close();
  await Promise.all(sims.map((s) => s.close()));
  await t.close();
});

describe("scheduled distributor sync", () => {
  it('creates the "CRM: Sync Distributor Campaign Leads" schedule every 5 minutes, from the stored interval', async () => {
    const workers = startBpoWorkers(t.c);
    outbox = workers.outbox;
    await workers.started;
    const s = await t.c.syncJobs.scheduler();
    expect(s).toMatchObject({ key: "CRM: Sync Distributor Campaign Leads", name: "fan-out", every: 5 * 60_000 });
    const res = await t.as(manager).get("/api/distributor-sync/settings");
    expect(res.body).toEqual({ jobName: "CRM: Sync Distributor Campaign Leads", intervalMinutes: 5 });
  });

  it("moves the schedule when a Manager changes the interval, and keeps it in the database", async () => {
    const res = await put(t, manager, "/api/distributor-sync/settings", { intervalMinutes: 2 });
    expect(res.status).toBe(200);
    expect((await t.c.syncJobs.scheduler())?.every).toBe(2 * 60_000);
    expect(await t.c.store.repos.syncRuns.syncIntervalMinutes()).toBe(2);
    expect((await put(t, manager, "/api/distributor-sync/settings", { intervalMinutes: 0 })).status).toBe(400);
  });

  it("fans out one job per active brand with a connection and imports each brand's leads", async () => {
    const a = await brandWithDistributor(t, manager);
    const b = await brandWithDistributor(t, manager);
    sims.push(a.sim, b.sim);
    await makeBrand(t); // no connection: not synced
    a.sim.state.addQuotation({ first_name: "Fan", last_name: "One", mobile: "+639170001001" });
    b.sim.state.addTestDrive({ first_name: "Fan", last_name: "Two", mobile: "+639170001002" });
    await t.c.syncJobs.fanOutNow();
    const leadsA = await eventually(() => leadsOfBrand(t, a.brand.id), (l) => l.length === 1);
    const leadsB = await eventually(() => leadsOfBrand(t, b.brand.id), (l) => l.length === 1);
    expect(leadsA[0]!.contactName).toBe("Fan One");
    expect(leadsB[0]!.contactName).toBe("Fan Two");
    // Leads commit before the write-back and the run's close: wait for the run to finish.
    const runs = await eventually(() => t.c.store.repos.syncRuns.list({ brandId: a.brand.id, limit: 5 }), (r) => r[0]?.status !== "running");
    expect(runs[0]).toMatchObject({ trigger: "schedule", status: "succeeded", created: 1 });
    expect(a.sim.state.callCount(QUOTATION, "write")).toBe(1);
  });

  it("leaves the job of an unreachable distributor waiting for a retry with backoff", async () => {
    const c = await brandWithDistributor(t, manager);
    await c.sim.close();
    await t.c.syncJobs.enqueueBrands([c.brand.id]);
    const runs = await eventually(() => t.c.store.repos.syncRuns.list({ brandId: c.brand.id, limit: 5 }), (r) => r.some((x) => x.status === "failed"));
    expect(runs[0]).toMatchObject({ trigger: "schedule", status: "failed", error: expect.stringMatching(/unreachable/) });
    const delayed = await eventually(() => t.c.syncJobs.queue().getJobs(["delayed"]), (j) => j.some((x) => x.data.brandId === c.brand.id));
    const job = delayed.find((x) => x.data.brandId === c.brand.id)!;
    expect(job.attemptsMade).toBe(1);
    // A second enqueue for the same brand while its job waits is deduplicated.
    await t.c.syncJobs.enqueueBrands([c.brand.id]);
    const all = await t.c.syncJobs.queue().getJobs(["waiting", "delayed", "active"]);
    expect(all.filter((x) => x.data.brandId === c.brand.id)).toHaveLength(1);
  });
});
