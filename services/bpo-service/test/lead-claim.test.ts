import type request from "supertest";
import { waitFor } from "@crm/test-kit";
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

  it("a claim answers the lead form's view field for field, with the same types as a read through Prisma", async () => {
    const lead = await makeLead(t, brandId);
    // Money, a date, an enum and a timestamp besides the defaults, so every kind of column is compared.
    await t.c.store.repos.leads.update(lead.id, { expectedPrice: 1234567.5, preferredDate: "2026-02-03", financingType: "bank", endorsedAt: new Date("2026-01-02T03:04:05.678Z") });
    const agent = agents[0]!;
    const claimed = await t.c.store.repos.leads.claimWithMessage(lead.id, agent.id, { kind: "tracking", body: "claimed", authorId: agent.id });
    const read = await t.c.store.repos.leads.findView(lead.id);
    expect(claimed).toStrictEqual(read);
    expect(claimed!.claimedAt).toBeInstanceOf(Date);
    expect(claimed!.endorsedAt).toEqual(new Date("2026-01-02T03:04:05.678Z"));
    expect(await t.c.store.repos.leads.claimState(lead.id)).toStrictEqual({ reference: lead.reference, userId: agent.id, userName: agent.name, open: true });
  });

  it("a claim made inside a transaction is undone with it (the statement goes through the transaction, not the pool)", async () => {
    const lead = await makeLead(t, brandId);
    const agent = agents[1]!;
    await expect(
      t.c.store.transaction(async (r) => {
        expect(await r.leads.claimWithMessage(lead.id, agent.id, { kind: "tracking", body: "claimed", authorId: agent.id })).not.toBeNull();
        expect((await r.leads.claimState(lead.id))!.userId).toBe(agent.id);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await t.c.store.repos.leads.claimState(lead.id))!.userId).toBeNull();
    expect(await t.c.store.repos.messages.listForLead(lead.id)).toHaveLength(0);
  });

  it("a claim that waited on a rival's uncommitted claim names the rival once the rival commits", async () => {
    const lead = await makeLead(t, brandId);
    const [rival, late] = [agents[2]!, agents[3]!];
    let answer: Promise<request.Response> | undefined;
    await t.c.store.transaction(async (r) => {
      await r.leads.update(lead.id, { userId: rival.id, claimedAt: new Date() });
      // The late claim starts while the rival's row lock is held: it still reads the lead as unclaimed, then its
      // conditional update waits for the rival and finds the lead taken.
      answer = t.as(late).post(`/api/leads/${lead.id}/claim`).then((res) => res);
      await waitFor(async () => {
        const [row] = await t.c.store.db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%WITH changed AS%'`;
        return row!.n > 0;
      });
    });
    const res = await answer!;
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "already_claimed", message: `Lead ${lead.reference} was already claimed by ${rival.name}.` });
    expect((await t.c.store.repos.leads.claimState(lead.id))!.userId).toBe(rival.id);
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
