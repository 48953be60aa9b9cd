import request from "supertest";
import { type DealerTestApp, startDealerTestApp } from "./helpers/dealer-test-app";
import { DEMO_PASSWORD, seedDemo } from "../src/data-access/demo-seed";

let t: DealerTestApp;

beforeAll(async () => {
  t = await startDealerTestApp();
});
afterAll(() => t.close());

describe("demo seed", () => {
  it("can run twice without duplicating anything, and its logins and service key work", async () => {
    await seedDemo(t.c.store, { dealerCode: "MAKATI", serviceKey: "seeded-demo-key" });
    await seedDemo(t.c.store, { dealerCode: "MAKATI", serviceKey: "seeded-demo-key" });
    const repos = t.c.store.repos;
    expect((await repos.catalog.listBrands()).map((b) => b.code)).toEqual(["CHERY", "JAECOO"]);
    expect((await repos.catalog.listProducts()).map((p) => p.defaultCode)).toEqual(
      expect.arrayContaining(["TIGGO7PRO", "TIGGO8PRO", "J7"]),
    );
    expect(await repos.catalog.listProducts()).toHaveLength(7);
    expect(await repos.users.listServiceKeys()).toHaveLength(1);

    const login = await request(t.app).post("/api/auth/login").send({ login: "manager", password: DEMO_PASSWORD, kind: "api" });
    expect(login.status).toBe(200);
    const ping = await request(t.app)
      .post("/rpc")
      .set("authorization", "Bearer seeded-demo-key")
      .send({ jsonrpc: "2.0", id: 1, method: "system.ping", params: { contractVersion: 1 } });
    expect(ping.body.result).toMatchObject({ service: "dealer", caller: "bpo-service" });
  });
});
