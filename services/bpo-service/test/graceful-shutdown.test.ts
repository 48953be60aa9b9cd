import { Queue } from "bullmq";
import { Client } from "pg";
import { OUTBOX_QUEUE, redisConnectionOptions } from "@crm/platform";
import {
  type LoopbackServer,
  burstUntilRefused,
  drainReports,
  freePort,
  getOnOwnConnection,
  holdEventStream,
  listenOnLoopback,
  serviceProcessesOn,
  until,
} from "@crm/test-kit";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { type RunningDealer, startRunningDealer } from "./helpers/running-dealer";

/**
 * SIGTERM to the real `main.ts start` and `main.ts worker` child processes while they are busy: requests in
 * flight are answered, SSE streams are told to reconnect, jobs in flight finish, and the process exits 0 within
 * SHUTDOWN_GRACE_MS.
 */
const GRACE_MS = 10_000;
jest.setTimeout(120_000);

let t: BpoTestApp;
let agent: TestUser;
let brandId: number;

const children = serviceProcessesOn("bpo", () => t.c.config, { SHUTDOWN_GRACE_MS: String(GRACE_MS), LOG_LEVEL: "info" });
const startChild = children.start;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent");
  brandId = (await makeBrand(t, "CHERY")).id;
  for (let i = 0; i < 30; i++) await makeLead(t, brandId, { stage: "New" });
});

afterAll(async () => {
  await children.killAll();
  await t.close();
});

describe("graceful shutdown on SIGTERM", () => {
  it("API: requests in flight are answered, new ones are refused, SSE streams get a retry hint, exit 0 within the grace period", async () => {
    const port = await freePort();
    const api = startChild("start", { PORT: String(port) });
    await until(() => getOnOwnConnection(port, "/readyz", agent.token), (o) => o.kind === "answered" && o.status === 200, api.seen("API ready"));

    // A live stream held open across the shutdown.
    const stream = holdEventStream(port, agent.token);
    await until(() => stream.text(), (s) => s.includes("event: hello"), api.seen("stream hello"));

    // A burst: 24 clients, each sending board reads one after another until the port refuses them.
    const { outcomes, done: burst } = burstUntilRefused(port, "/api/boards/open-leads", agent.token, 24);
    await until(() => outcomes.length, (n) => n >= 60, api.seen("first answers of the burst"));
    const signalledAt = Date.now();
    api.proc.kill("SIGTERM");
    await burst;
    const exit = await api.exit;

    const answered = outcomes.filter((o) => o.kind === "answered");
    const refused = outcomes.filter((o) => o.kind === "refused");
    const failed = outcomes.filter((o) => o.kind === "failed");
    expect(failed).toEqual([]);
    expect(answered.filter((o) => o.status !== 200)).toEqual([]);
    expect(answered.length + refused.length).toBe(outcomes.length);
    // Requests sent before the signal and answered after it: the drain let them finish.
    const inFlight = answered.filter((o) => o.startedAt < signalledAt && o.endedAt >= signalledAt);
    expect(inFlight.length).toBeGreaterThan(0);
    // Every client ended on a refused connection once the port closed.
    expect(refused.length).toBe(24);
    // The process cut no connection it had accepted, and answered every request it read after the signal.
    const drained = drainReports(api.log());
    expect(drained).toHaveLength(1);
    expect(drained[0]!.cut).toBe(0);
    // Answers the drain counted (less the SSE stream) all reached the clients after the signal was sent.
    expect(drained[0]!.answered - 1).toBeLessThanOrEqual(answered.filter((o) => o.endedAt >= signalledAt).length);

    await stream.ended;
    expect(stream.text()).toMatch(/retry: \d+\n: server shutting down/);
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(GRACE_MS);
  });

  describe("worker", () => {
    let dealer: RunningDealer;
    let slowDealer: LoopbackServer;
    let queue: Queue;
    beforeAll(async () => {
      dealer = await startRunningDealer();
      // The real dealer app, answering each call 300 ms late: deliveries are still running when SIGTERM comes.
      slowDealer = await listenOnLoopback((req, res) => void setTimeout(() => dealer.d.app(req, res), 300));
      const manager = await t.user("manager");
      const dealerBrand = await dealer.d.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
      void dealerBrand;
      const dealershipId = (await makeDealership(t, brandId, "MAKATI")).id;
      const connected = await t.as(manager).put(`/api/dealerships/${dealershipId}/connection`, { url: slowDealer.url, key: dealer.serviceKey });
      expect(connected.status).toBe(200);
      for (let i = 0; i < 16; i++) {
        const lead = await makeLead(t, brandId, { userId: agent.id, stage: "Qualified", email: `w${i}@example.com` });
        const res = await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: false });
        expect(res.status).toBe(200);
      }
      queue = new Queue(OUTBOX_QUEUE, { connection: redisConnectionOptions(t.c.config.REDIS_URL), prefix: t.c.config.REDIS_PREFIX });
    });
    afterAll(async () => {
      await queue.close();
      await slowDealer.close();
      await dealer.stop();
    });

    it("finishes the deliveries in flight, leaves no job active, and exits 0 within the grace period", async () => {
      const worker = startChild("worker", { OUTBOX_CONCURRENCY: "4", OUTBOX_POLL_MS: "100", LOG_LEVEL: "info" });
      await until(() => queue.getActiveCount(), (n) => n >= 2, worker.seen("deliveries in flight"));
      const signalledAt = Date.now();
      worker.proc.kill("SIGTERM");
      const exit = await worker.exit;
      expect(exit.code).toBe(0);
      expect(exit.at - signalledAt).toBeLessThan(GRACE_MS);
      expect(await queue.getActiveCount()).toBe(0);
      // What was delivered is marked sent; nothing was cut short into a failed attempt.
      const db = new Client({ connectionString: t.c.config.DATABASE_URL });
      await db.connect();
      const { rows } = await db.query<{ status: string; attempts: number; last_error: string | null }>(
        "SELECT status, attempts, last_error FROM outbox_messages WHERE topic = 'dealer.receiveEndorsedLead'",
      );
      await db.end();
      expect(rows).toHaveLength(16);
      expect(rows.filter((r) => r.status === "sent").length).toBeGreaterThanOrEqual(2);
      expect(rows.filter((r) => r.attempts > 0 || r.last_error !== null)).toEqual([]);
      expect(worker.log()).toMatch(/"message":"shut down"/);
    });
  });
});
