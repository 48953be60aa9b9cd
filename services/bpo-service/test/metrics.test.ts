import http from "node:http";
import request from "supertest";
import { openEventStream } from "@crm/test-kit";
import { DISTRIBUTOR_SYNC_QUEUE } from "../src/jobs/distributor-sync-jobs";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { type RunningSimulator, brandWithDistributor } from "./distributor-fixtures";

const TOKEN = "metrics-token-0123456789";
let t: BpoTestApp;
let manager: TestUser;
let server: http.Server;
const sims: RunningSimulator[] = [];

beforeAll(async () => {
  t = await startBpoTestApp({ METRICS_TOKEN: TOKEN });
  manager = await t.user("manager");
  server = await new Promise((resolve) => {
    const s = t.app.listen(0, "127.0.0.1", () => resolve(s));
  });
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  for (const s of sims) await s.close();
  await t.close();
});

const scrape = () => request(t.app).get("/metrics").set("authorization", `Bearer ${TOKEN}`);
/** The value of one series, e.g. line(text, 'crm_outbox_messages{status="dead"'). */
function value(text: string, seriesPrefix: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(seriesPrefix));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("GET /metrics", () => {
  it("refuses a scrape without the metrics token or with a wrong one, and a user's session token", async () => {
    expect((await request(t.app).get("/metrics")).status).toBe(401);
    expect((await request(t.app).get("/metrics").set("authorization", "Bearer wrong-token-wrong-token")).status).toBe(401);
    expect((await request(t.app).get("/metrics").set("authorization", `Bearer ${manager.token}`)).status).toBe(401);
  });

  it("is off (404) when no METRICS_TOKEN is configured", async () => {
    const off = await startBpoTestApp();
    try {
      expect((await request(off.app).get("/readyz")).status).toBe(200);
      expect((await request(off.app).get("/metrics").set("authorization", `Bearer ${TOKEN}`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });

  it("reports every family: requests, DB pool, queues, outbox, distributor sync and lag, SSE streams, login failures", async () => {
    // A synced brand, and a connected brand that never synced.
    const synced = await brandWithDistributor(t, manager, { seed: 3 });
    const never = await brandWithDistributor(t, manager);
    sims.push(synced.sim, never.sim);
    const run = await t.as(manager).post(`/api/brands/${synced.brand.id}/distributor/sync-now`);
    expect(run.status).toBe(200);
    expect(run.body.fetched).toBeGreaterThan(0);
    // Outbox: one pending row, one dead letter.
    await t.c.store.repos.outbox.add({ topic: "test.pending", payload: {}, correlationId: null });
    const dead = await t.c.store.repos.outbox.add({ topic: "test.dead", payload: {}, correlationId: null });
    await t.c.store.repos.outbox.markDead(dead.id, "refused");
    // A waiting job (no worker runs in this test).
    const syncQueue = t.c.jobQueues.all().find((q) => q.name === DISTRIBUTOR_SYNC_QUEUE)!;
    await syncQueue.add("metrics-probe", {}, { jobId: "metrics-probe" });
    // A refused login and an open live-events stream.
    expect((await request(t.app).post("/api/auth/login").send({ login: "nobody", password: "wrong-password", kind: "api" })).status).toBe(401);
    const stream = await openEventStream(server, manager.token);
    try {
      await stream.waitFor(":");
      const res = await scrape();
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/plain/);
      const text = res.text;
      const code = synced.brand.code;
      expect(text).toMatch(
        new RegExp(`crm_http_request_duration_seconds_count\\{[^}]*method="POST",route="/api/brands/:id/distributor/sync-now",status="200"[^}]*\\} 1`),
      );
      expect(value(text, 'crm_db_pool_connections{state="in_use"')).toBeGreaterThanOrEqual(0);
      expect(value(text, 'crm_db_pool_connections{state="waiting"')).toBe(0);
      expect(value(text, `crm_queue_jobs{queue="${DISTRIBUTOR_SYNC_QUEUE}",state="waiting"`)).toBe(1);
      expect(value(text, `crm_queue_oldest_waiting_seconds{queue="${DISTRIBUTOR_SYNC_QUEUE}"`)).toBeGreaterThanOrEqual(0);
      expect(value(text, 'crm_queue_jobs{queue="outbox",state="waiting"')).toBe(0);
      expect(value(text, 'crm_outbox_messages{status="pending"')).toBe(1);
      expect(value(text, 'crm_outbox_messages{status="dead"')).toBe(1);
      expect(value(text, "crm_outbox_oldest_pending_seconds")).toBeGreaterThanOrEqual(0);
      expect(value(text, `crm_distributor_sync_runs{brand="${code}",outcome="succeeded"`)).toBe(1);
      expect(value(text, `crm_distributor_sync_records{brand="${code}",outcome="succeeded",kind="fetched"`)).toBe(run.body.fetched);
      expect(value(text, `crm_distributor_sync_run_seconds{brand="${code}",outcome="succeeded"`)).toBeGreaterThan(0);
      expect(value(text, `crm_distributor_sync_lag_seconds{brand="${code}"`)).toBeGreaterThanOrEqual(0);
      expect(value(text, `crm_distributor_sync_lag_seconds{brand="${never.brand.code}"`)).toBe(-1);
      expect(value(text, "crm_sse_connections")).toBe(1);
      expect(value(text, 'crm_login_failures_total{reason="bad_credentials"')).toBe(1);
      expect(text).toContain("process_resident_memory_bytes");
      expect(text).toContain('service="bpo-service"');
    } finally {
      stream.close();
    }
  });
});
