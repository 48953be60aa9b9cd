import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { QUOTATION, type RunningSimulator, brandWithDistributor, leadsOfBrand, messagesOf } from "./distributor-fixtures";

let t: BpoTestApp;
let manager: TestUser;
let agent: TestUser;
const sims: RunningSimulator[] = [];

beforeAll(async () => {
  t = await startBpoTestApp();
  manager = await t.user("manager");
  agent = await t.user("agent");
});
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  await t.close();
});

/** An open lead owned by the agent, on a brand whose dealership has a connection (nothing listens there). */
async function ownedLead(fields: { email?: string | null; customerNotes?: string }) {
  const brand = await makeBrand(t);
  const dealership = await makeDealership(t, brand.id);
  await t.as(manager).put(`/api/dealerships/${dealership.id}/connection`, { url: "http://127.0.0.1:9", key: "k".repeat(40) }).expect(200);
  const lead = await makeLead(t, brand.id, { userId: agent.id, stage: "Qualified", email: fields.email ?? null });
  if (fields.customerNotes) await t.c.store.db.lead.update({ where: { id: lead.id }, data: { customerNotes: fields.customerNotes } });
  return { lead, dealership };
}

describe("one bad field never makes a lead impossible to endorse (issue 14.3)", () => {
  it("Endorse refuses a lead whose e-mail or notes the endorse contract would refuse, names the fields, and queues nothing", async () => {
    const { lead, dealership } = await ownedLead({ email: "maria at example dot ph", customerNotes: "x".repeat(5001) });
    const check = await t.as(agent).get(`/api/leads/${lead.id}/endorsement-check`).expect(200);
    expect(check.body.endorsable).toBe(false);
    expect(check.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["customerNotes", "email"]);

    const outboxBefore = await t.c.store.db.outboxMessage.count();
    const res = await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId: dealership.id, withQuotation: false });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("lead_not_endorsable");
    expect(res.body.error.message).toMatch(/Email is not a valid email address/);
    expect(res.body.error.message).toMatch(/Customer Notes is longer than the 5000 characters/);
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["customerNotes", "email"]);
    expect(await t.c.store.db.outboxMessage.count()).toBe(outboxBefore);
    const after = await t.c.store.db.lead.findUniqueOrThrow({ where: { id: lead.id }, include: { stage: true } });
    expect(after).toMatchObject({ endorsementStatus: "none", endorsedDealershipId: null });
    expect(after.stage.name).toBe("Qualified");

    // Once the agent fixes the fields, the same lead is endorsed.
    await t.as(agent).patch(`/api/leads/${lead.id}`, { email: "maria@example.ph", customerNotes: "Prefers a call after 5pm" }).expect(200);
    expect((await t.as(agent).get(`/api/leads/${lead.id}/endorsement-check`).expect(200)).body).toEqual({ endorsable: true, issues: [] });
    const ok = await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId: dealership.id, withQuotation: false }).expect(200);
    expect(ok.body.endorsementStatus).toBe("pending");
    expect(await t.c.store.db.outboxMessage.count()).toBe(outboxBefore + 1);
  });

  it("intake keeps the customer whose distributor record has a malformed e-mail, an over-long name or mobile: the lead is endorsable, the chatter keeps what was sent, the run lists the record and the field", async () => {
    const { brand, sim } = await brandWithDistributor(t, manager);
    sims.push(sim);
    const longName = `Maria ${"Concepcion ".repeat(25)}Santos`;
    const longMobile = "0917 555 0001 / 0918 555 0002 / 02 8555 0003 (office)";
    const bad = sim.state.addQuotation({ first_name: longName, last_name: false, email: "maria at example dot ph", mobile: longMobile });
    const good = sim.state.addQuotation({ first_name: "Jose", last_name: "Cruz", email: "jose@example.ph", mobile: "+639171234567" });

    const run = (await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-now`).expect(200)).body;
    expect(run).toMatchObject({ status: "succeeded", created: 2 });
    expect(sim.state.status(QUOTATION, bad)).toBe("synced");
    expect(sim.state.status(QUOTATION, good)).toBe("synced");
    const issues = run.details.find((d: { model: string }) => d.model === QUOTATION).issues as { remoteId: number; field: string; problem: string }[];
    expect(issues.filter((i) => i.remoteId === bad).map((i) => i.field).sort()).toEqual(["contactName", "email", "mobile"]);
    expect(issues.some((i) => i.remoteId === good)).toBe(false);

    const lead = (await leadsOfBrand(t, brand.id)).find((l) => l.remoteId === bad)!;
    expect(lead.email).toBeNull();
    expect(lead.contactName.length).toBeLessThanOrEqual(200);
    expect(lead.contactName.startsWith("Maria Concepcion")).toBe(true);
    expect(lead.mobile.length).toBeLessThanOrEqual(40);
    const notes = (await messagesOf(t, lead.id)).map((m) => m.body).join("\n");
    expect(notes).toContain("maria at example dot ph");
    expect(notes).toContain(longMobile);
    expect(notes).toContain(longName.trim());

    await t.c.store.db.lead.update({ where: { id: lead.id }, data: { userId: agent.id } });
    expect((await t.as(agent).get(`/api/leads/${lead.id}/endorsement-check`).expect(200)).body).toEqual({ endorsable: true, issues: [] });
  });
});
