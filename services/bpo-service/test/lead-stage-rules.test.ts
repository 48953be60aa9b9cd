import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead, stageByName } from "./helpers/factories";

let t: BpoTestApp;
let agent: TestUser;
let manager: TestUser;
let brandId: number;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent");
  manager = await t.user("manager");
  brandId = (await makeBrand(t)).id;
});
afterAll(() => t.close());

describe("forward-only stage rule (bpo-2)", () => {
  it("moves a lead from New to Qualified and records the change in the chatter", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const qualified = await stageByName(t, "Qualified");
    const res = await t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: qualified.id });
    expect(res.status).toBe(200);
    expect(res.body.stage.name).toBe("Qualified");
    const chatter = await t.as(agent).get(`/api/leads/${lead.id}/messages`);
    expect(chatter.body.messages[0]).toMatchObject({
      kind: "tracking",
      body: "Stage: New → Qualified",
      authorName: agent.name,
      changes: [{ field: "stageId", label: "Stage", old: "New", new: "Qualified" }],
    });
  });

  it("refuses a skip (New → Negotiation) with the spec's exact message and leaves the lead in New", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const negotiation = await stageByName(t, "Negotiation");
    const res = await t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: negotiation.id });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("stage_transition_refused");
    expect(res.body.error.message).toBe(
      'Leads can only move forward one stage at a time. From "New" the only allowed next stage is "Qualified". Use the Mark Won or Mark Lost buttons to close the lead instead.',
    );
    expect((await t.c.store.repos.leads.findById(lead.id))!.stageId).toBe((await stageByName(t, "New")).id);
  });

  it("refuses going backwards (Qualified → New) with the stage names filled in", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id, stage: "Qualified" });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "New")).id });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe(
      'Leads can only move forward one stage at a time. From "Qualified" the only allowed next stage is "Negotiation". Use the Mark Won or Mark Lost buttons to close the lead instead.',
    );
  });

  it("says there is no next open stage from Negotiation", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id, stage: "Negotiation" });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "Qualified")).id });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('From "Negotiation" there is no next open stage.');
  });

  it("routes a drag into Lost to the Mark Lost wizard instead of closing without a reason", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "Lost")).id });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("lost_needs_reason");
    expect((await t.c.store.repos.leads.findById(lead.id))!.isLost).toBe(false);
  });

  it("lets a Manager override the rule and writes who did it and why into the chatter", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const negotiation = await stageByName(t, "Negotiation");
    const res = await t.as(manager).post(`/api/leads/${lead.id}/stage-override`, { stageId: negotiation.id, reason: "Migrated from spreadsheet" });
    expect(res.status).toBe(200);
    expect(res.body.stage.name).toBe("Negotiation");
    const chatter = await t.as(manager).get(`/api/leads/${lead.id}/messages`);
    const bodies = chatter.body.messages.map((m: { body: string }) => m.body);
    expect(bodies).toContain(`Stage rule overridden by ${manager.name}: Migrated from spreadsheet`);
  });

  it("does not let an Agent use the override", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/stage-override`, { stageId: (await stageByName(t, "Negotiation")).id, reason: "I want to" });
    expect(res.status).toBe(403);
    expect((await t.c.store.repos.leads.findById(lead.id))!.stageId).toBe((await stageByName(t, "New")).id);
  });

  it("does not let an Agent move another agent's lead", async () => {
    const other = await t.user("agent");
    const lead = await makeLead(t, brandId, { userId: other.id });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "Qualified")).id });
    expect(res.status).toBe(403);
  });
});
