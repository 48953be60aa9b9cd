import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";
import { dayIn } from "@crm/platform/core";
import { ActivityService } from "../src/domain/activity-service";

let t: BpoTestApp;
let agent: TestUser;
let brandId: number;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent", "Ana Agent");
  brandId = (await makeBrand(t)).id;
});
afterAll(() => t.close());

// Days as the floor sees them (BUSINESS_TIMEZONE defaults to Asia/Manila).
const iso = (offsetDays: number) => dayIn("Asia/Manila", new Date(Date.now() + offsetDays * 86_400_000));

describe("Mark as Lost wizard", () => {
  it("cannot be submitted without a reason, and the lead stays open", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/mark-lost`, { notes: "no reason given" });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe("reason");
    expect((await t.c.store.repos.leads.findById(lead.id))!.isLost).toBe(false);
  });

  it("moves the lead to Lost from any open stage and posts reason and notes to the chatter", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id, stage: "Qualified" });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/mark-lost`, { reason: "competitor", notes: "Bought a rival SUV" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isLost: true, isWon: false, stage: { name: "Lost" }, lostReason: "competitor", lostNotes: "Bought a rival SUV" });
    const bodies = (await t.c.store.repos.messages.listForLead(lead.id)).map((m) => m.body);
    expect(bodies).toContain("Marked as Lost. Reason: Competitor\nBought a rival SUV");
    expect(bodies).toContain("Stage: Qualified → Lost");
  });

  it("a lost lead cannot be lost again or moved", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id, stage: "Lost" });
    expect((await t.as(agent).post(`/api/leads/${lead.id}/mark-lost`, { reason: "price" })).status).toBe(422);
    const stages = (await t.as(agent).get("/api/stages")).body.stages;
    const qualified = stages.find((s: { name: string }) => s.name === "Qualified");
    const move = await t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: qualified.id });
    expect(move.status).toBe(422);
    expect(move.body.error.code).toBe("lead_closed");
  });
});

