import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { inboundCallId, makeBrand, makeLead, stageByName } from "./helpers/factories";

let t: BpoTestApp;
let agent: TestUser;
let supervisor: TestUser;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent");
  supervisor = await t.user("supervisor");
});
afterAll(() => t.close());

/** The Open Leads column counts as the board answers them, brand id -> count. */
async function boardCounts(): Promise<Map<number, number>> {
  const res = await t.as(agent).get("/api/boards/open-leads?perColumn=1").expect(200);
  return new Map(res.body.columns.filter((c: { count: number }) => c.count > 0).map((c: { brand: { id: number }; count: number }) => [c.brand.id, c.count]));
}

/** After each step the board's counts (kept by the lead_pool_counts triggers) equal a COUNT(*) of the pool. */
async function expectExactCounts(step: string) {
  const [board, recount] = await Promise.all([boardCounts(), t.c.store.repos.leads.recountPool()]);
  expect({ step, counts: Object.fromEntries(board) }).toEqual({ step, counts: Object.fromEntries(recount) });
}

describe("Open Leads column counts", () => {
  it("stay equal to a recount of the pool through creates, imports, claims, assigns, closes, archives, brand moves, merges, deletes and rollbacks", async () => {
    const a = await makeBrand(t, "POOLA");
    const b = await makeBrand(t, "POOLB");
    const sourceId = await inboundCallId(t);
    await expectExactCounts("start");

    const created: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.as(agent).post("/api/leads", { contactName: `Pool ${i}`, mobile: `+6391770000${i}`, brandId: i % 2 ? a.id : b.id, sourceId });
      expect(res.status).toBe(201);
      created.push(res.body.id);
    }
    const mine = await t.as(agent).post("/api/leads", { contactName: "Claimed At Once", mobile: "+639177000099", brandId: a.id, sourceId, claim: true });
    expect(mine.status).toBe(201);
    await expectExactCounts("created through the API, one claimed at once");

    // An import writes many leads in one statement (as DistributorRepository.insertLeads does), some not pooled.
    await t.c.store.db.$executeRaw`
      INSERT INTO leads (contact_name, mobile, brand_id, source_id, stage_id, user_id, updated_at)
      SELECT 'Imported ' || g, '+63918' || lpad(g::text, 7, '0'), CASE WHEN g % 3 = 0 THEN ${a.id}::int ELSE ${b.id}::int END, ${sourceId}::int,
             (SELECT id FROM stages WHERE name = 'New'), CASE WHEN g % 5 = 0 THEN ${agent.id}::int END, now()
      FROM generate_series(1, 40) g`;
    await expectExactCounts("imported in one statement");

    await t.as(agent).post(`/api/leads/${created[0]}/claim`).expect(200);
    await t.as(agent).post(`/api/leads/${created[0]}/claim`).expect(409);
    await expectExactCounts("claimed, and a losing claim");

    await t.as(supervisor).post(`/api/leads/${created[1]}/assign`, { userId: agent.id }).expect(200);
    await expectExactCounts("assigned by a supervisor");
    await t.as(supervisor).post(`/api/leads/${created[1]}/assign`, { userId: null }).expect(200);
    await expectExactCounts("released back to the pool");

    await t.as(agent).post(`/api/leads/${created[0]}/mark-lost`, { reason: "price" }).expect(200);
    await expectExactCounts("a claimed lead closed as lost");
    const closed = await makeLead(t, a.id, { stage: "Won" });
    await expectExactCounts("a lead created already won");
    await t.c.store.repos.leads.update(closed.id, { isWon: false, stageId: (await stageByName(t, "New")).id });
    await expectExactCounts("a closed lead reopened without an owner");

    await t.as(supervisor).post(`/api/leads/${created[2]}/archive`).expect(200);
    await expectExactCounts("archived");
    await t.as(supervisor).post(`/api/leads/${created[2]}/restore`).expect(200);
    await expectExactCounts("restored");

    await t.as(supervisor).patch(`/api/leads/${created[3]}`, { brandId: a.id }).expect(200);
    await expectExactCounts("a waiting lead moved to another brand");

    const kept = await makeLead(t, a.id, { userId: agent.id, mobile: "+639170001111", contactName: "Maria Santos" });
    const dup = await makeLead(t, a.id, { userId: agent.id, mobile: "+639170001111", contactName: "Maria S." });
    await t.as(supervisor).post(`/api/leads/${dup.id}/assign`, { userId: null }).expect(200);
    await expectExactCounts("a duplicate released to the pool");
    await t.as(supervisor).post(`/api/leads/${dup.id}/merge`, { intoId: kept.id }).expect(200);
    await expectExactCounts("the waiting duplicate merged away (archived)");

    await t.c.store.db.$executeRaw`DELETE FROM leads WHERE id = ${created[4]!} AND NOT EXISTS (SELECT 1 FROM lead_messages m WHERE m.lead_id = leads.id)`;
    await t.c.store.db.$executeRaw`DELETE FROM lead_messages WHERE lead_id = ${created[5]!}`;
    await t.c.store.db.$executeRaw`DELETE FROM leads WHERE id = ${created[5]!}`;
    await expectExactCounts("a waiting lead deleted");

    await expect(
      t.c.store.db.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE leads SET user_id = ${agent.id} WHERE brand_id = ${b.id} AND user_id IS NULL`;
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await expectExactCounts("a claim of a whole column rolled back");
  });

  it("stay exact when many agents race for the same leads at once", async () => {
    const brand = await makeBrand(t, "RACE");
    const leads = await Promise.all(Array.from({ length: 12 }, () => makeLead(t, brand.id)));
    const racers = await Promise.all(Array.from({ length: 6 }, () => t.user("agent")));
    const answers = await Promise.all(racers.flatMap((r) => leads.map((l) => t.as(r).post(`/api/leads/${l.id}/claim`))));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(leads.length);
    expect((await boardCounts()).get(brand.id)).toBeUndefined();
    await expectExactCounts("after the race");
  });

  it("keep their sums when the per-connection rows are folded together", async () => {
    const brand = await makeBrand(t, "FOLD");
    for (let i = 0; i < 3; i++) await makeLead(t, brand.id);
    // Rows left by many earlier connections (as after server restarts), summing to zero.
    await t.c.store.db.$executeRaw`
      INSERT INTO lead_pool_counts (brand_id, slot, n) SELECT ${brand.id}::int, -g, CASE WHEN g % 2 = 0 THEN 1 ELSE -1 END FROM generate_series(1, 300) g`;
    const before = await boardCounts();
    await t.c.store.repos.leads.compactPoolCounts();
    const rows = await t.c.store.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM lead_pool_counts WHERE brand_id = ${brand.id}`;
    expect(rows[0]?.n).toBe(1);
    expect(await boardCounts()).toEqual(before);
    expect(before.get(brand.id)).toBe(3);
    await expectExactCounts("after folding");
  });
});
