import { SecretBox } from "@crm/platform";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { makeBrand } from "./helpers/factories";
import { QUOTATION, TEST_DRIVE, distributorTestFile, put } from "./distributor-fixtures";

let t: BpoTestApp;
let manager: TestUser;
let agent: TestUser;
let supervisor: TestUser;
const { sims, setup } = distributorTestFile(["agent", "supervisor"], (app, users) => ([t, manager, agent, supervisor] = [app, users.manager, users.agent, users.supervisor]));

describe("distributor connection on a brand", () => {
  it("stores the password encrypted and never returns it", async () => {
    const { brand, sim } = await setup();
    const res = await t.as(manager).get(`/api/brands/${brand.id}/distributor`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      brandId: brand.id,
      brandName: brand.name,
      configured: true,
      url: sim.url,
      db: sim.state.db,
      login: "sync",
      hasPassword: true,
      dealerModelName: "cheryweb.dealer",
      vehicleModelModelName: "cheryweb.vehicle.model",
    });
    expect(JSON.stringify(res.body)).not.toContain("s3cret-pw");
    const row = await t.c.store.db.brand.findUniqueOrThrow({ where: { id: brand.id } });
    expect(row.distributorPasswordEnc).not.toContain("s3cret-pw");
    expect(new SecretBox("test-secret-test-secret-test-secret-0000").open(row.distributorPasswordEnc!)).toBe("s3cret-pw");
  });

  it("keeps the stored password when an edit omits it, and requires one the first time", async () => {
    const { brand, sim } = await setup();
    const edit = await put(t, manager, `/api/brands/${brand.id}/distributor`, { url: sim.url, db: sim.state.db, login: "sync" });
    expect(edit.status).toBe(200);
    expect((await t.as(manager).post(`/api/brands/${brand.id}/distributor/test`)).body.ok).toBe(true);
    const fresh = await makeBrand(t);
    const res = await put(t, manager, `/api/brands/${fresh.id}/distributor`, { url: sim.url, db: "x", login: "y" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Password is required");
  });

  it("clears the connection", async () => {
    const { brand } = await setup();
    const res = await t.as(manager).delete(`/api/brands/${brand.id}/distributor`);
    expect(res.body).toMatchObject({ configured: false, url: null, hasPassword: false });
    const run = await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-now`);
    expect(run.status).toBe(422);
    expect(run.body.error.code).toBe("distributor_not_configured");
  });
});

describe("Test Connection", () => {
  it("reports login, server version, read access to both lead models and which distributor answered", async () => {
    const { brand, sim } = await setup();
    const res = await t.as(manager).post(`/api/brands/${brand.id}/distributor/test`);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok])).toEqual([
      ["Login", true],
      ["Server version", true],
      [`Read ${QUOTATION}`, true],
      [`Read ${TEST_DRIVE}`, true],
      ["Distributor", true],
    ]);
    expect(res.body.checks[1].message).toBe("Odoo 12.0");
    expect(res.body.checks[4].message).toBe(`${sim.url}, database "${sim.state.db}", Odoo 12.0, user "sync" (uid 2)`);
  });

  it("reports a wrong password in words and checks nothing else", async () => {
    const { brand, sim } = await setup();
    sim.state.password = "rotated";
    const res = await t.as(manager).post(`/api/brands/${brand.id}/distributor/test`);
    expect(res.body.ok).toBe(false);
    expect(res.body.checks[0]).toEqual({ check: "Login", ok: false, message: `Wrong login or password: the distributor refused "sync" on database "${sim.state.db}"` });
    expect(res.body.checks.slice(1).every((c: { message: string }) => c.message === "Not checked: login failed")).toBe(true);
  });

  it("names a missing or unreadable lead model", async () => {
    const { brand } = await setup({ missing: [TEST_DRIVE], denied: [QUOTATION] });
    const res = await t.as(manager).post(`/api/brands/${brand.id}/distributor/test`);
    expect(res.body.ok).toBe(false);
    expect(res.body.checks[2]).toMatchObject({ ok: false, message: expect.stringContaining(`Remote model ${QUOTATION} not found or inaccessible`) });
    expect(res.body.checks[3]).toMatchObject({ ok: false, message: expect.stringContaining(`Remote model ${TEST_DRIVE} not found or inaccessible`) });
  });

  it("reports an unreachable distributor", async () => {
    const { brand, sim } = await setup();
    await sim.close();
    sims.splice(sims.indexOf(sim), 1);
    const res = await t.as(manager).post(`/api/brands/${brand.id}/distributor/test`);
    expect(res.body.ok).toBe(false);
    expect(res.body.checks[0].message).toMatch(/unreachable/);
  });
});

describe("Sync Dealers and Sync Vehicle Models", () => {
  it("upserts by remote id: a second sync renames instead of duplicating, a same-named local row is linked", async () => {
    const { brand, sim } = await setup();
    const local = await t.c.store.repos.catalog.createVehicleModel({ brandId: brand.id, name: "Tiggo 2 Pro", code: null });
    const d1 = sim.state.addDealer("Chery Pasig");
    sim.state.addDealer("Chery Cebu");
    const m1 = sim.state.addVehicleModel("Tiggo 2 Pro");
    sim.state.addVehicleModel("Arrizo 5");
    expect((await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-dealers`)).body).toEqual({ model: "cheryweb.dealer", fetched: 2, linked: 2 });
    expect((await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-vehicle-models`)).body).toMatchObject({ fetched: 2, linked: 2 });
    expect((await t.c.store.repos.catalog.listVehicleModels({ brandId: brand.id })).find((m) => m.name === "Tiggo 2 Pro")!.id).toBe(local.id);

    sim.state.record("cheryweb.dealer", d1)!.name = "Chery Pasig Ortigas";
    await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-dealers`);
    const dealers = await t.c.store.repos.catalog.listDealerships({ brandId: brand.id });
    expect(dealers.map((d) => d.name).sort()).toEqual(["Chery Cebu", "Chery Pasig Ortigas"]);
    const linked = await t.c.store.db.vehicleModel.findFirstOrThrow({ where: { brandId: brand.id, remoteId: m1 } });
    expect(linked.id).toBe(local.id);
  });
});