describe("call logs (bpo-2)", () => {
  it("logs a call, posts the summary to the chatter and schedules the next activity", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/call-logs`, {
      durationMinutes: 7,
      result: "answered",
      summary: "Interested in Tiggo 7, wants a test drive",
      nextActivity: { type: "call", summary: "Confirm test drive", dueDate: iso(1) },
    });
    expect(res.status).toBe(201);
    expect(res.body.activity).toMatchObject({ type: "call", summary: "Confirm test drive", assigneeId: agent.id });
    const bodies = (await t.c.store.repos.messages.listForLead(lead.id)).map((m) => m.body);
    expect(bodies).toContain(`Call logged (Answered, 7 min): Interested in Tiggo 7, wants a test drive\nNext: call "Confirm test drive" due ${iso(1)}`);
    const list = await t.as(agent).get(`/api/call-logs?leadId=${lead.id}`);
    expect(list.body.callLogs).toHaveLength(1);
    expect(list.body.callLogs[0]).toMatchObject({ result: "answered", durationMinutes: 7, userName: "Ana Agent", leadReference: lead.reference });
  });

  it("refuses an unknown call result and writes nothing", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 1, result: "hung_up", summary: "?" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("Call Result must be Answered, No Answer, Busy, Voicemail or Wrong Number");
    expect((await t.as(agent).get(`/api/call-logs?leadId=${lead.id}`)).body.callLogs).toHaveLength(0);
  });

  it("filters the Call Logs list by result, and an Agent sees only their own calls", async () => {
    const other = await t.user("agent");
    const supervisor = await t.user("supervisor");
    const mine = await makeLead(t, brandId, { userId: agent.id });
    const theirs = await makeLead(t, brandId, { userId: other.id });
    await t.as(agent).post(`/api/leads/${mine.id}/call-logs`, { durationMinutes: 0, result: "busy", summary: "busy line" });
    await t.as(other).post(`/api/leads/${theirs.id}/call-logs`, { durationMinutes: 0, result: "busy", summary: "busy too" });
    const agentView = await t.as(agent).get("/api/call-logs?result=busy");
    expect(agentView.body.callLogs.map((c: { leadId: number }) => c.leadId)).toEqual([mine.id]);
    const supView = await t.as(supervisor).get("/api/call-logs?result=busy");
    expect(supView.body.callLogs.map((c: { leadId: number }) => c.leadId).sort()).toEqual([mine.id, theirs.id].sort());
    const supOne = await t.as(supervisor).get(`/api/call-logs?result=busy&userId=${other.id}`);
    expect(supOne.body.callLogs.map((c: { leadId: number }) => c.leadId)).toEqual([theirs.id]);
  });
});

describe("activities", () => {
  it("Schedule Visit creates a visit activity; My Activities shows overdue, today and planned states", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const visit = await t.as(agent).post(`/api/leads/${lead.id}/schedule-visit`, { dueDate: iso(3), dueTime: "10:30", note: "Showroom, bring ID" });
    expect(visit.status).toBe(201);
    expect(visit.body).toMatchObject({ type: "visit", summary: "Showroom visit", state: "planned" });
    await t.as(agent).post(`/api/leads/${lead.id}/activities`, { type: "task", summary: "Send brochure", dueDate: iso(0) });
    await t.as(agent).post(`/api/leads/${lead.id}/activities`, { type: "call", summary: "Follow up", dueDate: iso(-2) });
    const mine = await t.as(agent).get("/api/activities/mine");
    const byName = Object.fromEntries(mine.body.activities.map((a: { summary: string; state: string }) => [a.summary, a.state]));
    expect(byName).toMatchObject({ "Showroom visit": "planned", "Send brochure": "today", "Follow up": "overdue" });
    // Overdue first: the list is ordered by due date.
    expect(mine.body.activities[0].state).toBe("overdue");
  });

  it("Schedule Visit books a date and a time read in the business time zone, and refuses a visit without a time", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const manila = new ActivityService(t.c.store, { timeZone: "Asia/Manila" });
    const visit = await manila.scheduleVisit(agent, lead.id, { dueDate: "2026-12-04", dueTime: "09:30", summary: "Test drive", note: null });
    // 09:30 in Manila (UTC+8) is 01:30 UTC; the day stays the Manila day.
    expect(visit).toMatchObject({ dueDate: "2026-12-04", dueTime: "09:30", dueAt: "2026-12-04T01:30:00.000Z" });
    const stored = (await t.as(agent).get(`/api/leads/${lead.id}/activities`)).body.activities.find((a: { id: number }) => a.id === visit.id);
    expect(stored).toMatchObject({ dueDate: "2026-12-04", dueTime: "09:30" });
    const chatter = (await t.as(agent).get(`/api/leads/${lead.id}/messages`)).body.messages.map((m: { body: string }) => m.body);
    expect(chatter).toContainEqual(expect.stringContaining('Visit scheduled: "Test drive" on Dec 4, 2026 at 09:30'));

    const untimed = await t.as(agent).post(`/api/leads/${lead.id}/schedule-visit`, { dueDate: "2026-12-04" });
    expect(untimed.status).toBe(400);
    expect(untimed.body.error.issues).toEqual([{ path: "dueTime", message: "Visit time is required" }]);
    const badTime = await t.as(agent).post(`/api/leads/${lead.id}/schedule-visit`, { dueDate: "2026-12-04", dueTime: "25:00" });
    expect(badTime.status).toBe(400);
  });

  it("counts today and overdue in the business time zone, not UTC", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    await t.as(agent).post(`/api/leads/${lead.id}/activities`, { type: "task", summary: "Early call", dueDate: "2026-11-25" });
    await t.as(agent).post(`/api/leads/${lead.id}/activities`, { type: "task", summary: "Yesterday in Manila", dueDate: "2026-11-24" });
    // 17:30 UTC on the 24th is 01:30 on the 25th in Manila.
    const at = () => new Date("2026-11-24T17:30:00Z");
    const states = async (tz: string) => {
      const list = await new ActivityService(t.c.store, { timeZone: tz, now: at }).mine(agent, false);
      return Object.fromEntries(list.filter((a) => a.leadId === lead.id).map((a) => [a.summary, a.state]));
    };
    expect(await states("Asia/Manila")).toEqual({ "Early call": "today", "Yesterday in Manila": "overdue" });
    expect(await states("UTC")).toEqual({ "Early call": "planned", "Yesterday in Manila": "today" });
  });

  it("marking an activity done removes it from My Activities and notes it in the chatter", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const a = (await t.as(agent).post(`/api/leads/${lead.id}/activities`, { type: "task", summary: "Unique task 42", dueDate: iso(1) })).body;
    expect((await t.as(agent).post(`/api/activities/${a.id}/done`)).body.state).toBe("done");
    const mine = await t.as(agent).get("/api/activities/mine");
    expect(mine.body.activities.map((x: { id: number }) => x.id)).not.toContain(a.id);
    expect((await t.c.store.repos.messages.listForLead(lead.id)).map((m) => m.body)).toContain('Activity done: "Unique task 42"');
  });

  it("another agent cannot complete my activity", async () => {
    const other = await t.user("agent");
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const a = (await t.as(agent).post(`/api/leads/${lead.id}/activities`, { type: "task", summary: "Mine", dueDate: iso(1) })).body;
    expect((await t.as(other).post(`/api/activities/${a.id}/done`)).status).toBe(403);
  });
});

describe("closing an endorsed lead", () => {
  it("an Agent cannot mark an endorsed lead Lost (its outcome comes from the dealer); a Manager can, and the chatter says so", async () => {
    const manager = await t.user("manager", "Mona Manager");
    const lead = await makeLead(t, brandId, { userId: agent.id, stage: "Negotiation" });
    await t.c.store.repos.leads.update(lead.id, { endorsementStatus: "delivered" });
    const refused = await t.as(agent).post(`/api/leads/${lead.id}/mark-lost`, { reason: "price" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("endorsed_lead");
    expect((await t.c.store.repos.leads.findById(lead.id))!.isLost).toBe(false);
    const ok = await t.as(manager).post(`/api/leads/${lead.id}/mark-lost`, { reason: "price", notes: "Customer withdrew" });
    expect(ok.status).toBe(200);
    const bodies = (await t.c.store.repos.messages.listForLead(lead.id)).map((m) => m.body);
    expect(bodies).toContain("Marked as Lost (closed by Manager Mona Manager although endorsed to a dealership). Reason: Price\nCustomer withdrew");
  });
});
