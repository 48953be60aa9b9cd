import { routesWithoutResponseSchema } from "@crm/platform";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";
import { toLeadRecord } from "../src/data-access/lead-repository";

let t: BpoTestApp;
let agent: TestUser;
let brandId: number;
let sourceId: number;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent", "Ana Agent");
  brandId = (await makeBrand(t, "CHERY")).id;
  sourceId = (await t.c.store.repos.catalog.listSources()).find((s) => s.code === "inbound_call")!.id;
});
afterAll(() => t.close());

describe("API response schemas", () => {
  it("lists every route's success answer in the OpenAPI document, with its response schema", async () => {
    const doc = (await t.as(agent).get("/api/openapi.json")).body;
    expect(routesWithoutResponseSchema(doc)).toEqual([]);
    const lead = doc.paths["/api/leads/{id}"].get.responses["200"].content["application/json"].schema;
    expect(lead.properties.preferredContactTime).toMatchObject({ enum: expect.arrayContaining(["morning", "afternoon", "evening"]) });
  });
});

describe("Preferred contact time on a BPO lead", () => {
  it("is saved on create, edited on the lead, and shown on the Open Leads card", async () => {
    const created = await t.as(agent).post("/api/leads", { contactName: "Carla Cruz", mobile: "+639171230001", brandId, sourceId, preferredContactTime: "morning" });
    expect(created.status).toBe(201);
    expect(created.body.preferredContactTime).toBe("morning");

    const board = (await t.as(agent).get("/api/boards/open-leads")).body;
    const card = board.columns.flatMap((c: { cards: { id: number }[] }) => c.cards).find((c: { id: number }) => c.id === created.body.id);
    expect(card.preferredContactTime).toBe("morning");

    expect((await t.as(agent).post(`/api/leads/${created.body.id}/claim`)).status).toBe(200);
    const edited = await t.as(agent).patch(`/api/leads/${created.body.id}`, { preferredContactTime: "evening" });
    expect(edited.status).toBe(200);
    expect((await t.as(agent).get(`/api/leads/${created.body.id}`)).body.preferredContactTime).toBe("evening");

    const cleared = await t.as(agent).patch(`/api/leads/${created.body.id}`, { preferredContactTime: null });
    expect(cleared.body.preferredContactTime).toBeNull();
  });

  it("refuses a time that is not morning, afternoon or evening with a 400 naming the field", async () => {
    const res = await t.as(agent).post("/api/leads", { contactName: "Dan Dizon", mobile: "+639171230002", brandId, sourceId, preferredContactTime: "midnight" });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "preferredContactTime", message: "Preferred contact time must be morning, afternoon or evening" }]);
  });
});

describe("Budget min ≤ max", () => {
  it("refuses a create whose budget min exceeds its max, on budgetMin", async () => {
    const res = await t.as(agent).post("/api/leads", { contactName: "Eve Estrada", mobile: "+639171230003", brandId, sourceId, budgetMin: 900_000, budgetMax: 800_000 });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "budgetMin", message: "Budget min cannot exceed budget max" }]);
  });

  it("refuses an edit of one end that crosses the stored other end, and leaves the lead unchanged", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    expect((await t.as(agent).patch(`/api/leads/${lead.id}`, { budgetMax: 1_000_000 })).status).toBe(200);
    const res = await t.as(agent).patch(`/api/leads/${lead.id}`, { budgetMin: 1_200_000 });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "budgetMin", message: "Budget min cannot exceed budget max" }]);
    expect((await t.as(agent).get(`/api/leads/${lead.id}`)).body).toMatchObject({ budgetMin: null, budgetMax: 1_000_000 });
  });
});

describe("The hot-path lead read", () => {
  it("reads every column of the lead model as Prisma reads it (money as numbers, the date as YYYY-MM-DD, enums as text)", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    await t.c.store.repos.leads.update(lead.id, {
      expectedPrice: 1_250_000.5,
      budgetMin: 900_000,
      budgetMax: 1_300_000,
      hasTradeIn: true,
      tradeInYear: 2019,
      tradeInExpectedValue: 350_000.25,
      financingNeeded: true,
      financingType: "in_house",
      downPayment: 200_000,
      priority: 3,
      preferredDate: "2026-12-24",
      preferredContactTime: "afternoon",
      endorsementType: "with_sq",
    });
    const raw = await t.c.store.repos.leads.findById(lead.id);
    const viaPrisma = toLeadRecord((await t.c.store.db.lead.findUnique({ where: { id: lead.id } }))!);
    expect(raw).toEqual(viaPrisma);
    expect(raw).toMatchObject({ financingType: "in_house", preferredContactTime: "afternoon", preferredDate: "2026-12-24", expectedPrice: 1_250_000.5 });
  });
});
