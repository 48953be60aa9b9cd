import { Queue } from "bullmq";
import { OUTBOX_QUEUE, redisConnectionOptions } from "@crm/platform";
import { type LoopbackServer, expectApiDrainsOnSigterm, expectWorkerFinishesOnSigterm, freePort, listenOnLoopback, serviceProcessesOn } from "@crm/test-kit";
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
    // A burst: 24 clients, each sending board reads one after another until the port refuses them.
    await expectApiDrainsOnSigterm(startChild("start", { PORT: String(port) }), {
      port,
      token: agent.token,
      path: "/api/boards/open-leads",
      clients: 24,
      answersBeforeSignal: 60,
      graceMs: GRACE_MS,
    });
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
      await dealer.d.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
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
      await expectWorkerFinishesOnSigterm(worker, { inFlight: () => queue.getActiveCount(), what: "deliveries in flight", graceMs: GRACE_MS });
      // What was delivered is marked sent; nothing was cut short into a failed attempt.
      const rows = await t.c.store.repos.outbox.listByTopic("dealer.receiveEndorsedLead");
      expect(rows).toHaveLength(16);
      expect(rows.filter((r) => r.status === "sent").length).toBeGreaterThanOrEqual(2);
      expect(rows.filter((r) => r.attempts > 0 || r.lastError !== null)).toEqual([]);
    });
  });
});
