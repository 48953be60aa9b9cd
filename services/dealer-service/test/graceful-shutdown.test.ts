import { Queue } from "bullmq";
import { OUTBOX_QUEUE, redisConnectionOptions } from "@crm/platform";
import { type LoopbackServer, expectApiDrainsOnSigterm, expectWorkerFinishesOnSigterm, freePort, listenOnLoopback, serviceProcessesOn } from "@crm/test-kit";
import { type DealerTestApp, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";
import { makeBrand, makeLead } from "./helpers/factories";

/**
 * SIGTERM to the real dealer `main.ts start` and `main.ts worker` child processes while they are busy: requests in
 * flight are answered, SSE streams are told to reconnect, outcome callbacks in flight finish, and the process
 * exits 0 within SHUTDOWN_GRACE_MS.
 */
const GRACE_MS = 10_000;
jest.setTimeout(120_000);

let t: DealerTestApp;
let manager: TestUser;
let brandId: number;
const children = serviceProcessesOn("dealer", () => t.c.config, { DEALER_CODE: "TEST", SHUTDOWN_GRACE_MS: String(GRACE_MS), LOG_LEVEL: "info" });
const startChild = children.start;

beforeAll(async () => {
  t = await startDealerTestApp();
  manager = await t.user("dealer_manager");
  brandId = (await makeBrand(t)).id;
  for (let i = 0; i < 30; i++) await makeLead(t, brandId);
});

afterAll(async () => {
  await children.killAll();
  await t.close();
});

describe("dealer graceful shutdown on SIGTERM", () => {
  it("API: requests in flight are answered, new ones are refused, SSE streams get a retry hint, exit 0 within the grace period", async () => {
    const port = await freePort();
    // A burst: 16 clients, each reading the lead list one request after another until the port refuses them.
    await expectApiDrainsOnSigterm(startChild("start", { PORT: String(port) }), {
      port,
      token: manager.token,
      path: "/api/leads",
      clients: 16,
      answersBeforeSignal: 40,
      graceMs: GRACE_MS,
    });
  });

  describe("worker", () => {
    const BPO_KEY = "bsk_graceful-shutdown-test-key-0123";
    let slowBpo: LoopbackServer;
    let queue: Queue;
    const applied: number[] = [];

    beforeAll(async () => {
      // A BPO answering each outcome callback 300 ms late: callbacks are still running when SIGTERM comes.
      slowBpo = await listenOnLoopback((req, res) => {
        let body = "";
        req.on("data", (d: Buffer) => (body += d.toString()));
        req.on("end", () => {
          const { id, method, params } = JSON.parse(body) as { id: number; method: string; params: { bpoSourceLeadId: number } };
          const answer = (result: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id, result }));
          if (method === "system.ping") return answer({ service: "bpo", instance: "bpo-test", contractVersion: 1, caller: "dealer-TEST", time: new Date().toISOString() });
          setTimeout(() => {
            applied.push(params.bpoSourceLeadId);
            answer({ bpoLeadId: params.bpoSourceLeadId, bpoLeadName: `LEAD/${params.bpoSourceLeadId}`, applied: true });
          }, 300);
        });
      });
      const admin = await t.user("dealer_admin");
      expect((await t.as(admin).put("/api/bpo-connection", { url: slowBpo.url, key: BPO_KEY })).status).toBe(200);
      // 16 endorsed leads marked Lost: 16 outcome callbacks waiting in the outbox.
      const reason = (await t.c.store.repos.catalog.listLostReasons())[0]!;
      for (let i = 0; i < 16; i++) {
        const lead = await makeLead(t, brandId, { stage: "Qualified", bpoSourceLeadId: 900 + i, bpoSourceLeadName: `LEAD/${900 + i}`, bpoSourceUrl: "https://bpo.example.com" });
        expect((await t.as(manager).post(`/api/leads/${lead.id}/mark-lost`, { lostReasonId: reason.id, notes: "Bought elsewhere" })).status).toBe(200);
      }
      queue = new Queue(OUTBOX_QUEUE, { connection: redisConnectionOptions(t.c.config.REDIS_URL), prefix: t.c.config.REDIS_PREFIX });
    });
    afterAll(async () => {
      await queue.close();
      await slowBpo.close();
    });

    it("finishes the outcome callbacks in flight, leaves no job active, and exits 0 within the grace period", async () => {
      const worker = startChild("worker", { OUTBOX_CONCURRENCY: "4", OUTBOX_POLL_MS: "100" });
      await expectWorkerFinishesOnSigterm(worker, { inFlight: () => queue.getActiveCount(), what: "callbacks in flight", graceMs: GRACE_MS });
      // What the BPO applied is marked sent; nothing was cut short into a failed attempt.
      const rows = await t.c.store.repos.outbox.listByTopic("bpo.applyDealerOutcome");
      expect(rows).toHaveLength(16);
      const sent = rows.filter((r) => r.status === "sent");
      expect(sent.length).toBeGreaterThanOrEqual(2);
      expect(sent.length).toBe(applied.length);
      expect(rows.filter((r) => r.attempts > 0 || r.lastError !== null)).toEqual([]);
    });
  });
});
