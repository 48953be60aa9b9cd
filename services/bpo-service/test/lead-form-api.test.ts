import { ActivityService } from "../src/domain/activity-service";
import { ZLogCallRequestSchema } from "../src/domain/call-log-schemas";
import { CallLogService } from "../src/domain/call-log-service";
import { LeadService } from "../src/domain/lead-service";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead, stageByName } from "./helpers/factories";

/** What the lead form needs beyond the basic lead API: the lead's own call history and live refreshes. */
describe("lead form API", () => {
  let t: BpoTestApp;
  let brandId: number;
  let agent: TestUser;
  let otherAgent: TestUser;
  let supervisor: TestUser;

  beforeAll(async () => {
    t = await startBpoTestApp();
    brandId = (await makeBrand(t)).id;
    agent = await t.user("agent");
    otherAgent = await t.user("agent");
    supervisor = await t.user("supervisor");
  });

  afterAll(() => t.close());

  const call = { durationMinutes: 4, result: "answered", summary: "Wants a test drive" };

  it("lists every call logged on a lead, whoever logged it, to whoever may view the lead", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const elsewhere = await makeLead(t, brandId, { userId: agent.id });
    await t.as(agent).post(`/api/leads/${lead.id}/call-logs`, call).expect(201);
    await t.as(supervisor).post(`/api/leads/${lead.id}/call-logs`, { ...call, result: "busy", summary: "Supervisor follow-up" }).expect(201);
    await t.as(agent).post(`/api/leads/${elsewhere.id}/call-logs`, call).expect(201);

    const mine = await t.as(agent).get(`/api/leads/${lead.id}/call-logs`).expect(200);
    expect(mine.body.callLogs.map((c: { summary: string; userName: string }) => [c.summary, c.userName])).toEqual([
      ["Supervisor follow-up", supervisor.name],
      ["Wants a test drive", agent.name],
    ]);
    // The cross-lead list stays "Agents see their own calls".
    const crossLead = await t.as(agent).get(`/api/call-logs?leadId=${lead.id}`).expect(200);
    expect(crossLead.body.callLogs).toHaveLength(1);

    const refused = await t.as(otherAgent).get(`/api/leads/${lead.id}/call-logs`).expect(403);
    expect(refused.body.error.message).toBe("This lead belongs to another agent.");
    await t.as(agent).get("/api/leads/999999/call-logs").expect(404);
  });

  it("pages a lead's calls newest first with beforeId", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    for (let i = 1; i <= 3; i++) await t.as(agent).post(`/api/leads/${lead.id}/call-logs`, { ...call, summary: `Call ${i}` }).expect(201);
    const first = await t.as(agent).get(`/api/leads/${lead.id}/call-logs?limit=2`).expect(200);
    expect(first.body.callLogs.map((c: { summary: string }) => c.summary)).toEqual(["Call 3", "Call 2"]);
    const rest = await t.as(agent).get(`/api/leads/${lead.id}/call-logs?limit=2&beforeId=${first.body.callLogs[1].id}`).expect(200);
    expect(rest.body.callLogs.map((c: { summary: string }) => c.summary)).toEqual(["Call 1"]);
  });

  it("announces edits, stage moves, overrides and notes so open forms and pipelines refresh", async () => {
    const changed: number[] = [];
    const leads = new LeadService(t.c.store, { created: () => undefined, claimed: () => undefined, changed: (id) => changed.push(id) });
    const actor = { id: agent.id, name: agent.name, role: agent.role };
    const lead = await makeLead(t, brandId, { userId: agent.id });

    await leads.update(actor, lead.id, { city: "Makati" });
    await leads.moveStage(actor, lead.id, (await stageByName(t, "Qualified")).id);
    await leads.postNote(actor, lead.id, "Called back");
    await leads.overrideStage({ id: supervisor.id, name: "Manager", role: "manager" }, lead.id, (await stageByName(t, "New")).id, "Data repair");

    expect(changed).toEqual([lead.id, lead.id, lead.id, lead.id]);
  });

  it("announces logged calls, scheduled activities and activities marked done", async () => {
    const changed: number[] = [];
    const events = { created: () => undefined, claimed: () => undefined, changed: (id: number) => changed.push(id) };
    const actor = { id: agent.id, name: agent.name, role: agent.role };
    const lead = await makeLead(t, brandId, { userId: agent.id });

    await new CallLogService(t.c.store, events).log(actor, lead.id, ZLogCallRequestSchema.parse({ durationMinutes: 3, result: "answered", summary: "Asked for a quote" }));
    const activities = new ActivityService(t.c.store, { events });
    const activity = await activities.schedule(actor, lead.id, { type: "call", summary: "Call back", dueDate: "2026-12-01" });
    await activities.markDone(actor, activity.id);

    expect(changed).toEqual([lead.id, lead.id, lead.id]);
  });
});
