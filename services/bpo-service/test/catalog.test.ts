import { inboundCallId } from "./helpers/factories";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { bpoTestFile } from "./helpers/test-file";

let t: BpoTestApp;
let agent: TestUser;
let manager: TestUser;

bpoTestFile(["agent", "manager"], (app, users) => ([t, agent, manager] = [app, users.agent, users.manager]));

describe("brands, dealerships and vehicle models", () => {
  it("a Manager maintains them; an Agent can read but not change them", async () => {
    const brand = await t.as(manager).post("/api/brands", { code: "CHERY", name: "Chery" });
    expect(brand.status).toBe(201);
    const dealer = await t.as(manager).post("/api/dealerships", { code: "MAKATI", name: "UAAGI Makati", brandId: brand.body.id, managerEmail: "boss@makati.example" });
    expect(dealer.status).toBe(201);
    expect(dealer.body.managerEmail).toBe("boss@makati.example");
    const model = await t.as(manager).post("/api/vehicle-models", { brandId: brand.body.id, name: "Tiggo 7 Pro", code: "T7P" });
    expect(model.status).toBe(201);

    expect((await t.as(agent).post("/api/brands", { code: "X", name: "X" })).status).toBe(403);
    expect((await t.as(agent).patch(`/api/dealerships/${dealer.body.id}`, { managerEmail: "me@x.example" })).status).toBe(403);
    expect((await t.as(agent).post("/api/vehicle-models", { brandId: brand.body.id, name: "Fake" })).status).toBe(403);
    expect((await t.as(agent).get(`/api/vehicle-models?brandId=${brand.body.id}`)).body.vehicleModels.map((m: { name: string }) => m.name)).toEqual(["Tiggo 7 Pro"]);
    expect((await t.as(agent).get("/api/dealerships")).body.dealerships[0].code).toBe("MAKATI");
  });

  it("an edit changes only the fields sent: the others keep their values instead of falling back to defaults", async () => {
    const brand = (await t.as(manager).post("/api/brands", { code: "PATCHB", name: "Patch Brand" })).body;
    const dealer = (await t.as(manager).post("/api/dealerships", { code: "PATCHD", name: "Patch Dealer", brandId: brand.id, managerEmail: "boss@patch.example", active: false })).body;
    const renamed = await t.as(manager).patch(`/api/dealerships/${dealer.id}`, { name: "Patch Dealer Makati" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Patch Dealer Makati", brandId: brand.id, managerEmail: "boss@patch.example", active: false });

    const model = (await t.as(manager).post("/api/vehicle-models", { brandId: brand.id, name: "Patch One", code: "P1", active: false })).body;
    expect((await t.as(manager).patch(`/api/vehicle-models/${model.id}`, { name: "Patch One Pro" })).body).toMatchObject({ code: "P1", active: false });

    await t.as(manager).patch(`/api/brands/${brand.id}`, { active: false }).expect(200);
    expect((await t.as(manager).patch(`/api/brands/${brand.id}`, { name: "Patch Brand PH" })).body).toMatchObject({ name: "Patch Brand PH", active: false });

    const source = (await t.as(manager).post("/api/lead-sources", { code: "patch_src", name: "Patch", sourceType: "referral", sequence: 77 })).body;
    await t.as(manager).patch(`/api/lead-sources/${source.id}`, { active: false }).expect(200);
    expect(await t.c.store.repos.catalog.findSourceByCode("patch_src")).toMatchObject({ sequence: 77, active: false });
  });

  it("refuses duplicates with 409 and a bad manager e-mail with 400", async () => {
    await t.as(manager).post("/api/brands", { code: "JAECOO", name: "Jaecoo" });
    expect((await t.as(manager).post("/api/brands", { code: "JAECOO", name: "Again" })).status).toBe(409);
    const bad = await t.as(manager).post("/api/dealerships", { code: "CEBU", name: "Cebu", managerEmail: "not-an-email" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("managerEmail");
  });

  it("a lead's vehicle model must belong to the lead's brand", async () => {
    const a = (await t.as(manager).post("/api/brands", { code: "AAA", name: "A" })).body;
    const b = (await t.as(manager).post("/api/brands", { code: "BBB", name: "B" })).body;
    const modelOfB = (await t.as(manager).post("/api/vehicle-models", { brandId: b.id, name: "B1" })).body;
    const res = await t.as(agent).post("/api/leads", { contactName: "C", mobile: "0917", brandId: a.id, sourceId: await inboundCallId(t), vehicleModelId: modelOfB.id });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("unknown_vehicle_model");
  });

  it("archived brands leave the picker but stay listed for Managers with includeInactive", async () => {
    const brand = (await t.as(manager).post("/api/brands", { code: "OLD", name: "Old Brand" })).body;
    await t.as(manager).patch(`/api/brands/${brand.id}`, { active: false });
    expect((await t.as(agent).get("/api/brands")).body.brands.map((x: { code: string }) => x.code)).not.toContain("OLD");
    expect((await t.as(manager).get("/api/brands?includeInactive=true")).body.brands.map((x: { code: string }) => x.code)).toContain("OLD");
  });
});