describe("sync history and settings", () => {
  it("lists runs per brand, newest first", async () => {
    const { brand, sim } = await setup();
    sim.state.addQuotation({ first_name: "H", mobile: "+639170000123" });
    await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-now`);
    await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-now`);
    const res = await t.as(manager).get(`/api/distributor-sync/runs?brandId=${brand.id}`);
    expect(res.status).toBe(200);
    expect(res.body.runs.map((r: { created: number; trigger: string }) => [r.created, r.trigger])).toEqual([
      [0, "manual"],
      [1, "manual"],
    ]);
    expect(res.body.runs[0]).toMatchObject({ brandId: brand.id, brandName: brand.name, status: "succeeded", finishedAt: expect.any(String) });
    expect(res.body.runs[1].details).toEqual(expect.arrayContaining([expect.objectContaining({ model: QUOTATION, created: 1 })]));
  });

  it("pages the history with a cursor: each run once, newest first, until nextCursor is null", async () => {
    const { brand } = await setup();
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-now`).expect(200)).body.id as number);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { runs: { id: number }[]; nextCursor: string | null } } = await t
        .as(manager)
        .get(`/api/distributor-sync/runs?brandId=${brand.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`)
        .expect(200);
      seen.push(...res.body.runs.map((r) => r.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...made].reverse());
    expect(pages).toBe(3);
  });

  it("refuses a cursor it did not hand out with a readable 400", async () => {
    const res = await t.as(manager).get("/api/distributor-sync/runs?cursor=not-a-cursor").expect(400);
    expect(res.body.error).toMatchObject({ code: "bad_cursor", message: "cursor is not one this server handed out" });
  });

  it("refuses every manager action to Agents and Supervisors", async () => {
    const { brand, sim } = await setup();
    for (const user of [agent, supervisor]) {
      const calls = [
        t.as(user).get(`/api/brands/${brand.id}/distributor`),
        put(t, user, `/api/brands/${brand.id}/distributor`, { url: sim.url, db: "d", login: "l", password: "p" }),
        t.as(user).delete(`/api/brands/${brand.id}/distributor`),
        t.as(user).post(`/api/brands/${brand.id}/distributor/test`),
        t.as(user).post(`/api/brands/${brand.id}/distributor/sync-dealers`),
        t.as(user).post(`/api/brands/${brand.id}/distributor/sync-vehicle-models`),
        t.as(user).post(`/api/brands/${brand.id}/distributor/sync-now`),
        t.as(user).get(`/api/distributor-sync/runs`),
        t.as(user).get(`/api/distributor-sync/settings`),
        put(t, user, `/api/distributor-sync/settings`, { intervalMinutes: 1 }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(/^Only a BPO Manager or above can /);
      }
    }
    expect(sim.state.calls).toHaveLength(0);
  });
});
