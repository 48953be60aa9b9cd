import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";
import { dayIn } from "@crm/platform/core";

let t: BpoTestApp;
let agent: TestUser;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent");
});
afterAll(() => t.close());

describe("Open Leads board", () => {
  it("groups unclaimed open leads by brand with a count per column, leaving out claimed, closed and archived ones", async () => {
    const a = await makeBrand(t, "AAA");
    const b = await makeBrand(t, "BBB");
    for (let i = 0; i < 3; i++) await makeLead(t, a.id);
    await makeLead(t, b.id);
    await makeLead(t, b.id, { userId: agent.id });
    await makeLead(t, b.id, { stage: "Lost" });
    await makeLead(t, b.id, { stage: "Won" });
    const archived = await makeLead(t, b.id);
    await t.c.store.repos.leads.update(archived.id, { active: false });

    const res = await t.as(agent).get("/api/boards/open-leads?perColumn=2");
    expect(res.status).toBe(200);
    const col = (code: string) => res.body.columns.find((c: { brand: { code: string } }) => c.brand.code === code);
    expect(col("AAA").count).toBe(3);
    expect(col("AAA").cards).toHaveLength(2);
    expect(col("AAA").nextCursor).toEqual(expect.any(String));
    expect(col("BBB").count).toBe(1);
    expect(col("BBB").nextCursor).toBeNull();
    expect(col("AAA").cards[0]).toMatchObject({ sourceCode: "inbound_call", sourceName: "Inbound Call", userId: null });
  });

  it("an archived brand's unclaimed leads stay in the pool and its count (bpo-1 filters on owner and outcome only)", async () => {
    const retired = await makeBrand(t, "RETIRED");
    const waiting = await makeLead(t, retired.id, { contactName: "Still Waiting" });
    await t.c.store.repos.catalog.updateBrand(retired.id, { active: false });
    const empty = await makeBrand(t, "GONE");
    await t.c.store.repos.catalog.updateBrand(empty.id, { active: false });

    const res = await t.as(agent).get("/api/boards/open-leads");
    const col = res.body.columns.find((c: { brand: { code: string } }) => c.brand.code === "RETIRED");
    expect(col).toMatchObject({ count: 1, brand: { active: false } });
    expect(col.cards.map((c: { id: number }) => c.id)).toEqual([waiting.id]);
    expect(res.body.total).toBe(res.body.columns.reduce((n: number, c: { count: number }) => n + c.count, 0));
    // An archived brand with nothing waiting does not add an empty column.
    expect(res.body.columns.some((c: { brand: { code: string } }) => c.brand.code === "GONE")).toBe(false);
    const page = await t.as(agent).get(`/api/boards/open-leads/brands/${retired.id}`);
    expect(page.body.cards.map((c: { id: number }) => c.id)).toEqual([waiting.id]);
    await t.as(agent).post(`/api/leads/${waiting.id}/claim`).expect(200);
  });

  it("each Open Leads card carries its activity pill too (bpo-2: every lead card)", async () => {
    const brand = await makeBrand(t);
    const manager = await t.user("manager");
    const day = (offset: number) => dayIn("Asia/Manila", new Date(Date.now() + offset * 86_400_000));
    const late = await makeLead(t, brand.id, { contactName: "Pool Late" });
    const idle = await makeLead(t, brand.id, { contactName: "Pool Idle" });
    await t.c.store.repos.activities.create({ leadId: late.id, type: "call", summary: "Call back", note: null, dueDate: day(-1), assigneeId: manager.id, createdById: manager.id });
    const res = await t.as(agent).get("/api/boards/open-leads");
    const cards = res.body.columns.flatMap((c: { cards: { id: number; activityState: string | null }[] }) => c.cards);
    expect(cards.find((c: { id: number }) => c.id === late.id).activityState).toBe("overdue");
    expect(cards.find((c: { id: number }) => c.id === idle.id).activityState).toBeNull();
  });

  it("pages through one column without repeating or skipping a card", async () => {
    const brand = await makeBrand(t, "PAGE");
    const ids = new Set<number>();
    for (let i = 0; i < 7; i++) ids.add((await makeLead(t, brand.id)).id);
    const seen: number[] = [];
    const first = await t.as(agent).get("/api/boards/open-leads?perColumn=3");
    const column = first.body.columns.find((c: { brand: { id: number } }) => c.brand.id === brand.id);
    seen.push(...column.cards.map((c: { id: number }) => c.id));
    let cursor = column.nextCursor;
    while (cursor) {
      const page = await t.as(agent).get(`/api/boards/open-leads/brands/${brand.id}?limit=3&cursor=${cursor}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.cards.map((c: { id: number }) => c.id));
      cursor = page.body.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(ids);
  });

  it("a forged cursor is a 400, not a 500", async () => {
    const brand = await makeBrand(t);
    const res = await t.as(agent).get(`/api/boards/open-leads/brands/${brand.id}?cursor=%%%garbage`);
    expect(res.status).toBe(400);
  });
});

describe("My Pipeline board", () => {
  it("shows only my leads by stage; an Agent cannot look at someone else's pipeline", async () => {
    const brand = await makeBrand(t);
    const me = await t.user("agent");
    const other = await t.user("agent");
    await makeLead(t, brand.id, { userId: me.id, stage: "New" });
    await makeLead(t, brand.id, { userId: me.id, stage: "Negotiation" });
    await makeLead(t, brand.id, { userId: me.id, stage: "Lost" });
    await makeLead(t, brand.id, { userId: other.id, stage: "New" });
    const res = await t.as(me).get("/api/boards/pipeline");
    const counts = Object.fromEntries(res.body.columns.map((c: { stage: { name: string }; count: number }) => [c.stage.name, c.count]));
    expect(counts).toEqual({ New: 1, Qualified: 0, Negotiation: 1, Won: 0, Lost: 1 });
    expect(res.body.columns.find((c: { stage: { name: string } }) => c.stage.name === "Lost").stage.fold).toBe(true);
    expect((await t.as(me).get(`/api/boards/pipeline?userId=${other.id}`)).status).toBe(403);
  });

  it("each card carries the pill of its earliest open activity: overdue, today, planned, or none", async () => {
    const brand = await makeBrand(t);
    const me = await t.user("agent");
    const day = (offset: number) => dayIn("Asia/Manila", new Date(Date.now() + offset * 86_400_000));
    const late = await makeLead(t, brand.id, { userId: me.id, contactName: "Late Lara" });
    const today = await makeLead(t, brand.id, { userId: me.id, contactName: "Today Tess" });
    const later = await makeLead(t, brand.id, { userId: me.id, contactName: "Later Lou" });
    const idle = await makeLead(t, brand.id, { userId: me.id, contactName: "Idle Ian" });
    const schedule = (leadId: number, dueDate: string) => t.as(me).post(`/api/leads/${leadId}/activities`, { type: "call", summary: "Follow up", dueDate }).expect(201);
    await schedule(late.id, day(-2));
    await schedule(late.id, day(3)); // the earliest open one decides
    await schedule(today.id, day(0));
    await schedule(later.id, day(4));
    const done = (await schedule(idle.id, day(-5))).body;
    await t.as(me).post(`/api/activities/${done.id}/done`).expect(200);

    const res = await t.as(me).get("/api/boards/pipeline");
    const cards = res.body.columns.flatMap((c: { cards: { contactName: string; activityState: string | null }[] }) => c.cards);
    const pill = Object.fromEntries(cards.map((c: { contactName: string; activityState: string | null }) => [c.contactName, c.activityState]));
    expect(pill).toEqual({ "Late Lara": "overdue", "Today Tess": "today", "Later Lou": "planned", "Idle Ian": null });
  });

  it("a Supervisor can look at another agent's pipeline and at everyone's", async () => {
    const brand = await makeBrand(t);
    const sup = await t.user("supervisor");
    const someone = await t.user("agent");
    await makeLead(t, brand.id, { userId: someone.id, stage: "Qualified" });
    const theirs = await t.as(sup).get(`/api/boards/pipeline?userId=${someone.id}`);
    expect(theirs.body.columns.find((c: { stage: { name: string } }) => c.stage.name === "Qualified").count).toBe(1);
    const all = await t.as(sup).get("/api/boards/pipeline?userId=all");
    expect(all.body.columns.find((c: { stage: { name: string } }) => c.stage.name === "Qualified").count).toBeGreaterThanOrEqual(1);
  });
});
