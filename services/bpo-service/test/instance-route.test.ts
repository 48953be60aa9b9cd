import request from "supertest";
import { type BpoTestApp, startBpoTestApp } from "./helpers/bpo-test-app";

let t: BpoTestApp;

beforeAll(async () => {
  t = await startBpoTestApp({ BUSINESS_TIMEZONE: "Asia/Tokyo", INSTANCE_NAME: "bpo-tokyo" });
});
afterAll(() => t.close());

describe("GET /api/instance", () => {
  it("tells a signed-in user the business time zone the web UI's date presets count days in", async () => {
    const agent = await t.user("agent");
    expect((await t.as(agent).get("/api/instance").expect(200)).body).toEqual({ name: "bpo-tokyo", timeZone: "Asia/Tokyo" });
  });

  it("answers 401 without credentials", async () => {
    await request(t.app).get("/api/instance").expect(401);
  });
});
