import request from "supertest";
import { type DealerTestApp, TEST_PASSWORD, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";

let t: DealerTestApp;
let admin: TestUser;
let manager: TestUser;
let user: TestUser;

beforeAll(async () => {
  t = await startDealerTestApp({ LOGIN_RATE_LIMIT: "3" });
  admin = await t.user("dealer_admin");
  manager = await t.user("dealer_manager");
  user = await t.user("dealer_user");
});
afterAll(() => t.close());

describe("dealer configuration (Admins only)", () => {
  it("an Admin maintains brands and products; Users and Managers can read but not change them", async () => {
    const brand = await t.as(admin).post("/api/brands", { code: "chery", name: "Chery" });
    expect(brand.status).toBe(201);
    expect(brand.body.code).toBe("CHERY");
    const product = await t.as(admin).post("/api/products", { brandId: brand.body.id, defaultCode: "TIGGO7PRO", name: "Tiggo 7 Pro", listPrice: 1_298_000 });
    expect(product.status).toBe(201);
    for (const who of [user, manager]) {
      expect((await t.as(who).post("/api/brands", { code: "X", name: "X" })).status).toBe(403);
      expect((await t.as(who).patch(`/api/products/${product.body.id}`, { listPrice: 1 })).status).toBe(403);
      expect((await t.as(who).post("/api/lost-reasons", { code: "x", name: "X" })).status).toBe(403);
      expect((await t.as(who).post("/api/users", { login: "new.user", name: "New User", role: "dealer_user", password: "long-enough-pass" })).status).toBe(403);
    }
    const list = await t.as(user).get(`/api/products?brandId=${brand.body.id}`);
    expect(list.body.products.map((p: { defaultCode: string }) => p.defaultCode)).toEqual(["TIGGO7PRO"]);
    expect((await t.c.store.repos.catalog.listProducts({ brandId: brand.body.id }))[0]!.listPrice).toBe(1_298_000);
  });

  it("editing a product's name keeps its list price (an edit changes only the fields sent)", async () => {
    const brand = (await t.as(admin).post("/api/brands", { code: "patchb", name: "Patch" })).body;
    const product = (await t.as(admin).post("/api/products", { brandId: brand.id, defaultCode: "PATCH-1", name: "Patch One", listPrice: 950_000 })).body;
    const res = await t.as(admin).patch(`/api/products/${product.id}`, { name: "Patch One GLX" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Patch One GLX", listPrice: 950_000 });
    expect((await t.c.store.repos.catalog.listProducts({ brandId: brand.id }))[0]!.listPrice).toBe(950_000);
  });

  it("a duplicate brand code is a 409 and changes nothing", async () => {
    await t.as(admin).post("/api/brands", { code: "JAECOO", name: "Jaecoo" });
    const dup = await t.as(admin).post("/api/brands", { code: "jaecoo", name: "Again" });
    expect(dup.status).toBe(409);
    const brands = (await t.as(admin).get("/api/brands")).body.brands.filter((b: { code: string }) => b.code === "JAECOO");
    expect(brands).toHaveLength(1);
    expect(brands[0].name).toBe("Jaecoo");
  });

  it("a lost reason's code is fixed once created (the BPO maps outcomes by it); its name still changes", async () => {
    const reason = (await t.as(admin).post("/api/lost-reasons", { code: "bought_used", name: "Bought used" }).expect(201)).body;
    const recode = await t.as(admin).patch(`/api/lost-reasons/${reason.id}`, { code: "bought_second_hand" });
    expect(recode.status).toBe(422);
    expect(recode.body.error.code).toBe("lost_reason_code_fixed");
    expect(recode.body.error.issues[0].path).toBe("code");
    expect((await t.c.store.repos.catalog.findLostReason(reason.id))!.code).toBe("bought_used");
    const relabel = await t.as(admin).patch(`/api/lost-reasons/${reason.id}`, { code: "bought_used", name: "Bought a used car" });
    expect(relabel.status).toBe(200);
    expect(relabel.body).toMatchObject({ code: "bought_used", name: "Bought a used car" });
  });

  it("ships the Philippines with its regions for addresses", async () => {
    const countries = (await t.as(user).get("/api/countries")).body.countries;
    const ph = countries.find((c: { code: string }) => c.code === "PH");
    expect(ph).toBeDefined();
    const states = (await t.as(user).get(`/api/countries/${ph.id}/states`)).body.states;
    expect(states.length).toBeGreaterThan(10);
  });

  it("counts failed logins only: a user who signs in ten times in a row is never locked out", async () => {
    const busy = await t.user("dealer_user");
    const login = (await t.c.store.repos.users.findById(busy.id))!.login;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await request(t.app).post("/api/auth/login").send({ login, password: TEST_PASSWORD, kind: "api" })).status);
    expect(statuses).toEqual(Array(10).fill(200));
    const failed: number[] = [];
    for (let i = 0; i < 4; i++) failed.push((await request(t.app).post("/api/auth/login").send({ login, password: "wrong-password" })).status);
    expect(failed).toEqual([401, 401, 401, 429]);
  });

  it("rate-limits repeated logins with 429", async () => {
    const login = (await t.c.store.repos.users.findById(user.id))!.login;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await request(t.app).post("/api/auth/login").send({ login, password: "wrong-password" })).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    void TEST_PASSWORD;
  });
});
