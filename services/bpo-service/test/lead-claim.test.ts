import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";

let t: BpoTestApp;
let brandId: number;
let agents: TestUser[];

beforeAll(async () => {
  t = await startBpoTestApp();
  brandId = (await makeBrand(t)).id;
  agents = [];
  for (let i = 0; i < 20; i++) agents.push(await t.user("agent", `Agent ${String.fromCharCode(65 + i)}`));
});
afterAll(() => t.close());

const openLeadIds = async (user: TestUser) => {
  const res = await t.as(user).get("/api/boards/open-leads?perColumn=100");
  expect(res.status).toBe(200);
  return res.body.columns.flatMap((c: { cards: { id: number }[] }) => c.cards.map((x) => x.id));
};

describe("claiming a lead from the Open Leads pool", () => {
  it("when 20 agents claim the same lead at once, exactly one wins and 19 get a 409 naming the holder", async () => {
    const lead = await makeLead(t, brandId);
    const results = await Promise.all(agents.map((a) => t.as(a).post(`/api/leads/${lead.id}/claim`)));
    const winners = results.filter((r) => r.status === 200);
    const conflicts = results.filter((r) => r.status === 409);
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    const holder = agents.find((a) => a.id === winners[0]!.body.user.id)!;
    for (const c of conflicts) {
      expect(c.body.error.code).toBe("already_claimed");
      expect(c.body.error.message).toBe(`Lead ${lead.reference} was already claimed by ${holder.name}.`);
    }
    const stored = await t.c.store.repos.leads.findById(lead.id);
    expect(stored!.userId).toBe(holder.id);
    // Exactly one "Salesperson: — → holder" entry in the chatter.
    const msgs = await t.c.store.repos.messages.listForLead(lead.id);
    expect(msgs.filter((m) => m.body === `Salesperson: — → ${holder.name}`)).toHaveLength(1);
  });

  it("a claimed lead leaves everyone's Open Leads at once", async () => {
    const [a, b] = agents as [TestUser, TestUser];
    const lead = await makeLead(t, brandId);
    expect(await openLeadIds(b)).toContain(lead.id);
    expect((await t.as(a).post(`/api/leads/${lead.id}/claim`)).status).toBe(200);
    expect(await openLeadIds(b)).not.toContain(lead.id);
    expect(await openLeadIds(a)).not.toContain(lead.id);
  });

  it("claiming a lead you already hold says so", async () => {
    const a = agents[0]!;
    const lead = await makeLead(t, brandId, { userId: a.id });
    const res = await t.as(a).post(`/api/leads/${lead.id}/claim`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(`Lead ${lead.reference} was already claimed by you.`);
  });

  it("a closed lead cannot be claimed", async () => {
    const lead = await makeLead(t, brandId, { stage: "Lost" });
    const res = await t.as(agents[0]!).post(`/api/leads/${lead.id}/claim`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("lead_closed");
  });

  it("a Supervisor can reassign a claimed lead and the chatter shows the new salesperson", async () => {
    const supervisor = await t.user("supervisor", "Sam Supervisor");
    const [a, b] = agents as [TestUser, TestUser];
    const lead = await makeLead(t, brandId, { userId: a.id });
    const res = await t.as(supervisor).post(`/api/leads/${lead.id}/assign`, { userId: b.id });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: b.id, name: b.name });
    const msgs = await t.c.store.repos.messages.listForLead(lead.id);
    expect(msgs[0]).toMatchObject({ kind: "tracking", body: `Salesperson: ${a.name} → ${b.name}`, authorName: "Sam Supervisor" });
  });

  it("an Agent cannot reassign leads", async () => {
    const [a, b] = agents as [TestUser, TestUser];
    const lead = await makeLead(t, brandId, { userId: a.id });
    const res = await t.as(a).post(`/api/leads/${lead.id}/assign`, { userId: b.id });
    expect(res.status).toBe(403);
    expect((await t.c.store.repos.leads.findById(lead.id))!.userId).toBe(a.id);
  });
});
