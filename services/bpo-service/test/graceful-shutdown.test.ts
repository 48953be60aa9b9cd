import { type ChildProcess, spawn } from "node:child_process";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Queue } from "bullmq";
import { Client } from "pg";
import { OUTBOX_QUEUE, redisConnectionOptions } from "@crm/platform";
import { freePort } from "@crm/test-kit";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { type RunningDealer, startRunningDealer } from "./helpers/running-dealer";

/**
 * SIGTERM to the real `main.ts start` and `main.ts worker` child processes while they are busy: requests in
 * flight are answered, SSE streams are told to reconnect, jobs in flight finish, and the process exits 0 within
 * SHUTDOWN_GRACE_MS.
 */
const ROOT = path.resolve(__dirname, "../../..");
const GRACE_MS = 10_000;
jest.setTimeout(120_000);

let t: BpoTestApp;
let agent: TestUser;
let brandId: number;

interface Child {
  proc: ChildProcess;
  log: () => string;
  exit: Promise<{ code: number | null; at: number }>;
}
const children: Child[] = [];

function startChild(role: "start" | "worker", env: Record<string, string>): Child {
  const cfg = t.c.config;
  let text = "";
  const proc = spawn(process.execPath, ["--import", "tsx", "services/bpo-service/src/main.ts", role], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: cfg.DATABASE_URL,
      REDIS_URL: cfg.REDIS_URL,
      REDIS_PREFIX: cfg.REDIS_PREFIX,
      PUBLIC_URL: cfg.PUBLIC_URL,
      APP_SECRET: cfg.APP_SECRET,
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (d: Buffer) => (text += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const c = { proc, log: () => text, exit: new Promise<{ code: number | null; at: number }>((r) => proc.once("exit", (code) => r({ code, at: Date.now() }))) };
  children.push(c);
  return c;
}

async function until<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, what: string, child?: Child): Promise<T> {
  const end = Date.now() + 60_000;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what} not seen within 60 s${child ? `; log:\n${child.log().slice(-3000)}` : ""}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}


type Outcome =
  | { kind: "answered"; status: number; startedAt: number; endedAt: number }
  | { kind: "refused"; error: string; startedAt: number }
  | { kind: "failed"; error: string; startedAt: number };

/** One GET on its own connection (no keep-alive reuse), so each outcome belongs to exactly one request. */
function get(port: number, pathName: string, token: string): Promise<Outcome> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathName, agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ kind: "answered", status: res.statusCode ?? 0, startedAt, endedAt: Date.now() }));
      res.on("error", (e) => resolve({ kind: "failed", error: `${res.statusCode} then ${e.message}`, startedAt }));
    });
    // Refused: the port was closed (ECONNREFUSED), or the connection was still in the kernel's accept queue when
    // the listening socket closed (ECONNRESET before any byte of an answer). The drain's own report says
    // whether the process cut a connection it had accepted; the test checks that it cut none.
    req.on("error", (e: NodeJS.ErrnoException) =>
      resolve(e.code === "ECONNREFUSED" || e.code === "ECONNRESET" ? { kind: "refused", error: e.code, startedAt } : { kind: "failed", error: e.code ?? e.message, startedAt }),
    );
  });
}

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent");
  brandId = (await makeBrand(t, "CHERY")).id;
  for (let i = 0; i < 30; i++) await makeLead(t, brandId, { stage: "New" });
});

afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
  await Promise.all(children.map((c) => c.exit));
  await t.close();
});

describe("graceful shutdown on SIGTERM", () => {
  it("API: requests in flight are answered, new ones are refused, SSE streams get a retry hint, exit 0 within the grace period", async () => {
    const port = await freePort();
    const api = startChild("start", { PORT: String(port) });
    await until(() => get(port, "/readyz", agent.token), (o) => o.kind === "answered" && o.status === 200, "API ready", api);

    // A live stream held open across the shutdown.
    let streamText = "";
    const streamEnded = new Promise<void>((resolve) => {
      http.get({ host: "127.0.0.1", port, path: "/api/events", agent: false, headers: { authorization: `Bearer ${agent.token}` } }, (res) => {
        res.setEncoding("utf8");
        res.on("data", (d: string) => (streamText += d));
        res.on("end", () => resolve());
        res.on("error", () => resolve());
      });
    });
    await until(() => streamText, (s) => s.includes("event: hello"), "stream hello", api);

    // A burst: 24 clients, each sending board reads one after another until the port refuses them.
    const outcomes: Outcome[] = [];
    let signalledAt = 0;
    const client = async () => {
      for (let i = 0; i < 400; i++) {
        const o = await get(port, "/api/boards/open-leads", agent.token);
        outcomes.push(o);
        if (o.kind !== "answered") return;
      }
    };
    const burst = Promise.all(Array.from({ length: 24 }, client));
    await until(() => outcomes.length, (n) => n >= 60, "first answers of the burst", api);
    signalledAt = Date.now();
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
    const drained = api
      .log()
      .split("\n")
      .filter((l) => l.includes('"http connections drained"'))
      .map((l) => JSON.parse(l) as { answered: number; cut: number });
    expect(drained).toHaveLength(1);
    expect(drained[0]!.cut).toBe(0);
    // Answers the drain counted (less the SSE stream) all reached the clients after the signal was sent.
    expect(drained[0]!.answered - 1).toBeLessThanOrEqual(answered.filter((o) => o.endedAt >= signalledAt).length);

    await streamEnded;
    expect(streamText).toMatch(/retry: \d+\n: server shutting down/);
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(GRACE_MS);
  });

  describe("worker", () => {
    let dealer: RunningDealer;
    let slowDealer: Server;
    let queue: Queue;
    beforeAll(async () => {
      dealer = await startRunningDealer();
      // The real dealer app, answering each call 300 ms late: deliveries are still running when SIGTERM comes.
      slowDealer = http.createServer((req, res) => void setTimeout(() => dealer.d.app(req, res), 300));
      await new Promise<void>((r) => slowDealer.listen(0, "127.0.0.1", () => r()));
      const manager = await t.user("manager");
      const dealerBrand = await dealer.d.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
      void dealerBrand;
      const dealershipId = (await makeDealership(t, brandId, "MAKATI")).id;
      const url = `http://127.0.0.1:${(slowDealer.address() as AddressInfo).port}`;
      const connected = await t.as(manager).put(`/api/dealerships/${dealershipId}/connection`, { url, key: dealer.serviceKey });
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
      await new Promise<void>((r) => slowDealer.close(() => r()));
      await dealer.stop();
    });

    it("finishes the deliveries in flight, leaves no job active, and exits 0 within the grace period", async () => {
      const worker = startChild("worker", { OUTBOX_CONCURRENCY: "4", OUTBOX_POLL_MS: "100", LOG_LEVEL: "info" });
      await until(() => queue.getActiveCount(), (n) => n >= 2, "deliveries in flight", worker);
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
