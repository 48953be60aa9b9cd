import request from "supertest";
import { type DealerTestApp, startDealerTestApp } from "./helpers/dealer-test-app";

let t: DealerTestApp;

beforeAll(async () => {
  t = await startDealerTestApp();
});
afterAll(() => t.close());

describe("queue dashboard (/admin/queues, dealer-service)", () => {
  it("refuses anyone not logged in, Users and Managers; opens for Admins with every queue", async () => {
    expect((await request(t.app).get("/admin/queues/api/queues")).status).toBe(401);
    for (const role of ["dealer_user", "dealer_manager"] as const) {
      expect((await t.as(await t.user(role)).get("/admin/queues/api/queues")).status).toBe(403);
    }
    const admin = await t.user("dealer_admin");
    const res = await t.as(admin).get("/admin/queues/api/queues");
    expect(res.status).toBe(200);
    expect(res.body.queues.map((q: { name: string }) => q.name)).toEqual(["outbox"]);
    expect((await t.as(admin).get("/admin/queues")).text).toContain("queues");
  });
});
