import { until } from "@crm/test-kit";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";
import { QUOTATION, TEST_DRIVE, distributorTestFile, leadsOfBrand, messagesOf } from "./distributor-fixtures";

let t: BpoTestApp;
let manager: TestUser;
const { sims, setup } = distributorTestFile([], (app, users) => ([t, manager] = [app, users.manager]));
const runNow = async (brandId: number) => {
  const res = await t.as(manager).post(`/api/brands/${brandId}/distributor/sync-now`);
  expect(res.status).toBe(200);
  return res.body;
};

describe("distributor intake mapping (bpo-1)", () => {
  it("maps quotations and test drives with every fallback, auto-creates dealers and models, and marks them synced", async () => {
    const { brand, sim } = await setup();
    const dealer = sim.state.addDealer("Chery Makati");
    const model = sim.state.addVehicleModel("Tiggo 7 Pro");
    const full = sim.state.addQuotation({ first_name: " Ana ", last_name: "Cruz", email: "ana@example.ph", mobile: "+639171111111", dealer_id: dealer, model_id: model });
    const bare = sim.state.addQuotation({ first_name: false, last_name: false, email: false, mobile: false, status: "sent" });
    const lastOnly = sim.state.addQuotation({ last_name: "Reyes", mobile: "+639172222222" });
    const drive = sim.state.addTestDrive({ first_name: "Ben", last_name: "Santos", email: "ben@example.ph", mobile: false, model_id: model, preferred_date: "2026-12-05" });
    const synced = sim.state.addQuotation({ first_name: "Old", status: "synced" });

    const run = await runNow(brand.id);
    expect(run).toMatchObject({ status: "succeeded", trigger: "manual", fetched: 4, created: 4, deduplicated: 0, skipped: 0 });

    const leads = await leadsOfBrand(t, brand.id);
    expect(leads).toHaveLength(4);
    const byRemote = (m: string, id: number) => leads.find((l) => l.remoteModel === m && l.remoteId === id)!;
    const a = byRemote(QUOTATION, full);
    expect(a).toMatchObject({ contactName: "Ana Cruz", email: "ana@example.ph", mobile: "+639171111111", userId: null, remoteBrandId: brand.id, preferredDate: null });
    expect(a.source.code).toBe("source_web_quotation");
    expect(a.stage.name).toBe("New");
    expect(a.dealership).toMatchObject({ name: "Chery Makati", remoteId: dealer, brandId: brand.id });
    expect(a.vehicleModel).toMatchObject({ name: "Tiggo 7 Pro", remoteId: model, brandId: brand.id });
    expect(byRemote(QUOTATION, bare)).toMatchObject({ contactName: "Unknown", mobile: "N/A", email: null, dealershipId: null, vehicleModelId: null });
    expect(byRemote(QUOTATION, lastOnly)).toMatchObject({ contactName: "Reyes", email: null });
    const d = byRemote(TEST_DRIVE, drive);
    expect(d.source.code).toBe("source_web_test_drive");
    expect(d.preferredDate?.toISOString().slice(0, 10)).toBe("2026-12-05");
    expect(d.mobile).toBe("N/A");
    expect(d.vehicleModelId).toBe(a.vehicleModelId);

    for (const id of [full, bare, lastOnly]) expect(sim.state.status(QUOTATION, id)).toBe("synced");
    expect(sim.state.status(TEST_DRIVE, drive)).toBe("synced");
    expect(leads.some((l) => l.remoteId === synced && l.remoteModel === QUOTATION)).toBe(false);
    expect(sim.state.callCount(QUOTATION, "write")).toBe(1);
  });

  it("drains a backlog in batches of 100 within one run, oldest first, one write per batch", async () => {
    const { brand, sim } = await setup();
    for (let i = 0; i < 250; i++) sim.state.addQuotation({ first_name: `P${i}`, mobile: `+63918${String(i).padStart(7, "0")}` });
    const run = await runNow(brand.id);
    expect(run).toMatchObject({ status: "succeeded", created: 250, fetched: 250 });
    expect(sim.state.countByStatus(QUOTATION, "pending")).toBe(0);
    expect(sim.state.callCount(QUOTATION, "write")).toBe(3);
    const firstRead = sim.state.calls.find((c) => c.model === QUOTATION && c.method === "search_read")!;
    expect(firstRead.kwargs).toMatchObject({ limit: 100, order: "create_date asc, id asc" });
    expect(firstRead.args[0]).toEqual([["status", "in", ["pending", "sent"]]]);
  });

  it("skips a malformed record, counts and keeps it pending, and imports the rest", async () => {
    const { brand, sim } = await setup();
    const good = sim.state.addQuotation({ first_name: "Good", mobile: "+639170000009" });
    const bad = sim.state.addQuotation({ first_name: "Bad" });
    sim.state.record(QUOTATION, bad)!.mobile = 12345; // a number where Odoo sends a string or false
    const run = await runNow(brand.id);
    expect(run).toMatchObject({ created: 1, skipped: 1, status: "succeeded" });
    expect(sim.state.status(QUOTATION, good)).toBe("synced");
    expect(sim.state.status(QUOTATION, bad)).toBe("pending");
  });
});

