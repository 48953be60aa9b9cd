import { createLogger } from "@crm/platform";
import request from "supertest";
import { buildApp } from "../src/app";
import { type BpoContainer, createContainer } from "../src/container";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead, stageByName } from "./helpers/factories";
import { waitFor as until } from "@crm/test-kit";

/**
 * Upper bounds of the SQL statements each hot path sends (BEGIN/COMMIT count). A change that adds a round trip
 * to a path every agent hits many times a minute fails here; lower the bound when a path gets cheaper.
 */
let t: BpoTestApp;
let agent: TestUser;
let other: TestUser;
let brandId: number;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent", "Hot Agent");
  other = await t.user("agent", "Other Agent");
  brandId = (await makeBrand(t)).id;
  await until(() => t.c.cacheBus.live);
  // Warm the per-process caches (session, stages, brands) as any running API process has them.
  await t.as(agent).get("/api/boards/open-leads").expect(200);
  await t.as(other).get("/api/auth/me").expect(200);
  await t.as(agent).get("/api/boards/pipeline").expect(200);
});
afterAll(() => t.close());

/**
 * Statements `fn` sends, with both agents' sessions freshly cached first: the cache lives SESSION_CACHE_SECONDS,
 * and on a slow machine the warm-up in beforeAll can be older than that by the time a test runs.
 */
const sentDuring = async (fn: () => Promise<unknown>) => {
  await Promise.all([t.as(agent).get("/api/auth/me").expect(200), t.as(other).get("/api/auth/me").expect(200)]);
  return t.statementsDuring(fn);
};
const count = async (fn: () => Promise<unknown>) => (await sentDuring(fn)).length;

describe("statements per hot path", () => {
  it("an authenticated request with a known session sends no session query", async () => {
    expect(await count(() => t.as(agent).get("/api/auth/me").expect(200))).toBe(0);
  });

  it("a session not yet seen by this process costs one statement", async () => {
    const fresh = await t.user("agent");
    expect(await count(() => t.as(fresh).get("/api/auth/me").expect(200))).toBe(1);
  });

  it("Open Leads sends at most 2 statements (counts and cards; brands cached)", async () => {
    await makeLead(t, brandId);
    expect(await count(() => t.as(agent).get("/api/boards/open-leads").expect(200))).toBeLessThanOrEqual(2);
  });

  it("My Pipeline sends at most 2 statements (counts and cards; stages cached)", async () => {
    expect(await count(() => t.as(agent).get("/api/boards/pipeline").expect(200))).toBeLessThanOrEqual(2);
  });

  it("a winning claim sends at most 2 statements and a losing one 1", async () => {
    const lead = await makeLead(t, brandId);
    // count() caches both sessions first: on a slow machine the session cache can expire between tests.
    expect(await count(() => t.as(agent).post(`/api/leads/${lead.id}/claim`).expect(200))).toBeLessThanOrEqual(2);
    expect(await count(() => t.as(other).post(`/api/leads/${lead.id}/claim`).expect(409))).toBeLessThanOrEqual(1);
  });

  it("reading a lead for its form sends 1 statement", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    expect(await count(() => t.as(agent).get(`/api/leads/${lead.id}`).expect(200))).toBe(1);
  });

  it("the lead form's read, Open Leads and My Pipeline send prepared statements only, planned once per connection", async () => {
    // Unprepared, PostgreSQL plans these joins on every call: the lead read answered ~540 requests/s that way
    // against ~1,600 prepared (bench/request-cost.ts), Open Leads and My Pipeline 1.2-2x fewer.
    const lead = await makeLead(t, brandId, { userId: agent.id });
    for (const path of [`/api/leads/${lead.id}`, "/api/boards/open-leads", "/api/boards/pipeline"]) {
      const sent = await t.preparedDuring(() => t.as(agent).get(path).expect(200));
      expect(sent.length).toBeGreaterThan(0);
      expect({ path, unprepared: sent.filter((s) => !s.prepared).map((s) => s.sql.trim().slice(0, 60)) }).toEqual({ path, unprepared: [] });
    }
  });

  it("a stage move sends at most 2 statements (the read the rules check; the guarded move with its chatter, answering the view)", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const qualified = await stageByName(t, "Qualified");
    const sent = await sentDuring(() => t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: qualified.id }).expect(200));
    expect(sent.length).toBeLessThanOrEqual(2);
  });

  it("logging a call sends at most 2 statements (the read the rules check; call log, follow-up, first call and chatter in one)", async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id });
    const sent = await sentDuring(() =>
      t.as(agent).post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 3, result: "answered", summary: "Interested" }).expect(201),
    );
    expect(sent.length).toBeLessThanOrEqual(2);
    const withFollowUp = await sentDuring(() =>
      t
        .as(agent)
        .post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 1, result: "busy", summary: "Busy", nextActivity: { type: "call", summary: "Retry", dueDate: "2030-01-01" } })
        .expect(201),
    );
    expect(withFollowUp.length).toBeLessThanOrEqual(2);
  });
});

