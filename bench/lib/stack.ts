/**
 * Shared boot code for the bench scripts: a BPO and/or a dealer-service, each on its own fresh database
 * (migrations applied) and Redis prefix, listening on loopback. Everything is dropped by close().
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import type { Server } from "node:http";
import { type AddressInfo, createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { createLogger, hashPassword } from "../../packages/platform/src";
import { type SchemaName, applyMigrations, databaseUrl, deleteRedisPrefix, dropDatabase, testRedisUrl } from "../../packages/test-kit/src";
import { buildApp as buildBpoApp } from "../../services/bpo-service/src/app";
import { loadConfig as loadBpoConfig } from "../../services/bpo-service/src/config";
import { type BpoContainer, createContainer as createBpoContainer } from "../../services/bpo-service/src/container";
import type { Role as BpoRole } from "../../services/bpo-service/src/domain/actor";
import { buildApp as buildDealerApp } from "../../services/dealer-service/src/app";
import { loadConfig as loadDealerConfig } from "../../services/dealer-service/src/config";
import { type DealerContainer, createContainer as createDealerContainer } from "../../services/dealer-service/src/container";
import type { Role as DealerRole } from "../../services/dealer-service/src/domain/actor";

// express is a dependency of the services, not of the repository root.
// Types come through the services (bench/ cannot resolve express itself).
export type Express = ReturnType<typeof buildBpoApp>;
const express = createRequire(require.resolve("../../services/bpo-service/package.json"))("express") as () => Express;
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const PASSWORD = "correct horse battery";
const passwordHash = hashPassword(PASSWORD);
export const say = (s: string) => process.stdout.write(`${s}\n`);

export interface BenchUser<R> {
  id: number;
  login: string;
  name: string;
  role: R;
  token: string;
}

interface Running {
  url: string;
  /** The environment the in-process container was configured with (a child process started with it shares the instance). */
  env: Record<string, string>;
  dbUrl: string;
  dbName: string;
  prefix: string;
  server: Server;
}

export interface BpoBench extends Running {
  c: BpoContainer;
  app: Express;
  user(role: BpoRole): Promise<BenchUser<BpoRole>>;
}

export interface DealerBench extends Running {
  c: DealerContainer;
  app: Express;
  user(role: DealerRole): Promise<BenchUser<DealerRole>>;
}

const cleanups: (() => Promise<void>)[] = [];
let seq = 0;