describe("customer dedup (bpo-1)", () => {
  it("adds a note to the matching open lead, marks the remote synced and creates no lead", async () => {
    const { brand, sim } = await setup();
    const existing = await makeLead(t, brand.id, { contactName: "maria SANTOS", email: "maria@example.ph", mobile: "+639175550001" });
    const q = sim.state.addQuotation({ first_name: "Maria", last_name: "Santos", email: "maria@example.ph", mobile: "+639175550001" });
    const run = await runNow(brand.id);
    expect(run).toMatchObject({ created: 0, deduplicated: 1 });
    expect(sim.state.status(QUOTATION, q)).toBe("synced");
    expect((await leadsOfBrand(t, brand.id)).map((l) => l.id)).toEqual([existing.id]);
    const notes = (await messagesOf(t, existing.id)).filter((m) => m.body.startsWith("Duplicate inbound lead"));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain(`${QUOTATION} #${q}`);
    expect(notes[0]!.body).toContain(brand.name);
  });

  it("creates a new lead when the remote record lacks the email or the mobile", async () => {
    const { brand, sim } = await setup();
    await makeLead(t, brand.id, { contactName: "Jose Rizal", email: "jose@example.ph", mobile: "+639175550002" });
    sim.state.addQuotation({ first_name: "Jose", last_name: "Rizal", email: false, mobile: "+639175550002" });
    sim.state.addQuotation({ first_name: "Jose", last_name: "Rizal", email: "jose@example.ph", mobile: false });
    const run = await runNow(brand.id);
    expect(run).toMatchObject({ created: 2, deduplicated: 0 });
    expect(await leadsOfBrand(t, brand.id)).toHaveLength(3);
  });

  it("never absorbs into a closed lead: a returning customer gets a fresh lead", async () => {
    const { brand, sim } = await setup();
    await makeLead(t, brand.id, { contactName: "Liza Soberano", email: "liza@example.ph", mobile: "+639175550003", stage: "Won" });
    await makeLead(t, brand.id, { contactName: "Liza Soberano", email: "liza@example.ph", mobile: "+639175550003", stage: "Lost" });
    sim.state.addQuotation({ first_name: "Liza", last_name: "Soberano", email: "liza@example.ph", mobile: "+639175550003" });
    expect(await runNow(brand.id)).toMatchObject({ created: 1, deduplicated: 0 });
  });

  it("consolidates a customer across brands onto the open lead of another brand", async () => {
    const other = await makeBrand(t);
    const existing = await makeLead(t, other.id, { contactName: "Paolo Contis", email: "paolo@example.ph", mobile: "+639175550004" });
    const { brand, sim } = await setup();
    const td = sim.state.addTestDrive({ first_name: "Paolo", last_name: "Contis", email: "paolo@example.ph", mobile: "+639175550004", preferred_date: "2026-12-10" });
    expect(await runNow(brand.id)).toMatchObject({ created: 0, deduplicated: 1 });
    expect(await leadsOfBrand(t, brand.id)).toHaveLength(0);
    const notes = (await messagesOf(t, existing.id)).filter((m) => m.body.startsWith("Duplicate inbound lead"));
    expect(notes[0]!.body).toContain(`${TEST_DRIVE} #${td}`);
    expect(sim.state.status(TEST_DRIVE, td)).toBe("synced");
  });

  it("folds the same customer's quotation and test drive into one lead", async () => {
    const { brand, sim } = await setup();
    sim.state.addQuotation({ first_name: "Grace", last_name: "Poe", email: "grace@example.ph", mobile: "+639175550005" });
    sim.state.addTestDrive({ first_name: "Grace", last_name: "Poe", email: "grace@example.ph", mobile: "+639175550005" });
    const run = await runNow(brand.id);
    expect(run).toMatchObject({ created: 1, deduplicated: 1 });
    const [lead] = await leadsOfBrand(t, brand.id);
    expect((await messagesOf(t, lead!.id)).some((m) => m.body.startsWith("Duplicate inbound lead") && m.body.includes(TEST_DRIVE))).toBe(true);
  });
});

