import { FloorService } from "../src/domain/floor-service";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";

let t: BpoTestApp;
let supervisor: TestUser;
let manager: TestUser;
let ann: TestUser;
let ben: TestUser;
let chery: number;
let jaecoo: number;

const MIN = 60_000;

/** Sets a lead's timeline columns directly (UTC instants), as if each step happened then. */
async function timeline(id: number, t0: { created?: Date; claimed?: Date | null; firstCall?: Date | null; endorsed?: Date | null; closed?: Date | null; userId?: number | null; won?: boolean; lost?: boolean }) {
  await t.c.store.db.lead.update({
    where: { id },
    data: {
      ...(t0.created ? { createdAt: t0.created } : {}),
      ...(t0.claimed !== undefined ? { claimedAt: t0.claimed } : {}),
      ...(t0.firstCall !== undefined ? { firstCallAt: t0.firstCall } : {}),
      ...(t0.endorsed !== undefined ? { endorsedAt: t0.endorsed } : {}),
      ...(t0.closed !== undefined ? { closedAt: t0.closed } : {}),
      ...(t0.userId !== undefined ? { userId: t0.userId } : {}),
      ...(t0.won ? { isWon: true } : {}),
      ...(t0.lost ? { isLost: true } : {}),
    },
  });
}

beforeAll(async () => {
  t = await startBpoTestApp({ BUSINESS_TIMEZONE: "Asia/Manila" });
  supervisor = await t.user("supervisor", "Sue Supervisor");
  manager = await t.user("manager", "Max Manager");
  ann = await t.user("agent", "Ann Agent");
  ben = await t.user("agent", "Ben Agent");
  chery = (await makeBrand(t, "CHERY")).id;
  jaecoo = (await makeBrand(t, "JAECOO")).id;
});
afterAll(() => t.close());

