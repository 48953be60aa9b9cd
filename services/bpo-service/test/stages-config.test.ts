import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead, stageByName } from "./helpers/factories";

// This file has its own database: it reshapes the pipeline freely.
let t: BpoTestApp;
let agent: TestUser;
let manager: TestUser;
let brandId: number;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent", "Stan Agent");
  manager = await t.user("manager", "Stella Manager");
  brandId = (await makeBrand(t, "STG")).id;
});
afterAll(() => t.close());

const stageNames = async () => (await t.c.store.repos.catalog.listStages()).map((s) => s.name);

describe("Configuration → Stages", () => {
  it("when a Manager adds an open stage between New and Qualified, a lead in New must pass through it", async () => {
    const created = await t.as(manager).post("/api/stages", { name: "Test Drive", sequence: 15 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Test Drive", sequence: 15, fold: false, isWon: false, isLost: false });
    expect(await stageNames()).toEqual(["New", "Test Drive", "Qualified", "Negotiation", "Won", "Lost"]);

    const lead = await makeLead(t, brandId, { userId: agent.id });
    const skip = await t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "Qualified")).id });
    expect(skip.status).toBe(422);
    expect(skip.body.error.message).toContain('From "New" the only allowed next stage is "Test Drive".');
    expect((await t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: created.body.id })).status).toBe(200);
  });

  it("renames, reorders and folds a stage, changing only the fields sent", async () => {
    const negotiation = await stageByName(t, "Negotiation");
    const res = await t.as(manager).patch(`/api/stages/${negotiation.id}`, { name: "Price Negotiation", sequence: 32, fold: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: negotiation.id, name: "Price Negotiation", sequence: 32, fold: true, isWon: false, isLost: false });
  });

  it("when no stage is Lost, Mark as Lost says 'No lost stage configured'; marking an empty stage Lost here fixes it", async () => {
    const lost = await stageByName(t, "Lost");
    expect((await t.as(manager).patch(`/api/stages/${lost.id}`, { isLost: false, name: "Lost (old)" })).status).toBe(200);
    const lead = await makeLead(t, brandId, { userId: agent.id });

    const refused = await t.as(agent).post(`/api/leads/${lead.id}/mark-lost`, { reason: "price" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe("No lost stage configured");
    expect((await t.c.store.repos.leads.findById(lead.id))!.isLost).toBe(false);

    expect((await t.as(manager).patch(`/api/stages/${lost.id}`, { isLost: true, name: "Lost" })).status).toBe(200);
    const res = await t.as(agent).post(`/api/leads/${lead.id}/mark-lost`, { reason: "price" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isLost: true, stage: { name: "Lost" } });
  });

  it("keeps the kind of a stage that holds leads, and refuses deleting it, changing nothing", async () => {
    const won = await stageByName(t, "Won");
    await makeLead(t, brandId, { userId: agent.id, stage: "Won" });

    const flip = await t.as(manager).patch(`/api/stages/${won.id}`, { isWon: false });
    expect(flip.status).toBe(422);
    expect(flip.body.error).toMatchObject({ code: "stage_in_use" });
    expect(flip.body.error.message).toContain('"Won" holds 1 lead(s)');

    const del = await t.as(manager).delete(`/api/stages/${won.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toBe('Stage "Won" holds 1 lead(s) and cannot be deleted. Move its leads first.');
    expect(await stageByName(t, "Won")).toEqual(won);
  });

  it("deletes a stage no lead is in", async () => {
    const spare = (await t.as(manager).post("/api/stages", { name: "Spare", sequence: 35 })).body;
    expect((await t.as(manager).delete(`/api/stages/${spare.id}`)).status).toBe(204);
    expect(await stageNames()).not.toContain("Spare");
  });

  it("refuses a stage that is both Won and Lost, a duplicate name and malformed input, writing nothing", async () => {
    const before = await t.c.store.repos.catalog.listStages();
    const both = await t.as(manager).post("/api/stages", { name: "Closed", sequence: 60, isWon: true, isLost: true });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toBe("A stage is Won or Lost, not both");
    const lost = await stageByName(t, "Lost");
    expect((await t.as(manager).patch(`/api/stages/${lost.id}`, { isWon: true })).status).toBe(400);

    const dup = await t.as(manager).post("/api/stages", { name: "New", sequence: 5 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe('A stage named "New" already exists');

    for (const body of [{ name: "", sequence: 1 }, { name: "X", sequence: -1 }, { name: "X", sequence: "ten" }, { name: "X", sequence: 1, color: "red" }]) {
      expect((await t.as(manager).post("/api/stages", body)).status).toBe(400);
    }
    expect((await t.as(manager).patch(`/api/stages/${lost.id}`, {})).status).toBe(400);
    expect(await t.c.store.repos.catalog.listStages()).toEqual(before);
  });

  it("lets everyone read the stages but only a Manager change them", async () => {
    const newStage = await stageByName(t, "New");
    expect((await t.as(agent).get("/api/stages")).status).toBe(200);
    expect((await t.as(agent).patch(`/api/stages/${newStage.id}`, { name: "Fresh" })).status).toBe(403);
    expect((await t.as(agent).post("/api/stages", { name: "Agent stage", sequence: 1 })).status).toBe(403);
    expect((await t.as(agent).delete(`/api/stages/${newStage.id}`)).status).toBe(403);
    expect((await t.as(manager).patch("/api/stages/999999", { name: "Ghost" })).status).toBe(404);
    expect((await stageByName(t, "New")).name).toBe("New");
  });
});