async function freshDatabase(schema: SchemaName): Promise<{ dbName: string; dbUrl: string; prefix: string }> {
  const dbName = `crm_bench_${randomBytes(4).toString("hex")}`;
  const prefix = `crmbench:${randomBytes(3).toString("hex")}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  cleanups.push(async () => {
    await deleteRedisPrefix(prefix);
    // BENCH_KEEP_DB keeps a costly dataset (e.g. floor-report's 1M leads) for EXPLAIN work; drop it by hand after.
    if (process.env.BENCH_KEEP_DB) return void process.stderr.write(`database kept: ${dbName} (drop it when done)\n`);
    await dropDatabase(dbName);
  });
  const dbUrl = databaseUrl(dbName);
  await applyMigrations(dbUrl, schema);
  return { dbName, dbUrl, prefix };
}

/** Listen on a free loopback port; the app is mounted after `before` so a script can add its own handlers. */
async function listen(app: Express): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const silent = (service: string) => createLogger({ service, level: "error", silent: true });

export async function startBpo(opts: { poolSize?: number; env?: Record<string, string>; mount?: (app: Express, c: BpoContainer) => void } = {}): Promise<BpoBench> {
  const { dbName, dbUrl, prefix } = await freshDatabase("bpo");
  const env: Record<string, string> = {
    NODE_ENV: "production",
    DATABASE_URL: dbUrl,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    PUBLIC_URL: "http://bench.local",
    APP_SECRET: "bench-secret-bench-secret-bench-secret-00",
    LOG_LEVEL: "error",
    LOGIN_RATE_LIMIT: "100000",
    ...opts.env,
  };
  const c = createBpoContainer(loadBpoConfig(env), { logger: silent("bench-bpo"), dbPoolSize: opts.poolSize ?? 10 });
  cleanups.push(() => c.close());
  const outer = express();
  opts.mount?.(outer, c);
  const app = buildBpoApp(c);
  outer.use(app);
  const { server, url } = await listen(outer);
  return {
    c,
    app,
    url,
    env,
    dbUrl,
    dbName,
    prefix,
    server,
    async user(role) {
      const n = ++seq;
      const login = `${role}${n}@bench`;
      const u = await c.store.repos.users.create({ login, name: `${role} ${n}`, email: null, role, passwordHash: await passwordHash });
      const { token } = await c.auth.login(login, PASSWORD, "api");
      return { id: u.id, login, name: u.name, role, token };
    },
  };
}

export async function startDealer(opts: { poolSize?: number; env?: Record<string, string> } = {}): Promise<DealerBench> {
  const { dbName, dbUrl, prefix } = await freshDatabase("dealer");
  const env: Record<string, string> = {
    NODE_ENV: "production",
    DATABASE_URL: dbUrl,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    PUBLIC_URL: "http://dealer.bench.local",
    APP_SECRET: "bench-secret-bench-secret-bench-secret-00",
    LOG_LEVEL: "error",
    DEALER_CODE: "BENCH",
    LOGIN_RATE_LIMIT: "100000",
    ...opts.env,
  };
  const c = createDealerContainer(loadDealerConfig(env), { logger: silent("bench-dealer"), dbPoolSize: opts.poolSize ?? 10 });
  cleanups.push(() => c.close());
  const app = buildDealerApp(c);
  const { server, url } = await listen(app);
  return {
    c,
    app,
    url,
    env,
    dbUrl,
    dbName,
    prefix,
    server,
    async user(role) {
      const n = ++seq;
      const login = `${role.replace(/_/g, "-")}${n}@bench`;
      const u = await c.store.repos.users.create({ login, name: `${role} ${n}`, email: null, role, passwordHash: await passwordHash });
      const token = role === "service_account" ? "" : (await c.auth.login(login, PASSWORD, "api")).token;
      return { id: u.id, login, name: u.name, role, token };
    },
  };
}

/** Registers something closeAll() must close (it runs before whatever was set up earlier). */
export const atClose = (f: () => Promise<void>): void => void cleanups.push(f);

/** Closes servers and containers, drops databases and Redis prefixes (in reverse order of creation). */
export async function closeAll(): Promise<void> {
  while (cleanups.length) {
    const f = cleanups.pop()!;
    await f().catch((e: Error) => process.stderr.write(`cleanup: ${e.message}\n`));
  }
}

export interface HttpAnswer {
  status: number;
  body: unknown;
  text: string;
}

/** One HTTP call with a raw or JSON body; never throws on a status. */
export async function http(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const res = await fetch(`${base}${path}`, { method: method.toUpperCase(), headers, body, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, text };
}

export const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
export const median = (xs: number[]): number => quantile(xs, 0.5);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `fn` every `everyMs` until `ok` or `timeoutMs`; returns the last value either way. */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await sleep(everyMs);
  }
}

/** A free TCP port on loopback (free when asked; the caller binds it right away). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const ROOT = path.resolve(__dirname, "../..");
let logDir: string | null = null;
function benchLogDir(): string {
  if (!logDir) {
    const dir = mkdtempSync(path.join(tmpdir(), "crm-bench-"));
    logDir = dir;
    // Logs of child processes are kept only when BENCH_KEEP_LOGS is set (their path is printed then).
    cleanups.unshift(async () => {
      if (process.env.BENCH_KEEP_LOGS) process.stderr.write(`child process logs kept in ${dir}\n`);
      else rmSync(dir, { recursive: true, force: true });
    });
  }
  return logDir;
}

/** A child process the script can stop (any signal) and start again; always stopped by closeAll(). */
export interface ChildService {
  name: string;
  /** The pid of the running process (node itself, not a wrapper), null when stopped. */
  pid(): number | null;
  /** http://127.0.0.1:<port> for API roles, null for workers. */
  url: string | null;
  logFile: string;
  start(): Promise<void>;
  /** Sends the signal and waits for the exit (SIGKILL after 15 s). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Resident set size from /proc/<pid>/status (kB), null when stopped. */
  rssKb(): number | null;
}

function rssOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Runs services/<service>-service/src/main.ts <role> as a real child process (node --import tsx, so the pid is
 * the service's own), on loopback, with `env` (usually a bench instance's env: same database, Redis prefix and
 * secret). Ready = /readyz answers 200 (API roles) or the "worker started" log line (worker role).
 * `runner: "compiled"` runs the production bundle instead (services/<service>-service/dist/main.js under plain
 * node, as `pnpm start:bpo` does): build it first (`pnpm build`).
 */
export async function childService(
  name: string,
  service: "bpo" | "dealer",
  role: "start" | "worker" | "all",
  env: Record<string, string>,
  runner: "tsx" | "compiled" = "tsx",
): Promise<ChildService> {
  const port = role === "worker" ? null : await freePort();
  const url = port === null ? null : `http://127.0.0.1:${port}`;
  const logFile = path.join(benchLogDir(), `${name}.log`);
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const fullEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...env,
    // Workers announce readiness at info; API processes would log every request at info.
    LOG_LEVEL: role === "start" ? "warn" : "info",
    ...(port === null ? {} : { PORT: String(port) }),
  };
  const svc: ChildService = {
    name,
    url,
    logFile,
    pid: () => child?.pid ?? null,
    async start() {
      if (child) return;
      const offset = (() => {
        try {
          return statSync(logFile).size;
        } catch {
          return 0;
        }
      })();
      const fd = openSync(logFile, "a");
      const args =
        runner === "compiled" ? ["--enable-source-maps", `services/${service}-service/dist/main.js`, role] : ["--import", "tsx", `services/${service}-service/src/main.ts`, role];
      const c = spawn(process.execPath, args, { cwd: ROOT, env: fullEnv, stdio: ["ignore", fd, fd] });
      closeSync(fd);
      child = c;
      let gone = false;
      exited = new Promise<void>((r) =>
        c.once("exit", () => {
          gone = true;
          if (child === c) child = null;
          r();
        }),
      );
      const log = () => readFileSync(logFile, "utf8").slice(offset);
      const end = Date.now() + 60_000;
      for (;;) {
        if (gone) throw new Error(`${name} exited during start-up:\n${log().slice(-2000)}`);
        if (Date.now() > end) throw new Error(`${name} not ready after 60 s:\n${log().slice(-2000)}`);
        if (url) {
          const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
          if (ok) return;
        } else if (/worker started/.test(log())) return;
        await sleep(100);
      }
    },
    async stop(signal = "SIGTERM") {
      const c = child;
      if (!c) return;
      c.kill(signal);
      const timer = setTimeout(() => c.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
    rssKb: () => (child?.pid ? rssOf(child.pid) : null),
  };
  cleanups.push(() => svc.stop());
  await svc.start();
  return svc;
}

/** A private redis-server on a free loopback port (nothing on disk), stoppable and restartable on the same port. */
export interface PrivateRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SIGKILL by default: Redis disappears without a goodbye. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const pong = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ host: "127.0.0.1", port }, () => s.write("PING\r\n"));
    s.setTimeout(1_000, () => (s.destroy(), resolve(false)));
    s.on("data", (d) => (s.destroy(), resolve(d.toString().startsWith("+PONG"))));
    s.on("error", () => resolve(false));
  });

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const r: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      if (child) return;
      const c = spawn("/usr/bin/redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
      child = c;
      exited = new Promise<void>((res) =>
        c.once("exit", () => {
          if (child === c) child = null;
          res();
        }),
      );
      for (let i = 0; i < 100; i++) {
        if (await pong(port)) return;
        await sleep(50);
      }
      throw new Error(`redis-server on port ${port} did not answer`);
    },
    async stop(signal = "SIGKILL") {
      const c = child;
      if (!c) return;
      c.kill(signal);
      await exited;
    },
  };
  cleanups.push(() => r.stop("SIGTERM"));
  await r.start();
  return r;
}

