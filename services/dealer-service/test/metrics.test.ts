import request from "supertest";
import { type DealerTestApp, startDealerTestApp } from "./helpers/dealer-test-app";

const TOKEN = "dealer-metrics-token-0123";
let t: DealerTestApp;

beforeAll(async () => {
  t = await startDealerTestApp({ METRICS_TOKEN: TOKEN });
});
afterAll(() => t.close());

describe("GET /metrics (dealer-service)", () => {
  it("needs the metrics token", async () => {
    expect((await request(t.app).get("/metrics")).status).toBe(401);
    expect((await request(t.app).get("/metrics").set("authorization", "Bearer not-the-token-at-all")).status).toBe(401);
  });

  it("reports requests, DB pool, the outbox queue, outbox rows, SSE streams and login failures", async () => {
    await t.c.store.repos.outbox.add({ topic: "test.pending", payload: {}, correlationId: null });
    await request(t.app).post("/api/auth/login").send({ login: "nobody", password: "wrong-password", kind: "api" });
    const res = await request(t.app).get("/metrics").set("authorization", `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    for (const series of [
      'crm_http_request_duration_seconds_count{service="dealer-service",method="POST",route="/api/auth/login",status="401"} 1',
      'crm_db_pool_connections{state="waiting",service="dealer-service"} 0',
      'crm_queue_jobs{queue="outbox",state="waiting",service="dealer-service"} 0',
      'crm_queue_oldest_waiting_seconds{queue="outbox",service="dealer-service"} 0',
      'crm_outbox_messages{status="pending",service="dealer-service"} 1',
      'crm_outbox_messages{status="dead",service="dealer-service"} 0',
      'crm_sse_connections{service="dealer-service"} 0',
      'crm_login_failures_total{reason="bad_credentials",service="dealer-service"} 1',
    ]) {
      expect(res.text.split("\n")).toContain(series);
    }
    expect(res.text).toMatch(/^crm_outbox_oldest_pending_seconds\{service="dealer-service"\} \d/m);
  });
});