describe("per-process caches stay correct across API processes", () => {
  let second: BpoContainer;
  let appB: ReturnType<typeof buildApp>;
  const getMe = (token: string) => request(appB).get("/api/auth/me").set("authorization", `Bearer ${token}`);

  beforeAll(async () => {
    // A second API process on the same database and Redis prefix.
    second = createContainer(t.c.config, { logger: createLogger({ service: "bpo-test-2", level: "error", silent: true }), dbPoolSize: 2 });
    appB = buildApp(second);
    await until(() => second.cacheBus.live);
  });
  afterAll(() => second.close());

  it("a logout in one process ends the session in another that has it cached", async () => {
    const u = await t.user("agent");
    await getMe(u.token).expect(200);
    await t.as(u).post("/api/auth/logout").expect(204);
    await expectSoon(async () => (await getMe(u.token)).status === 401);
  });

  it("a deactivation in one process refuses the user's cached session in another", async () => {
    const manager = await t.user("manager");
    const u = await t.user("agent");
    await getMe(u.token).expect(200);
    await t.as(manager).patch(`/api/users/${u.id}`, { active: false }).expect(200);
    await expectSoon(async () => (await getMe(u.token)).status === 401);
  });

  it("a role change in one process is what another process acts on next", async () => {
    const manager = await t.user("manager");
    const u = await t.user("agent");
    expect((await getMe(u.token).expect(200)).body.role).toBe("agent");
    await t.as(manager).patch(`/api/users/${u.id}`, { role: "supervisor" }).expect(200);
    await expectSoon(async () => (await getMe(u.token)).body.role === "supervisor");
  });

  it("a stage renamed in one process shows on another process's pipeline", async () => {
    const manager = await t.user("manager");
    await request(appB).get("/api/boards/pipeline").set("authorization", `Bearer ${agent.token}`).expect(200);
    const qualified = await stageByName(t, "Qualified");
    await t.as(manager).patch(`/api/stages/${qualified.id}`, { name: "Qualified lead" }).expect(200);
    await expectSoon(async () => {
      const res = await request(appB).get("/api/boards/pipeline").set("authorization", `Bearer ${agent.token}`);
      return res.body.columns.some((c: { stage: { name: string } }) => c.stage.name === "Qualified lead");
    });
  });

  it("a brand created in one process gets its column on another process's Open Leads", async () => {
    const manager = await t.user("manager");
    await request(appB).get("/api/boards/open-leads").set("authorization", `Bearer ${agent.token}`).expect(200);
    await t.as(manager).post("/api/brands", { code: "NEWB", name: "New Brand" }).expect(201);
    await expectSoon(async () => {
      const res = await request(appB).get("/api/boards/open-leads").set("authorization", `Bearer ${agent.token}`);
      return res.body.columns.some((c: { brand: { code: string } }) => c.brand.code === "NEWB");
    });
  });
});

/** Invalidations travel over Redis pub/sub: allow the message a moment, far below the catalogue caches' 60 s TTL. */
async function expectSoon(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`not observed within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