/** Direct SQL on a bench database; the client is closed by closeAll(). */
export async function sql(dbUrl: string): Promise<Client> {
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  cleanups.push(() => pg.end());
  return pg;
}

export interface EndorsementLink {
  brandId: number;
  dealershipId: number;
  vehicleModelId: number;
}

/**
 * What an endorsement needs on both sides, as in the cross-service tests: one brand and vehicle model on the
 * BPO, the same brand and product at the dealership, a dealer service account whose key the BPO stores, and a
 * key the BPO issued for the dealer's callbacks. URLs default to the in-process servers.
 */
export async function linkForEndorsement(bpo: BpoBench, dealer: DealerBench, urls: { bpoUrl?: string; dealerUrl?: string } = {}): Promise<EndorsementLink> {
  const brand = await bpo.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
  const vm = await bpo.c.store.repos.catalog.createVehicleModel({ brandId: brand.id, name: "Tiggo 7 Pro", code: "TIGGO7PRO" });
  const dealership = await bpo.c.store.repos.catalog.createDealership({ code: "BENCH", name: "Dealer BENCH", brandId: brand.id, managerEmail: null });
  const dealerBrand = await dealer.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
  await dealer.c.store.repos.catalog.createProduct({ brandId: dealerBrand.id, defaultCode: "TIGGO7PRO", name: "Chery Tiggo 7 Pro", listPrice: 1_298_000 });
  const admin = await dealer.user("dealer_admin");
  const account = await dealer.user("service_account");
  const { key } = await dealer.c.serviceKeys.issue({ id: admin.id, name: admin.name, role: "dealer_admin" }, { userId: account.id, label: "BPO" });
  const manager = { id: 0, name: "bench", role: "manager" as const };
  await bpo.c.dealerLinks.set(manager, dealership.id, { url: urls.dealerUrl ?? dealer.url, key });
  const peer = await bpo.c.dealerLinks.issuePeerKey(manager, dealership.id, "callbacks");
  await dealer.c.bpoConnection.set(null, { url: urls.bpoUrl ?? bpo.url, key: peer.key });
  return { brandId: brand.id, dealershipId: dealership.id, vehicleModelId: vm.id };
}

