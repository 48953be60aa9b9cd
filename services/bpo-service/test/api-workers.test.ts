import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import http from "node:http";
import { type ServiceProcess, freePort, serviceProcessesOn, until as waitUntil } from "@crm/test-kit";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";

/**
 * WEB_CONCURRENCY=2: the real `main.ts start` as a child process (a supervising primary and two API workers
 * on one port), on this file's database and Redis prefix.
 */
const METRICS_TOKEN = "cluster-metrics-token-0123";
jest.setTimeout(120_000);

let t: BpoTestApp;
let agentA: TestUser;
let agentB: TestUser;
let brandId: number;
let primary: ServiceProcess;
const processes = serviceProcessesOn("bpo", () => t.c.config);
let port: number;

interface LogLine {
  message: string;
  pid: number;
  requestId?: string;
  [k: string]: unknown;
}
const logLines = (): LogLine[] =>
  primary
    .log()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as LogLine);
const listeningPids = () => logLines().filter((l) => l.message === "bpo-service listening").map((l) => l.pid);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits for `what` (60 s unless given), a timeout showing the tail of the processes' log. */
const until = <T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> => waitUntil(fn, ok, primary.seen(what, timeoutMs));


/** One request on its own connection; answers the status, body and the pid of the worker that served it. */
async function call(method: string, p: string, token: string): Promise<{ status: number; body: unknown; pid: number }> {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, { method, headers: { authorization: `Bearer ${token}`, connection: "close" } });
  const body = (await res.json().catch(() => null)) as unknown;
  const requestId = res.headers.get("x-request-id");
  const line = await until(
    () => logLines().find((l) => l.message === "request finished" && l.requestId === requestId),
    (l) => !!l,
    `log line of request ${requestId}`,
  );
  return { status: res.status, body, pid: line!.pid };
}

/** The pid whose open socket is the server end of the TCP connection from local port `clientPort`. */
function serverPidOf(clientPort: number, pids: number[]): number | null {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");
  let inode: string | null = null;
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const row of readFileSync(file, "utf8").split("\n").slice(1)) {
      const f = row.trim().split(/\s+/);
      if (f.length > 9 && f[1]!.endsWith(`:${hex(port)}`) && f[2]!.endsWith(`:${hex(clientPort)}`)) inode = f[9]!;
    }
  }
  if (!inode) return null;
  for (const pid of pids) {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return pid;
      } catch {
        // the fd closed meanwhile
      }
    }
  }
  return null;
}

/** GET /api/events held open; `text()` is everything received so far. */
function openStream(token: string): Promise<{ clientPort: number; text: () => string; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/api/events", headers: { authorization: `Bearer ${token}` } }, (res) => {
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (buf += c));
      res.on("error", () => undefined);
      if (res.statusCode !== 200) reject(new Error(`stream answered ${res.statusCode}`));
      resolve({ clientPort: req.socket!.localPort!, text: () => buf, close: () => req.destroy() });
    });
    req.on("error", reject);
  });
}

beforeAll(async () => {
  t = await startBpoTestApp();
  agentA = await t.user("agent");
  agentB = await t.user("agent");
  brandId = (await makeBrand(t)).id;
  port = await freePort();
  primary = processes.start("start", {
    PORT: String(port),
    WEB_CONCURRENCY: "2",
    METRICS_TOKEN,
    // "http" logs one line per finished request, with the pid of the worker that served it.
    LOG_LEVEL: "http",
  });
  await until(() => new Set(listeningPids()).size, (n) => n >= 2, "two API workers listening");
});

afterAll(async () => {
  if (primary.proc.exitCode === null && primary.proc.signalCode === null) {
    primary.proc.kill("SIGKILL");
    for (const pid of listeningPids()) if (alive(pid)) process.kill(pid, "SIGKILL");
  }
  await t.close();
});