describe("floor: who may see and set it", () => {
  it("refuses Agents the floor and everyone but Managers the thresholds", async () => {
    expect((await t.as(ann).get("/api/floor")).status).toBe(403);
    expect((await t.as(supervisor).get("/api/floor")).status).toBe(200);
    const put = await t.as(supervisor).put("/api/floor/thresholds", { claimMinutes: 5, firstCallMinutes: 10 });
    expect(put.status).toBe(403);
    expect((await t.as(manager).get("/api/floor/thresholds")).body).toEqual({ claimMinutes: 15, firstCallMinutes: 30 });
  });

  it("rejects bad thresholds and ranges with a readable message and changes nothing", async () => {
    const bad = await t.as(manager).put("/api/floor/thresholds", { claimMinutes: 0, firstCallMinutes: 30 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("Claim within must be at least 1 minute");
    expect((await t.as(manager).get("/api/floor/thresholds")).body.claimMinutes).toBe(15);
    const range = await t.as(supervisor).get("/api/floor?from=2026-11-10&to=2026-11-01");
    expect(range.status).toBe(400);
    expect(JSON.stringify(range.body)).toContain("From must not be after To");
    expect((await t.as(supervisor).get("/api/floor?from=2026-11-10")).status).toBe(400);
  });
});

describe("floor: counts recorded as the floor works", () => {
  it("a claim and the first logged call show on the agent's row today and set first_call_at once", async () => {
    const lead = await makeLead(t, chery);
    expect((await t.as(ann).post(`/api/leads/${lead.id}/claim`)).status).toBe(200);
    const call = { durationMinutes: 3, result: "answered", summary: "Wants a test drive" };
    expect((await t.as(ann).post(`/api/leads/${lead.id}/call-logs`, call)).status).toBe(201);
    const first = (await t.c.store.repos.leads.findById(lead.id))!.firstCallAt;
    expect(first).toBeInstanceOf(Date);
    await t.as(ann).post(`/api/leads/${lead.id}/call-logs`, { ...call, result: "no_answer" });
    expect((await t.c.store.repos.leads.findById(lead.id))!.firstCallAt).toEqual(first);

    const floor = (await t.as(supervisor).get("/api/floor")).body;
    const row = floor.agents.find((a: { userId: number }) => a.userId === ann.id);
    expect(row).toMatchObject({ name: "Ann Agent", claims: 1, calls: { answered: 1, no_answer: 1 }, callsTotal: 2 });
    expect(floor.agents.find((a: { userId: number }) => a.userId === ben.id)).toMatchObject({ claims: 0, callsTotal: 0 });
    expect(floor.responseTimes.today.overall.first_call.count).toBe(1);
    expect(floor.chart.claimed.reduce((s: number, x: number) => s + x, 0)).toBe(1);
  });
});

describe("floor: figures at a fixed time (Manila, 3 Dec 2026 10:00 = 02:00 UTC)", () => {
  const now = new Date("2026-12-03T02:00:00Z");
  let floor: FloorService;
  let fresh: TestUser;
  let sue: { id: number; name: string; role: "supervisor" };

  beforeAll(async () => {
    await t.c.store.db.$executeRaw`DELETE FROM leads`;
    floor = new FloorService(t.c.store, { timeZone: "Asia/Manila", now: () => now });
    sue = { id: supervisor.id, name: supervisor.name, role: "supervisor" };
    fresh = await t.user("agent", "Cid Agent");
    const at = (m: number) => new Date(now.getTime() - m * MIN);
    // Waiting Chery leads: one since 25 min, one since 5 min; one imported (remote) Jaecoo lead since 3 h.
    const w1 = await makeLead(t, chery);
    await timeline(w1.id, { created: at(25) });
    const w2 = await makeLead(t, chery);
    await timeline(w2.id, { created: at(5) });
    const imported = await makeLead(t, jaecoo);
    await timeline(imported.id, { created: at(180) });
    await t.c.store.db.lead.update({ where: { id: imported.id }, data: { remoteModel: "crm.lead", remoteBrandId: jaecoo, remoteId: 1 } });
    // Yesterday's lead (Manila 2 Dec 20:00) does not count as created today.
    const old = await makeLead(t, chery, { userId: fresh.id });
    await timeline(old.id, { created: new Date("2026-12-02T12:00:00Z"), claimed: new Date("2026-12-02T12:30:00Z"), firstCall: new Date("2026-12-02T12:40:00Z") });
    // Cid today: claims after 10, 20 and 30 min; calls 5 and 45 min after the claim; one endorsed 60 min after its call.
    for (const [i, wait] of [10, 20, 30].entries()) {
      const l = await makeLead(t, chery, { userId: fresh.id });
      const created = at(100 + i);
      const claimed = new Date(created.getTime() + wait * MIN);
      const firstCall = i === 0 ? new Date(claimed.getTime() + 5 * MIN) : i === 1 ? new Date(claimed.getTime() + 45 * MIN) : null;
      await timeline(l.id, { created, claimed, firstCall, endorsed: i === 0 ? new Date(firstCall!.getTime() + 60 * MIN) : null });
    }
  });

  it("per brand: leads waiting, the oldest one's age, imported and created today", async () => {
    const s = await floor.summary(sue, {});
    const byName = Object.fromEntries(s.brands.map((b) => [b.name, b]));
    expect(byName["Brand CHERY"]).toMatchObject({ waiting: 2, oldestWaitingMinutes: 25, importedToday: 0, createdToday: 5 });
    expect(byName["Brand JAECOO"]).toMatchObject({ waiting: 1, oldestWaitingMinutes: 180, importedToday: 1, createdToday: 0 });
    expect(s.today).toBe("2026-12-03");
  });

  it("response times: median and p90 of intake → claim, claim → first call, first call → endorse, per agent and brand", async () => {
    const s = await floor.summary(sue, {});
    const today = s.responseTimes.today;
    // Claims after 10, 20, 30 min: median 20 min, p90 28 min (linear interpolation).
    expect(today.overall.claim).toEqual({ count: 3, medianSeconds: 1200, p90Seconds: 1680 });
    expect(today.overall.first_call).toEqual({ count: 2, medianSeconds: 1500, p90Seconds: 2460 });
    expect(today.overall.settle).toEqual({ count: 1, medianSeconds: 3600, p90Seconds: 3600 });
    const cid = today.byAgent.find((a) => a.userId === fresh.id)!;
    expect(cid.claim).toEqual(today.overall.claim);
    expect(today.byBrand.map((b) => b.name)).toEqual(["Brand CHERY"]);
    // Yesterday's claim (30 min) is in the last 7 days, not today.
    expect(s.responseTimes.last7Days.overall.claim!.count).toBe(4);
    expect(s.responseTimes.range).toBeNull();
    const ranged = await floor.summary(sue, { from: "2026-12-02", to: "2026-12-02" });
    expect(ranged.responseTimes.range!.overall.claim).toEqual({ count: 1, medianSeconds: 1800, p90Seconds: 1800 });
    // A range past a week is computed with more sort memory (its own transaction per metric): the same figures.
    const month = await floor.summary(sue, { from: "2026-11-04", to: "2026-12-03" });
    expect(month.responseTimes.range!.overall).toEqual(s.responseTimes.last7Days.overall);
    expect(month.responseTimes.range!.byAgent).toEqual(s.responseTimes.last7Days.byAgent);
  });

  it("lists leads past the thresholds, longest first; a Manager's new threshold applies at once", async () => {
    const s = await floor.summary(sue, {});
    // Claim within 15 min: the 25-min Chery lead and the 3-h Jaecoo lead. First call within 30 min: Cid's uncalled claim.
    expect(s.breaches.claim).toBe(2);
    expect(s.breaches.firstCall).toBe(1);
    expect(s.breaches.leads.map((b) => [b.kind, b.brandName])).toEqual([
      ["claim", "Brand JAECOO"],
      ["claim", "Brand CHERY"],
      ["first_call", "Brand CHERY"],
    ]);
    expect(s.breaches.leads[0]!.minutesOver).toBe(180 - 15);

    expect((await t.as(manager).put("/api/floor/thresholds", { claimMinutes: 60, firstCallMinutes: 30 })).status).toBe(200);
    const after = await floor.summary(sue, {});
    expect(after.thresholds).toEqual({ claimMinutes: 60, firstCallMinutes: 30 });
    expect(after.breaches.claim).toBe(1);
    await t.as(manager).put("/api/floor/thresholds", { claimMinutes: 15, firstCallMinutes: 30 });
  });

  it("the chart works back from the pool: waiting leads and claims per hour of today", async () => {
    const s = await floor.summary(sue, {});
    // 10:00 in Manila: ten hours so far.
    expect(s.chart.hours).toHaveLength(10);
    expect(s.chart.claimed.reduce((a, b) => a + b, 0)).toBe(3);
    expect(s.chart.waiting.at(-1)).toBe(3);
  });

  it("flags the breaching leads on the Open Leads and pipeline cards", async () => {
    // Cards use the database clock: shift the tested leads into real time.
    await t.c.store.db.$executeRaw`UPDATE leads SET created_at = created_at + (now() AT TIME ZONE 'UTC' - ${now}::timestamp), claimed_at = claimed_at + (now() AT TIME ZONE 'UTC' - ${now}::timestamp)`;
    const board = (await t.as(supervisor).get("/api/boards/open-leads")).body;
    const cards: { breach: string | null }[] = board.columns.flatMap((c: { cards: unknown[] }) => c.cards);
    expect(cards.map((c) => c.breach).sort()).toEqual(["claim", "claim", null]);
    const pipeline = (await t.as(supervisor).get("/api/boards/pipeline?userId=all")).body;
    const owned: { breach: string | null }[] = pipeline.columns.flatMap((c: { cards: unknown[] }) => c.cards);
    expect(owned.filter((c) => c.breach === "first_call")).toHaveLength(1);
    expect(owned).toHaveLength(4);
  });
});
