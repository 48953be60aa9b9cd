import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead, stageByName } from "./helpers/factories";
import { dayIn } from "@crm/platform/core";

/**
 * The stage move and the call log check their rules on a plain read and write with one guarded statement
 * (issue 13 part 3): a write against a state that changed meanwhile must change nothing, and concurrent
 * requests must end as if they ran one after the other.
 */
let t: BpoTestApp;
let agent: TestUser;
let other: TestUser;
let supervisor: TestUser;
let brandId: number;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent", "Guard Agent");
  other = await t.user("agent", "Other Agent");
  supervisor = await t.user("supervisor", "Sam Supervisor");
  brandId = (await makeBrand(t)).id;
});
afterAll(() => t.close());

const tomorrow = () => dayIn("Asia/Manila", new Date(Date.now() + 86_400_000));
const bodies = async (leadId: number) => (await t.c.store.repos.messages.listForLead(leadId)).map((m) => m.body);

describe("stage move", () => {
  it("written against a stale stage or owner changes nothing and leaves no chatter line", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const newStage = await stageByName(t, "New");
    const qualified = await stageByName(t, "Qualified");
    const message = { kind: "tracking" as const, body: "Stage: New → Qualified", authorId: agent.id };
    const repo = t.c.store.repos.leads;
    expect(await repo.moveStageWithMessage(lead.id, { stageId: newStage.id, userId: other.id }, qualified.id, message)).toBeNull();
    expect(await repo.moveStageWithMessage(lead.id, { stageId: qualified.id, userId: agent.id }, qualified.id, message)).toBeNull();
    expect((await repo.findById(lead.id))!.stageId).toBe(newStage.id);
    expect(await bodies(lead.id)).not.toContain("Stage: New → Qualified");
  });

  it("two concurrent moves to the next stage move the lead once, with one chatter line", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const qualified = await stageByName(t, "Qualified");
    const [a, b] = await Promise.all([
      t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: qualified.id }),
      t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: qualified.id }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.stage.name, b.body.stage.name]).toEqual(["Qualified", "Qualified"]);
    expect((await bodies(lead.id)).filter((x) => x === "Stage: New → Qualified")).toHaveLength(1);
  });

  it("a move racing a reassignment is refused to the former owner or lands before it, never both", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const qualified = await stageByName(t, "Qualified");
    const [move, assign] = await Promise.all([
      t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: qualified.id }),
      t.as(supervisor).post(`/api/leads/${lead.id}/assign`, { userId: other.id }),
    ]);
    expect(assign.status).toBe(200);
    const after = (await t.c.store.repos.leads.findById(lead.id))!;
    expect(after.userId).toBe(other.id);
    if (move.status === 200) expect(after.stageId).toBe(qualified.id);
    else {
      expect(move.status).toBe(403);
      expect(after.stageId).not.toBe(qualified.id);
      expect(await bodies(lead.id)).not.toContain("Stage: New → Qualified");
    }
  });
});

describe("call log", () => {
  it("written against a stale owner writes no call log, activity, chatter note or first-call time", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const logged = await t.c.store.repos.callLogs.logWithMessage({
      leadId: lead.id,
      seenUserId: other.id,
      userId: other.id,
      durationMinutes: 2,
      result: "answered",
      summary: "Stale",
      activity: { leadId: lead.id, type: "call", summary: "Follow up", note: null, dueDate: tomorrow(), assigneeId: other.id, createdById: other.id },
      message: "Call logged (Answered, 2 min): Stale",
    });
    expect(logged).toBeNull();
    expect(await t.c.store.repos.callLogs.list({ leadId: lead.id, limit: 10 })).toHaveLength(0);
    expect(await t.c.store.repos.activities.listForLead(lead.id)).toHaveLength(0);
    expect(await bodies(lead.id)).not.toContain("Call logged (Answered, 2 min): Stale");
    expect((await t.c.store.repos.leads.findById(lead.id))!.firstCallAt).toBeNull();
  });

  it("answers the follow-up activity as the activity list reads it", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/call-logs`, {
      durationMinutes: 4,
      result: "busy",
      summary: "Line busy",
      nextActivity: { type: "call", summary: "Try again", note: "after lunch", dueDate: tomorrow() },
    });
    expect(res.status).toBe(201);
    const [stored] = (await t.as(agent).get(`/api/leads/${lead.id}/activities`).expect(200)).body.activities;
    // The list adds the computed state; every stored field is answered as the list reads it.
    expect({ ...res.body.activity, state: stored.state }).toEqual(stored);
    expect(await bodies(lead.id)).toContain(`Call logged (Busy, 4 min): Line busy\nNext: call "Try again" due ${tomorrow()}`);
    const [call] = await t.c.store.repos.callLogs.list({ leadId: lead.id, limit: 1 });
    expect(call!.activityId).toBe(stored.id);
    expect((await t.c.store.repos.leads.findById(lead.id))!.firstCallAt).toEqual(call!.createdAt);
  });

  it("naming an unknown assignee for the follow-up is a 400 and writes nothing", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/call-logs`, {
      durationMinutes: 1,
      result: "answered",
      summary: "Hello",
      nextActivity: { type: "task", summary: "Send brochure", dueDate: tomorrow(), assigneeId: 987654 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("unknown_user");
    expect(await t.c.store.repos.callLogs.list({ leadId: lead.id, limit: 10 })).toHaveLength(0);
  });

  it("a follow-up with a time is refused (Log Call books a day; a timed visit is Schedule Visit's) and writes nothing", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/call-logs`, {
      durationMinutes: 1,
      result: "answered",
      summary: "Hello",
      nextActivity: { type: "visit", summary: "Showroom", dueDate: tomorrow(), dueTime: "10:00" },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain("dueTime");
    expect(await t.c.store.repos.callLogs.list({ leadId: lead.id, limit: 10 })).toHaveLength(0);
    expect(await t.c.store.repos.activities.listForLead(lead.id)).toHaveLength(0);
  });

  it("a call racing a reassignment is logged by the owner before it or refused, never half-written", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const [call, assign] = await Promise.all([
      t.as(agent).post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 3, result: "answered", summary: "Race" }),
      t.as(supervisor).post(`/api/leads/${lead.id}/assign`, { userId: other.id }),
    ]);
    expect(assign.status).toBe(200);
    const calls = await t.c.store.repos.callLogs.list({ leadId: lead.id, limit: 10 });
    const notes = (await bodies(lead.id)).filter((b) => b === "Call logged (Answered, 3 min): Race");
    if (call.status === 201) {
      expect(calls.map((c) => c.userId)).toEqual([agent.id]);
      expect(notes).toHaveLength(1);
    } else {
      expect(call.status).toBe(403);
      expect(calls).toHaveLength(0);
      expect(notes).toHaveLength(0);
    }
  });
});