describe("faults", () => {
  it("skips a missing remote model, imports the other, and says which model in the run", async () => {
    const { brand, sim } = await setup({ missing: [TEST_DRIVE] });
    sim.state.addQuotation({ first_name: "Only", last_name: "Quote", mobile: "+639175550006" });
    const run = await runNow(brand.id);
    expect(run).toMatchObject({ status: "partial", created: 1 });
    expect(run.error).toContain(`Remote model ${TEST_DRIVE} not found or inaccessible`);
    expect(await leadsOfBrand(t, brand.id)).toHaveLength(1);
  });

  it("skips a model the service account cannot read", async () => {
    const { brand, sim } = await setup({ denied: [QUOTATION] });
    sim.state.addTestDrive({ first_name: "Td", mobile: "+639175550007" });
    const run = await runNow(brand.id);
    expect(run).toMatchObject({ status: "partial", created: 1 });
    expect(run.error).toContain(`Remote model ${QUOTATION} not found or inaccessible`);
  });

  it("re-runs after a crash between commit and write-back without a second lead or a second dedup note", async () => {
    const { brand, sim } = await setup();
    const existing = await makeLead(t, brand.id, { contactName: "Rosa Lim", email: "rosa@example.ph", mobile: "+639175550008" });
    const newOne = sim.state.addQuotation({ first_name: "Nora", last_name: "Aunor", email: "nora@example.ph", mobile: "+639175550009" });
    const dup = sim.state.addQuotation({ first_name: "Rosa", last_name: "Lim", email: "rosa@example.ph", mobile: "+639175550008" });
    sim.state.failNext("write");
    const first = await runNow(brand.id);
    expect(first).toMatchObject({ status: "partial", created: 1, deduplicated: 1 });
    expect(sim.state.status(QUOTATION, newOne)).toBe("pending");

    const second = await runNow(brand.id);
    expect(second).toMatchObject({ status: "succeeded", created: 0, deduplicated: 0, resumed: 2 });
    expect(sim.state.status(QUOTATION, newOne)).toBe("synced");
    expect(sim.state.status(QUOTATION, dup)).toBe("synced");
    const leads = await leadsOfBrand(t, brand.id);
    expect(leads.filter((l) => l.remoteId === newOne)).toHaveLength(1);
    expect(leads).toHaveLength(2);
    expect((await messagesOf(t, existing.id)).filter((m) => m.body.startsWith("Duplicate inbound lead"))).toHaveLength(1);
  });

  it("fails the brand's run when the distributor is unreachable and records why", async () => {
    const { brand, sim } = await setup();
    await sim.close();
    sims.splice(sims.indexOf(sim), 1);
    const run = await runNow(brand.id);
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/unreachable/);
    await expect(t.c.distributorSync.runBrand(brand.id, "schedule")).rejects.toMatchObject({ name: "BrandSyncFailed", retryable: true });
  });

  it("does not run two syncs of one brand at the same time", async () => {
    const { brand } = await setup();
    const release = await (t.c.distributorSync as unknown as { lock: { tryAcquire(id: number, ttl: number): Promise<() => Promise<void>> } }).lock.tryAcquire(brand.id, 10_000);
    try {
      const res = await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-now`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("distributor_sync_running");
    } finally {
      await release();
    }
  });

  it("keeps a brand's lease alive while its run lasts and frees it on release", async () => {
    const { brand } = await setup();
    const lock = (t.c.distributorSync as unknown as { lock: { tryAcquire(id: number, ttl: number): Promise<() => Promise<void>> } }).lock;
    // Waits for renewals seen in Redis, not for a time: the lease's remaining life goes back up three times
    // (renewals every TTL/3, so more than one whole TTL has passed). 3 s leaves 2 s of event-loop lag between
    // two renewals before it could lapse (600 ms did not on a loaded machine).
    const key = `${t.c.config.REDIS_PREFIX}:distributor-sync-lock:${brand.id}`;
    const release = await lock.tryAcquire(brand.id, 3_000);
    let last = await t.c.redis.pttl(key);
    let renewals = 0;
    await until(
      async () => {
        const left = await t.c.redis.pttl(key);
        if (left > last) renewals++;
        last = left;
        return left;
      },
      (left) => left < 0 || renewals >= 3,
      { everyMs: 20 },
    );
    // The holder still has it; nobody else can take it.
    expect(renewals).toBe(3);
    expect(await lock.tryAcquire(brand.id, 3_000)).toBeNull();
    await release();
    const again = await lock.tryAcquire(brand.id, 3_000);
    expect(again).not.toBeNull();
    await again!();
  });

  it("closes a run left running by a crashed process as failed when the brand syncs next", async () => {
    const { brand } = await setup();
    const orphan = await t.c.store.repos.syncRuns.start(brand.id, "schedule");
    const run = await runNow(brand.id);
    expect(run.status).toBe("succeeded");
    const runs = await t.c.store.repos.syncRuns.list({ brandId: brand.id, limit: 10 });
    const closed = runs.find((r) => r.id === orphan.id)!;
    expect(closed).toMatchObject({ status: "failed", error: expect.stringMatching(/^Interrupted: the process running this sync stopped/) });
    expect(closed.finishedAt).not.toBeNull();
  });
});
