import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";

let t: BpoTestApp;
let agent: TestUser;
let otherAgent: TestUser;
let supervisor: TestUser;
let brandId: number;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent", "Ana Agent");
  otherAgent = await t.user("agent", "Oscar Other");
  supervisor = await t.user("supervisor", "Sue Supervisor");
  brandId = (await makeBrand(t, "MRG")).id;
});
afterAll(() => t.close());

const count = async (table: "lead_messages" | "call_logs" | "activities" | "lead_remote_origins", leadId: number) =>
  Number((await t.c.store.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${table} WHERE lead_id = $1`, leadId))[0]!.n);

/** A lead worked a little by `user`: two call logs (one with a next activity), a note, a planned task. */
async function workedLead(user: TestUser, opts: { contactName?: string; mobile?: string; email?: string | null } = {}) {
  const lead = await makeLead(t, brandId, { userId: user.id, ...opts });
  const as = t.as(user);
  expect((await as.post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 3, result: "answered", summary: "Asked for a quote" })).status).toBe(201);
  expect(
    (await as.post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 0, result: "no_answer", summary: "No answer", nextActivity: { type: "call", summary: "Call again", dueDate: "2026-12-20" } })).status,
  ).toBe(201);
  expect((await as.post(`/api/leads/${lead.id}/activities`, { type: "task", summary: "Send brochure", dueDate: "2026-12-21" })).status).toBe(201);
  expect((await as.post(`/api/leads/${lead.id}/messages`, { body: `Note on ${lead.reference}` })).status).toBe(201);
  return lead;
}

let sourceId: number;
async function importedOrigin(leadId: number, remoteId: number) {
  sourceId ??= (await t.c.store.db.$queryRaw<{ id: number }[]>`INSERT INTO distributor_sources (url, db) VALUES ('http://odoo.test', 'merge') RETURNING id`)[0]!.id;
  await t.c.store.db.$executeRaw`UPDATE leads SET remote_brand_id = ${brandId}, remote_source_id = ${sourceId}, remote_model = 'cheryweb.quotation', remote_id = ${remoteId} WHERE id = ${leadId}`;
}

describe("Merge into…", () => {
  it("moves every chatter message, call log, activity and distributor origin to the kept lead and loses nothing", async () => {
    const kept = await workedLead(agent, { contactName: "Maria Santos", mobile: "+639171110001" });
    const dup = await workedLead(agent, { contactName: "Maria S.", mobile: "+639171110002", email: "maria@example.com" });
    await importedOrigin(dup.id, 9001);
    await t.c.store.db.$executeRaw`INSERT INTO lead_remote_origins (lead_id, remote_brand_id, remote_source_id, remote_model, remote_id) VALUES (${dup.id}, ${brandId}, ${sourceId}, 'cheryweb.quotation', 9002)`;
    const before = {
      messages: (await count("lead_messages", kept.id)) + (await count("lead_messages", dup.id)),
      callLogs: (await count("call_logs", kept.id)) + (await count("call_logs", dup.id)),
      activities: (await count("activities", kept.id)) + (await count("activities", dup.id)),
    };
    const dupMessageIds = (await t.c.store.repos.messages.listForLead(dup.id)).map((m) => m.id);

    const res = await t.as(agent).post(`/api/leads/${dup.id}/merge`, { intoId: kept.id, take: ["email", "mobile"] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: kept.id, contactName: "Maria Santos", mobile: "+639171110002", email: "maria@example.com" });

    expect(await count("call_logs", dup.id)).toBe(0);
    expect(await count("activities", dup.id)).toBe(0);
    expect(await count("call_logs", kept.id)).toBe(before.callLogs);
    expect(await count("activities", kept.id)).toBe(before.activities);
    // Every old message moved (by id); each chatter gains the merge notice, the kept one also the tracked changes.
    const keptMessages = await t.c.store.repos.messages.listForLead(kept.id);
    expect(keptMessages.map((m) => m.id)).toEqual(expect.arrayContaining(dupMessageIds));
    // All of both leads' messages, plus the tracked Email/Mobile change and the merge notice.
    expect(await count("lead_messages", kept.id)).toBe(before.messages + 2);
    expect(keptMessages.find((m) => m.kind === "system" && m.body.startsWith("Ana Agent merged"))?.body).toMatch(
      new RegExp(`merged ${dup.reference} \\(Maria S\\.\\) into this lead\\. Values taken from it: Email, Mobile\\. Moved here: \\d+ chatter messages, 2 call logs, 2 activities, 2 distributor origins\\.`),
    );
    expect(keptMessages.some((m) => m.kind === "tracking" && /Mobile/.test(m.body))).toBe(true);
    const dupMessages = await t.c.store.repos.messages.listForLead(dup.id);
    expect(dupMessages.map((m) => m.body)).toEqual([`Ana Agent merged this lead into ${kept.reference} (Maria Santos) and archived it. Its chatter, call logs, activities and distributor origins are there now.`]);

    // The duplicate is archived and points at the kept lead; its remote records now belong to the kept lead,
    // so the distributor intake still counts them as imported.
    const archived = await t.c.store.repos.leads.findById(dup.id);
    expect(archived).toMatchObject({ active: false, mergedIntoId: kept.id, remoteId: null });
    expect(await count("lead_remote_origins", kept.id)).toBe(2);
    const imported = await t.c.store.repos.distributor.findImportedRemoteIds({ brandId, sourceId }, "cheryweb.quotation", [9001, 9002]);
    expect([...imported].sort()).toEqual([9001, 9002]);
  });

  it("keeps the kept lead's values unless a duplicate's value is chosen, and refuses to take an empty one", async () => {
    const kept = await makeLead(t, brandId, { userId: agent.id, email: "kept@example.com" });
    const dup = await makeLead(t, brandId, { userId: agent.id, email: null });
    const refused = await t.as(agent).post(`/api/leads/${dup.id}/merge`, { intoId: kept.id, take: ["email"] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/Only non-empty values can win: .* has no Email/);
    expect((await t.c.store.repos.leads.findById(dup.id))?.active).toBe(true);
    const ok = await t.as(agent).post(`/api/leads/${dup.id}/merge`, { intoId: kept.id });
    expect(ok.status).toBe(200);
    expect(ok.body.email).toBe("kept@example.com");
    expect(ok.body.mobile).toBe(kept.mobile);
  });

  it("lets only the owner of both leads, or a Supervisor or Manager, merge", async () => {
    const mine = await makeLead(t, brandId, { userId: agent.id });
    const theirs = await makeLead(t, brandId, { userId: otherAgent.id });
    const pool = await makeLead(t, brandId);
    for (const [dup, kept] of [
      [mine, theirs],
      [theirs, mine],
      [pool, mine],
    ] as const) {
      const res = await t.as(agent).post(`/api/leads/${dup.id}/merge`, { intoId: kept.id });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe("Only the owner of both leads, or a Supervisor or Manager, can merge them.");
    }
    expect((await t.as(supervisor).post(`/api/leads/${theirs.id}/merge`, { intoId: mine.id })).status).toBe(200);
  });

  it("refuses to merge away an endorsed, closed, archived or already merged lead, into itself, or across brands", async () => {
    const kept = await makeLead(t, brandId, { userId: agent.id });
    const endorsed = await makeLead(t, brandId, { userId: agent.id });
    await t.c.store.repos.leads.update(endorsed.id, { endorsementStatus: "delivered" });
    const won = await makeLead(t, brandId, { userId: agent.id, stage: "Won" });
    const lost = await makeLead(t, brandId, { userId: agent.id, stage: "Lost" });
    const archived = await makeLead(t, brandId, { userId: agent.id });
    await t.c.store.repos.leads.update(archived.id, { active: false });
    const otherBrand = await makeLead(t, (await makeBrand(t, "MRG2")).id, { userId: agent.id });
    const cases: [number, number, number, RegExp][] = [
      [endorsed.id, kept.id, 422, /endorsed to a dealership and cannot be merged away/],
      [won.id, kept.id, 422, /closed \(Won or Lost\)/],
      [lost.id, kept.id, 422, /closed \(Won or Lost\)/],
      [archived.id, kept.id, 422, /archived and cannot be merged away/],
      [kept.id, archived.id, 422, /restore it before merging into it/],
      [kept.id, kept.id, 400, /cannot be merged into itself/],
      [otherBrand.id, kept.id, 422, /different brands/],
      [kept.id, 999999, 404, /999999/],
    ];
    for (const [dup, into, status, message] of cases) {
      const res = await t.as(agent).post(`/api/leads/${dup}/merge`, { intoId: into });
      expect({ dup, status: res.status, message: res.body.error?.message }).toEqual({ dup, status, message: expect.stringMatching(message) });
    }
    // An endorsed lead can still be the one kept.
    expect((await t.as(agent).post(`/api/leads/${kept.id}/merge`, { intoId: endorsed.id })).status).toBe(200);
    const bad = await t.as(agent).post(`/api/leads/${won.id}/merge`, { intoId: "x", take: ["password"] });
    expect(bad.status).toBe(400);
  });

  it("when two merges of the same pair race in opposite directions, exactly one wins and nothing is lost", async () => {
    const a = await workedLead(supervisor);
    const b = await workedLead(supervisor);
    const total = async () => (await count("call_logs", a.id)) + (await count("call_logs", b.id));
    const calls = await total();
    const results = await Promise.all([t.as(supervisor).post(`/api/leads/${a.id}/merge`, { intoId: b.id }), t.as(supervisor).post(`/api/leads/${b.id}/merge`, { intoId: a.id })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await total()).toBe(calls);
    const rows = [await t.c.store.repos.leads.findById(a.id), await t.c.store.repos.leads.findById(b.id)];
    expect(rows.filter((l) => l!.active)).toHaveLength(1);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.message).toMatch(/already merged into another lead/);
  });

  it("a claim racing a merge either lands before it or finds the duplicate archived, never a claimed archived lead", async () => {
    for (let i = 0; i < 5; i++) {
      const kept = await makeLead(t, brandId, { userId: supervisor.id });
      const dup = await makeLead(t, brandId);
      const [merge, claim] = await Promise.all([t.as(supervisor).post(`/api/leads/${dup.id}/merge`, { intoId: kept.id }), t.as(agent).post(`/api/leads/${dup.id}/claim`)]);
      expect(merge.status).toBe(200);
      const after = await t.c.store.repos.leads.findById(dup.id);
      expect(after).toMatchObject({ active: false, mergedIntoId: kept.id });
      if (claim.status === 200) {
        // The claim committed first: its chatter line moved with the rest.
        expect((await t.c.store.repos.messages.listForLead(kept.id)).some((m) => m.body.includes("Ana Agent"))).toBe(true);
      } else {
        expect(claim.status).toBe(409);
        expect(after?.userId).toBeNull();
      }
    }
  });
});
