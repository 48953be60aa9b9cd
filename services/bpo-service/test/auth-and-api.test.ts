import { readdirSync } from "node:fs";
import path from "node:path";
import request from "supertest";
import { hashToken } from "@crm/platform";
import { type BpoTestApp, TEST_PASSWORD, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";

let t: BpoTestApp;
let agent: TestUser;

beforeAll(async () => {
  t = await startBpoTestApp({ LOGIN_RATE_LIMIT: "3" });
  agent = await t.user("agent");
});
afterAll(() => t.close());

const loginOf = async (u: TestUser) => (await t.c.store.repos.users.findById(u.id))!.login;

describe("authentication", () => {
  it("health and readiness answer without credentials; readiness checks the database and Redis and reports build and migration", async () => {
    expect((await request(t.app).get("/healthz")).body).toEqual({ status: "ok" });
    const ready = await request(t.app).get("/readyz");
    expect(ready.status).toBe(200);
    const lastMigration = readdirSync(path.join(__dirname, "../../../prisma/bpo/migrations")).filter((d) => /^\d/.test(d)).sort().at(-1);
    expect(ready.body).toEqual({
      status: "ready",
      checks: { database: "ok", redis: "ok" },
      version: { service: "bpo-service", mode: "source", version: "dev", commit: "unknown", builtAt: null, migration: lastMigration },
    });
  });

  it.each([
    ["get", "/api/boards/open-leads"],
    ["get", "/api/leads/1"],
    ["post", "/api/leads"],
    ["get", "/api/lead-sources"],
    ["get", "/api/call-logs"],
    ["get", "/api/activities/mine"],
    ["get", "/api/users"],
    ["get", "/api/auth/me"],
  ])("%s %s without credentials is 401", async (method, path) => {
    const res = await (request(t.app) as any)[method](path).send({});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });

  it("a made-up bearer token is 401", async () => {
    const res = await request(t.app).get("/api/auth/me").set("authorization", "Bearer not-a-token");
    expect(res.status).toBe(401);
  });

  it("browser login sets an httpOnly, SameSite=Strict session cookie that authenticates; logout ends it", async () => {
    const login = await request(t.app).post("/api/auth/login").send({ login: await loginOf(agent), password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.token).toBeUndefined();
    const cookie = login.headers["set-cookie"]![0]!;
    expect(cookie).toMatch(/^sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await request(t.app).get("/api/auth/me").set("cookie", cookie.split(";")[0]!);
    expect(me.body).toEqual({ id: agent.id, name: agent.name, role: "agent" });
    await request(t.app).post("/api/auth/logout").set("cookie", cookie.split(";")[0]!);
    expect((await request(t.app).get("/api/auth/me").set("cookie", cookie.split(";")[0]!)).status).toBe(401);
  });

  it("a wrong password is 401 without saying whether the login exists, and the hash is never returned", async () => {
    const wrong = await request(t.app).post("/api/auth/login").send({ login: await loginOf(agent), password: "nope-nope" });
    const unknown = await request(t.app).post("/api/auth/login").send({ login: "ghost@test", password: "nope-nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    const users = await t.as(agent).get("/api/users");
    expect(JSON.stringify(users.body)).not.toMatch(/passwordHash|argon2/);
  });

  it("stored passwords are argon2id hashes with the production parameters (19 MiB, 2 passes), not plaintext", async () => {
    // A user created through the API (test factories store a cheap precomputed hash).
    const manager = await t.user("manager");
    const res = await t.as(manager).post("/api/users", { login: "hashed.agent", name: "Hashed", role: "agent", password: "long-enough-pass" });
    expect(res.status).toBe(201);
    const creds = await t.c.store.repos.users.findCredentials("hashed.agent");
    expect(creds!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(creds!.passwordHash).not.toContain("long-enough-pass");
  });

  it("rate-limits repeated logins for the same login with 429", async () => {
    const victim = await t.user("agent");
    const login = await loginOf(victim);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await request(t.app).post("/api/auth/login").send({ login, password: "guess-guess" })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it("counts failed logins only: an agent who signs in ten times in a row is never locked out", async () => {
    const busy = await t.user("agent");
    const login = await loginOf(busy);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await request(t.app).post("/api/auth/login").send({ login, password: TEST_PASSWORD, kind: "api" })).status);
    expect(statuses).toEqual(Array(10).fill(200));
    // Failures still count (the limit is 3 here): the fourth failure is refused.
    const failed: number[] = [];
    for (let i = 0; i < 4; i++) failed.push((await request(t.app).post("/api/auth/login").send({ login, password: "guess-guess" })).status);
    expect(failed).toEqual([401, 401, 401, 429]);
  });

  it("a deactivated user's sessions stop working at once", async () => {
    const manager = await t.user("manager");
    const victim = await t.user("agent");
    expect((await t.as(victim).get("/api/auth/me")).status).toBe(200);
    expect((await t.as(manager).patch(`/api/users/${victim.id}`, { active: false })).status).toBe(200);
    expect((await t.as(victim).get("/api/auth/me")).status).toBe(401);
  });

  it("an expired session is refused, a live one for the same user still works", async () => {
    const user = await t.user("agent");
    await t.c.store.repos.sessions.create({ tokenHash: hashToken("expired-token-0001"), userId: user.id, kind: "api", expiresAt: new Date(Date.now() - 1_000) });
    await t.c.store.repos.sessions.create({ tokenHash: hashToken("live-token-0001"), userId: user.id, kind: "api", expiresAt: new Date(Date.now() + 60_000) });
    expect((await request(t.app).get("/api/auth/me").set("authorization", "Bearer expired-token-0001")).status).toBe(401);
    const live = await request(t.app).get("/api/auth/me").set("authorization", "Bearer live-token-0001");
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ id: user.id, role: "agent" });
  });

  it("only Managers create users", async () => {
    const res = await t.as(agent).post("/api/users", { login: "new.agent", name: "New", role: "agent", password: "long-enough-pass" });
    expect(res.status).toBe(403);
  });
});

describe("API description", () => {
  it("serves an OpenAPI document generated from the route schemas", async () => {
    const res = await t.as(agent).get("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.0.3");
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(["/api/leads", "/api/leads/{id}/claim", "/api/boards/open-leads", "/api/lead-sources/{id}"]));
    const create = res.body.paths["/api/leads"].post;
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["contactName", "mobile", "brandId", "sourceId"]));
  });

  it("API answers, refusals included, tell browsers and proxies to keep no copy (customers' personal data) and carry no ETag", async () => {
    const me = await t.as(agent).get("/api/auth/me");
    const refused = await t.as(agent).get("/api/leads/999999999");
    const unauthenticated = await request(t.app).get("/api/boards/open-leads");
    expect([me.status, refused.status, unauthenticated.status]).toEqual([200, 404, 401]);
    for (const res of [me, refused, unauthenticated]) {
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers.etag).toBeUndefined();
    }
  });

  it("an unknown route is a JSON 404", async () => {
    const res = await t.as(agent).get("/api/nope");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("route_not_found");
  });
});