/** `n` leads written straight to the BPO database, claimed by `userId` and in stage `stage`; returns their ids. */
export async function insertLeads(pg: Client, opts: { brandId: number; n: number; userId?: number | null; stage?: string; vehicleModelId?: number | null; tag?: string }): Promise<number[]> {
  const { rows } = await pg.query<{ id: number }>(
    `INSERT INTO leads (contact_name, email, mobile, brand_id, vehicle_model_id, source_id, stage_id, user_id, claimed_at, updated_at)
     SELECT $6 || ' ' || g, 'c' || g || '.' || lower($6) || '@example.ph', '+63917' || lpad(g::text, 7, '0'), $1::int, $2::int,
            (SELECT id FROM lead_sources WHERE code = 'inbound_call'), (SELECT id FROM stages WHERE name = $3), $4::int,
            CASE WHEN $4::int IS NULL THEN NULL ELSE now() END, now()
     FROM generate_series(1, $5::int) g ORDER BY g RETURNING id`,
    [opts.brandId, opts.vehicleModelId ?? null, opts.stage ?? "New", opts.userId ?? null, opts.n, opts.tag ?? "Customer"],
  );
  return rows.map((r) => r.id);
}

export interface BurstResult {
  /** Request start (epoch ms) per lead id whose request was answered 200. */
  accepted: Map<number, number>;
  statuses: Map<number | string, number>;
  wallMs: number;
}

