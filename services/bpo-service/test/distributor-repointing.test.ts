import { startSimulator } from "../../../tools/distributor-simulator/src";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { QUOTATION, type RunningSimulator, TEST_DRIVE, brandWithDistributor, distributorTestFile, leadsOfBrand, put } from "./distributor-fixtures";

let t: BpoTestApp;
let manager: TestUser;
const { sims, runNow } = distributorTestFile([], (app, users) => ([t, manager] = [app, users.manager]));

/** Every remote record is either still pending on the distributor or imported here (a lead or absorbed into one) from that very distributor. */
async function pendingOrImported(brandId: number, sim: RunningSimulator) {
  const source = await t.c.store.db.distributorSource.findUnique({ where: { url_db: { url: sim.url, db: sim.state.db } } });
  const lost: string[] = [];
  for (const model of [QUOTATION, TEST_DRIVE]) {
    for (const [id, row] of sim.state.table(model)) {
      if (row.status !== "synced") continue;
      const where = { remoteModel: model, remoteId: id, ...(source ? {} : { id: -1 }) };
      const lead = source ? await t.c.store.db.lead.findFirst({ where: { ...where, remoteBrandId: brandId, remoteSourceId: source.id } }) : null;
      const origin = source ? await t.c.store.db.leadRemoteOrigin.findFirst({ where: { ...where, brandId, sourceId: source.id } }) : null;
      if (!lead && !origin) lost.push(`${model} #${id}`);
    }
  }
  return lost;
}

describe("re-pointing a brand at another distributor (issue 14.1)", () => {
  it("imports every pending record of the new distributor database, whose ids start at 1 again, and never renames the old distributor's vehicle models", async () => {
    // The first distributor: two models with their codes, three customers imported.
    const { brand, sim: first } = await brandWithDistributor(t, manager);
    sims.push(first);
    first.state.addVehicleModel("Tiggo 2 Pro");
    first.state.addVehicleModel("Arrizo 5");
    first.state.addDealer("Chery Makati");
    for (let i = 0; i < 3; i++) first.state.addQuotation({ first_name: `Old${i}`, last_name: "Customer", email: `old${i}@example.ph`, mobile: `+63917100000${i}`, model_id: 1, dealer_id: 1 });
    await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-vehicle-models`).expect(200);
    expect(await runNow(brand.id)).toMatchObject({ status: "succeeded", created: 3 });
    const models = await t.c.store.db.vehicleModel.findMany({ where: { brandId: brand.id }, orderBy: { id: "asc" } });
    expect(models.map((m) => m.name)).toEqual(["Tiggo 2 Pro", "Arrizo 5"]);
    await t.c.store.db.vehicleModel.update({ where: { id: models[0]!.id }, data: { code: "TIGGO2PRO" } });
    await t.c.store.db.vehicleModel.update({ where: { id: models[1]!.id }, data: { code: "ARRIZO5" } });

    // The second database: ids from 1 again (id 1 is now another model), 14 pending customers.
    const second = await startSimulator({ brand: brand.code, login: "sync", password: "s3cret-pw", db: "chery_moved_db" });
    sims.push(second);
    second.state.addVehicleModel("Tiggo 4 Pro"); // id 1, which was "Tiggo 2 Pro" on the first distributor
    second.state.addVehicleModel("Tiggo 2 Pro");
    second.state.addDealer("Chery Cebu");
    for (let i = 0; i < 10; i++) second.state.addQuotation({ first_name: `New${i}`, last_name: "Buyer", email: `new${i}@example.ph`, mobile: `+63917200000${i}`, model_id: 1, dealer_id: 1 });
    for (let i = 0; i < 4; i++) second.state.addTestDrive({ first_name: `Drive${i}`, last_name: "Buyer", mobile: `+63917300000${i}`, model_id: 2, preferred_date: "2026-12-20" });

    // Changing URL or database of a connected brand needs a confirmation that says what will happen.
    const body = { url: second.url, db: second.state.db, login: "sync", password: "s3cret-pw" };
    const refused = await put(t, manager, `/api/brands/${brand.id}/distributor`, body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("distributor_change_unconfirmed");
    expect(refused.body.error.message).toContain(second.state.db);
    expect(refused.body.error.message).toMatch(/new leads/i);
    expect((await t.as(manager).get(`/api/brands/${brand.id}/distributor`)).body).toMatchObject({ url: first.url, db: first.state.db });
    await put(t, manager, `/api/brands/${brand.id}/distributor`, { ...body, confirmDistributorChange: true }).expect(200);

    // Test Connection names the distributor it reached.
    const test = await t.as(manager).post(`/api/brands/${brand.id}/distributor/test`).expect(200);
    const identity = test.body.checks.find((c: { check: string }) => c.check === "Distributor");
    expect(identity).toMatchObject({ ok: true });
    expect(identity.message).toContain(second.url);
    expect(identity.message).toContain(second.state.db);
    expect(identity.message).toContain("Odoo 12.0");

    await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-vehicle-models`).expect(200);
    await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-dealers`).expect(200);
    const kept = await t.c.store.db.vehicleModel.findMany({ where: { brandId: brand.id }, orderBy: { id: "asc" } });
    expect(kept.map((m) => [m.name, m.code])).toEqual([
      ["Tiggo 2 Pro", "TIGGO2PRO"],
      ["Arrizo 5", "ARRIZO5"],
      ["Tiggo 4 Pro", null],
    ]);

    const run = await runNow(brand.id);
    expect(run).toMatchObject({ status: "succeeded", created: 14, resumed: 0 });
    expect(await pendingOrImported(brand.id, second)).toEqual([]);
    expect(second.state.countByStatus(QUOTATION, "synced") + second.state.countByStatus(TEST_DRIVE, "synced")).toBe(14);

    const leads = await leadsOfBrand(t, brand.id);
    expect(leads).toHaveLength(17);
    const moved = leads.filter((l) => l.contactName.startsWith("New"));
    // A "Tiggo 4 Pro" customer of the new distributor never carries the old id-1 model's code; the same name is the same model.
    expect(moved.every((l) => l.vehicleModel?.name === "Tiggo 4 Pro" && l.vehicleModel.code === null)).toBe(true);
    const drives = leads.filter((l) => l.contactName.startsWith("Drive"));
    expect(drives.every((l) => l.vehicleModel?.name === "Tiggo 2 Pro" && l.vehicleModel.code === "TIGGO2PRO")).toBe(true);
    expect(moved.every((l) => l.dealership?.name === "Chery Cebu")).toBe(true);
    const old = leads.filter((l) => l.contactName.startsWith("Old"));
    expect(old.every((l) => l.vehicleModel?.code === "TIGGO2PRO" && l.dealership?.name === "Chery Makati")).toBe(true);

    // A second run imports nothing twice and writes nothing back that has no lead.
    expect(await runNow(brand.id)).toMatchObject({ created: 0, resumed: 0, fetched: 0 });
    expect(await pendingOrImported(brand.id, second)).toEqual([]);
  });

  it("asks for confirmation when only the database changes, and not when only the login changes", async () => {
    const { brand, sim } = await brandWithDistributor(t, manager);
    sims.push(sim);
    const res = await put(t, manager, `/api/brands/${brand.id}/distributor`, { url: sim.url, db: "other_db", login: "sync" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("distributor_change_unconfirmed");
    await put(t, manager, `/api/brands/${brand.id}/distributor`, { url: `${sim.url}/`, db: sim.state.db, login: "sync2" }).expect(200);
  });
});
