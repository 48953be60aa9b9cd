import { type ChildProcess, spawn } from "node:child_process";
import { Writable } from "node:stream";
import { Queue } from "bullmq";
import Redis from "ioredis";
import { deleteRedisPrefix, freePort, newRedisPrefix, testRedisUrl, waitFor } from "@crm/test-kit";
import { RpcRemoteError, RpcTransportError, createLogger, currentLogContext, redisConnectionOptions } from "../src";
import { MemoryOutboxStore, OUTBOX_QUEUE, OutboxRelay, type OutboxRelayOptions, OutboxWorker, type OutboxWorkerOptions } from "../src/outbox";

const connection = redisConnectionOptions(testRedisUrl());
const logLines: Record<string, unknown>[] = [];
const logger = createLogger({
  service: "outbox-test",
  level: "debug",
  stream: new Writable({
    write(chunk: Buffer, _enc, cb) {
      logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  }),
});

let prefix: string;
let closers: (() => Promise<void>)[] = [];

beforeEach(() => {
  prefix = newRedisPrefix();
});
afterEach(async () => {
  for (const c of closers.reverse()) await c();
  closers = [];
  await deleteRedisPrefix(prefix);
});

function start(store: MemoryOutboxStore, handlers: OutboxWorkerOptions["handlers"], extra: Partial<OutboxRelayOptions & OutboxWorkerOptions> = {}) {
  const base = { store, connection, prefix, logger, attempts: 3, backoffDelayMs: 20, ...extra };
  const relay = new OutboxRelay({ ...base, pollIntervalMs: 100 });
  const worker = new OutboxWorker({ ...base, handlers });
  closers.push(() => relay.close(), () => worker.close());
  return { relay, worker };
}

describe("outbox relay and worker", () => {
  it("delivers a pending row once, marks it sent, and logs with the job id and the row's correlation id", async () => {
    const store = new MemoryOutboxStore();
    const row = store.add("peer.notify", { n: 1 }, "corr-123");
    const seen: { payload: unknown; ctx: ReturnType<typeof currentLogContext> }[] = [];
    const { relay } = start(store, {
      "peer.notify": async (payload) => {
        seen.push({ payload, ctx: currentLogContext() });
      },
    });
    await relay.relayNow();
    await relay.relayNow(); // re-queuing the same row is a no-op (jobId = row id)
    await waitFor(() => store.status(row.id) === "sent");
    await relay.relayNow();
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([{ payload: { n: 1 }, ctx: expect.objectContaining({ jobId: row.id, correlationId: "corr-123" }) }]);
    expect(logLines.find((l) => l.message === "outbox message sent" && l.outboxId === row.id)).toMatchObject({ jobId: row.id, correlationId: "corr-123" });
  });

  it("retries retryable failures with backoff and delivers once the peer recovers", async () => {
    const store = new MemoryOutboxStore();
    const row = store.add("peer.notify", {});
    let calls = 0;
    const { relay } = start(store, {
      "peer.notify": async () => {
        calls++;
        if (calls < 3) throw new RpcTransportError("Cannot reach peer: ECONNREFUSED");
      },
    });
    relay.start();
    await waitFor(() => store.status(row.id) === "sent");
    expect(calls).toBe(3);
    expect(store.get(row.id)?.attempts).toBe(2);
  });

  it("marks a row dead at once on a non-retryable refusal and keeps the error; replay sends it again", async () => {
    const store = new MemoryOutboxStore();
    const row = store.add("peer.notify", {});
    let refuse = true;
    let calls = 0;
    const { relay } = start(store, {
      "peer.notify": async () => {
        calls++;
        if (refuse) throw new RpcRemoteError(-32022, "Lead LEAD/1 is closed differently", { code: "lead_closed_differently" });
      },
    });
    await relay.relayNow();
    await waitFor(() => store.status(row.id) === "dead");
    expect(calls).toBe(1);
    const dead = await store.listDead(10);
    expect(dead).toEqual([expect.objectContaining({ id: row.id, lastError: expect.stringContaining("closed differently") })]);

    refuse = false;
    expect(await store.resetDead(row.id)).toBe(true);
    // The row is dead before BullMQ has removed its failed job, and re-queuing a jobId still present is a
    // no-op; the relay's timer queues the row again on its next pass, as it does in the service.
    relay.start();
    await waitFor(() => store.status(row.id) === "sent");
    expect(calls).toBe(2);
  });

  it("marks a row dead after the last attempt when the peer never recovers", async () => {
    const store = new MemoryOutboxStore();
    const row = store.add("peer.notify", {});
    let calls = 0;
    const { relay } = start(store, {
      "peer.notify": async () => {
        calls++;
        throw new RpcTransportError("Cannot reach peer");
      },
    });
    await relay.relayNow();
    await waitFor(() => store.status(row.id) === "dead");
    expect(calls).toBe(3);
    expect(store.get(row.id)?.lastError).toContain("Cannot reach peer");
  });

  it("marks a row of a topic without a handler dead", async () => {
    const store = new MemoryOutboxStore();
    const row = store.add("nobody.listens", {});
    const { relay } = start(store, {});
    await relay.relayNow();
    await waitFor(() => store.status(row.id) === "dead");
    expect(store.get(row.id)?.lastError).toContain('No outbox handler for topic "nobody.listens"');
  });

  it("loses nothing while Redis is unreachable: the row stays pending and is sent once Redis is back", async () => {
    const store = new MemoryOutboxStore();
    const row = store.add("peer.notify", {});
    const down = new OutboxRelay({ store, connection: { host: "127.0.0.1", port: 1 }, prefix, logger, enqueueTimeoutMs: 500 });
    await expect(down.relayNow()).rejects.toThrow();
    await down.close();
    expect(store.status(row.id)).toBe("pending");

    const delivered: unknown[] = [];
    const { relay } = start(store, { "peer.notify": async (p) => void delivered.push(p) });
    await relay.relayNow();
    await waitFor(() => store.status(row.id) === "sent");
    expect(delivered).toHaveLength(1);
  });

  it("rebuilds the queue from the outbox after Redis loses everything (FLUSHALL): each pending row is delivered once", async () => {
    // A private redis-server: FLUSHALL on the shared one would wipe other test runs.
    const port = await freePort();
    const server: ChildProcess = spawn("/usr/bin/redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const serverExit = new Promise((r) => server.once("exit", r));
    const admin = new Redis({ host: "127.0.0.1", port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    closers.push(async () => {
      admin.disconnect();
      server.kill("SIGTERM");
      await serverExit;
    });
    await waitFor(() => admin.ping().then(() => true, () => false));
    const own = { host: "127.0.0.1", port };
    const store = new MemoryOutboxStore();
    const rows = [store.add("peer.notify", { n: 1 }), store.add("peer.notify", { n: 2 }), store.add("peer.notify", { n: 3 })];
    const queue = new Queue(OUTBOX_QUEUE, { connection: own, prefix });
    closers.push(() => queue.close());

    const first = new OutboxRelay({ store, connection: own, prefix, logger });
    expect(await first.relayNow()).toBe(3);
    await first.close();
    expect(await queue.getWaitingCount()).toBe(3);
    await admin.flushall();
    expect(await queue.getWaitingCount()).toBe(0);
    expect(rows.map((r) => store.status(r.id))).toEqual(["pending", "pending", "pending"]);

    // A worker starting afterwards: the relay's next pass queues the pending rows again.
    const delivered: unknown[] = [];
    const base = { store, connection: own, prefix, logger, attempts: 3, backoffDelayMs: 20 };
    const relay = new OutboxRelay({ ...base, pollIntervalMs: 100 });
    const worker = new OutboxWorker({ ...base, handlers: { "peer.notify": async (p) => void delivered.push(p) } });
    closers.push(() => relay.close(), () => worker.close());
    relay.start();
    await waitFor(() => rows.every((r) => store.status(r.id) === "sent"));
    expect(delivered).toEqual(expect.arrayContaining([{ n: 1 }, { n: 2 }, { n: 3 }]));
    expect(delivered).toHaveLength(3);
  });

  it("finishes a job whose worker was killed mid-delivery with another worker", async () => {
    const store = new MemoryOutboxStore();
    const row = store.add("peer.notify", {});
    let firstStarted = false;
    const base = { store, connection, prefix, logger, attempts: 3, backoffDelayMs: 20, lockDurationMs: 500, stalledIntervalMs: 300 };
    const relay = new OutboxRelay({ ...base, pollIntervalMs: 100 });
    closers.push(() => relay.close());
    const doomed = new OutboxWorker({
      ...base,
      handlers: {
        "peer.notify": () => {
          firstStarted = true;
          return new Promise<void>(() => undefined); // hangs until the process dies
        },
      },
    });
    await relay.relayNow();
    await waitFor(() => firstStarted);
    await doomed.close(true);
    expect(store.status(row.id)).toBe("pending");

    const survivor = new OutboxWorker({ ...base, handlers: { "peer.notify": async () => undefined } });
    closers.push(() => survivor.close());
    await waitFor(() => store.status(row.id) === "sent", 15_000);
  });
});