describe("WEB_CONCURRENCY: several API workers on one host", () => {
  it("runs two API workers on one port, and both answer requests", async () => {
    const workers = new Set(listeningPids());
    expect(workers.size).toBe(2);
    expect(workers.has(primary.proc.pid!)).toBe(false);
    const served = new Set<number>();
    for (let i = 0; i < 20 && served.size < 2; i++) {
      const r = await call("GET", "/api/auth/me", agentA.token);
      expect(r.status).toBe(200);
      served.add(r.pid);
    }
    expect(served).toEqual(workers);
  });

  it("keeps an idle keep-alive connection open longer than a load balancer's 60 s (Keep-Alive: timeout=65), not node's 5 s", async () => {
    const agent = new http.Agent({ keepAlive: true });
    try {
      const header = await new Promise<string | undefined>((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port, path: "/api/auth/me", headers: { authorization: `Bearer ${agentA.token}` }, agent }, (res) => {
            res.resume();
            res.on("end", () => resolve(String(res.headers["keep-alive"])));
          })
          .on("error", reject);
      });
      expect(header).toBe("timeout=65");
    } finally {
      agent.destroy();
    }
  });

  it("a claim served by one worker reaches a live-events client connected to the other", async () => {
    const workers = listeningPids();
    const stream = await openStream(agentB.token);
    try {
      await until(() => stream.text(), (s) => s.includes(": connected"), "stream connected");
      const streamPid = serverPidOf(stream.clientPort, workers);
      expect(workers).toContain(streamPid);
      // Connections alternate between workers: claim until one claim is served by the other worker.
      let claim: { leadId: number; pid: number } | null = null;
      for (let i = 0; i < 10 && !claim; i++) {
        const lead = await makeLead(t, brandId);
        const r = await call("POST", `/api/leads/${lead.id}/claim`, agentA.token);
        expect(r.status).toBe(200);
        if (r.pid !== streamPid) claim = { leadId: lead.id, pid: r.pid };
      }
      expect(claim).not.toBeNull();
      await until(() => stream.text(), (s) => s.includes(`"leadId":${claim!.leadId}`), "the claim on the other worker's stream");
      expect(stream.text()).toContain("event: lead.claimed");
    } finally {
      stream.close();
    }
  });

  it("/metrics adds up the counters of every API worker, whichever worker serves the scrape", async () => {
    const workers = listeningPids();
    // Refused logins on separate connections, so they alternate between the workers.
    const loginPids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", connection: "close" },
        body: JSON.stringify({ login: `nobody-${i}`, password: "wrong password", kind: "api" }),
      });
      expect(res.status).toBe(401);
      const requestId = res.headers.get("x-request-id");
      const line = await until(() => logLines().find((l) => l.requestId === requestId && l.message === "request finished"), (l) => !!l, "login log line");
      loginPids.push(line!.pid);
    }
    expect(new Set(loginPids)).toEqual(new Set(workers));
    // Two live streams, also on separate connections.
    const streams = [await openStream(agentA.token), await openStream(agentB.token)];
    // One pending outbox row: read from the database, it must not be counted once per worker.
    await t.c.store.repos.outbox.add({ topic: "test.cluster-metrics", payload: {}, correlationId: null });
    try {
      for (const s of streams) await until(() => s.text(), (x) => x.includes(": connected"), "stream connected");
      const scrapedBy = new Set<number>();
      for (let i = 0; i < 10 && scrapedBy.size < 2; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}`, connection: "close" } });
        expect(res.status).toBe(200);
        const text = await res.text();
        const requestId = res.headers.get("x-request-id");
        const line = await until(() => logLines().find((l) => l.requestId === requestId && l.message === "request finished"), (l) => !!l, "scrape log line");
        scrapedBy.add(line!.pid);
        expect(text).toMatch(/^crm_login_failures_total\{reason="bad_credentials",service="bpo-service"\} 6$/m);
        expect(text).toMatch(/^crm_http_request_duration_seconds_count\{method="POST",route="\/api\/auth\/login",status="401",service="bpo-service"\} 6$/m);
        expect(text).toMatch(/^crm_sse_connections\{service="bpo-service"\} 2$/m);
        expect(text).toMatch(/^crm_outbox_messages\{status="pending",service="bpo-service"\} 1$/m);
      }
      expect(scrapedBy).toEqual(new Set(workers));
    } finally {
      for (const s of streams) s.close();
    }
  });

  it("replaces a worker that dies, and keeps serving", async () => {
    const [victim, survivor] = listeningPids();
    process.kill(victim!, "SIGKILL");
    const replacement = await until(
      () => listeningPids().filter((p) => p !== victim && p !== survivor),
      (ps) => ps.length === 1,
      "a replacement worker",
    );
    expect(alive(replacement[0]!)).toBe(true);
    const served = new Set<number>();
    for (let i = 0; i < 20 && served.size < 2; i++) served.add((await call("GET", "/api/auth/me", agentA.token)).pid);
    expect(served).toEqual(new Set([survivor, replacement[0]]));
  });

  it("SIGTERM to the primary stops every worker, then the primary", async () => {
    const workers = listeningPids().filter(alive);
    expect(workers).toHaveLength(2);
    primary.proc.kill("SIGTERM");
    const exit = await primary.exit;
    expect(exit.code).toBe(0);
    for (const pid of workers) expect(alive(pid)).toBe(false);
    expect(logLines().filter((l) => l.message === "shutting down" && workers.includes(l.pid))).toHaveLength(2);
  });
});