/** POST /api/leads/:id/endorse for every id, `concurrency` requests in flight, bounded by `timeoutMs` in all. */
export async function endorseBurst(baseUrl: string, token: string, ids: number[], dealershipId: number, opts: { concurrency: number; timeoutMs: number; withQuotation?: boolean }): Promise<BurstResult> {
  const accepted = new Map<number, number>();
  const statuses = new Map<number | string, number>();
  const queue = [...ids];
  const t0 = Date.now();
  const deadline = t0 + opts.timeoutMs;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      for (let id = queue.shift(); id !== undefined && Date.now() < deadline; id = queue.shift()) {
        const start = Date.now();
        let status: number | string;
        try {
          status = (await http(baseUrl, "post", `/api/leads/${id}/endorse`, { token, body: { dealershipId, withQuotation: opts.withQuotation ?? true } })).status;
        } catch (e) {
          status = (e as Error).name;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 200) accepted.set(id, start);
      }
    }),
  );
  return { accepted, statuses, wallMs: Date.now() - t0 };
}

export interface DeliveryAudit {
  sent: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Deliveries repeated after the dealer had already created the lead (answered "already existed"; idempotent). */
  redelivered: number;
  /** BPO side: leads still pending / failed, outbox rows per status. */
  bpoStatus: Record<string, number>;
  outbox: Record<string, number>;
}

/** Counts dealer leads per BPO lead id (delivered once, lost, more than once) and the BPO-side states. */
export async function auditEndorsements(bpoPg: Client, dealerPg: Client, ids: number[]): Promise<DeliveryAudit> {
  const perLead = await dealerPg.query<{ id: number; n: number }>(
    "SELECT bpo_source_lead_id AS id, count(*)::int AS n FROM leads WHERE bpo_source_lead_id = ANY($1::int[]) GROUP BY 1",
    [ids],
  );
  const bpo = await bpoPg.query<{ s: string; n: number }>("SELECT endorsement_status::text AS s, count(*)::int AS n FROM leads WHERE id = ANY($1::int[]) GROUP BY 1", [ids]);
  const outbox = await bpoPg.query<{ s: string; n: number }>("SELECT status::text AS s, count(*)::int AS n FROM outbox_messages GROUP BY 1");
  const again = await bpoPg.query<{ n: number }>("SELECT count(*)::int AS n FROM lead_messages WHERE lead_id = ANY($1::int[]) AND body LIKE 'Dealer lead % already existed at %'", [ids]);
  return {
    redelivered: again.rows[0]!.n,
    sent: ids.length,
    delivered: perLead.rows.length,
    lost: ids.length - perLead.rows.length,
    duplicated: perLead.rows.filter((r) => r.n > 1).length,
    bpoStatus: Object.fromEntries(bpo.rows.map((r) => [r.s, r.n])),
    outbox: Object.fromEntries(outbox.rows.map((r) => [r.s, r.n])),
  };
}

/** Dealer leads created for these BPO lead ids so far. */
export async function dealerLeadCount(dealerPg: Client, ids: number[]): Promise<number> {
  return (await dealerPg.query<{ n: number }>("SELECT count(DISTINCT bpo_source_lead_id)::int AS n FROM leads WHERE bpo_source_lead_id = ANY($1::int[])", [ids])).rows[0]!.n;
}

export const fmtCounts = (m: Map<number | string, number> | Record<string, number>) =>
  (m instanceof Map ? [...m] : Object.entries(m)).map(([k, v]) => `${k}×${v}`).join(", ") || "none";
