/**
 * One command for the whole system with demo data: `pnpm demo` (`pnpm demo --fresh` starts from empty databases).
 * Makes sure PostgreSQL and Redis run, creates and migrates one database per service instance, seeds demo
 * data, starts the BPO service (API + worker), two dealership instances, one distributor simulator per
 * demo brand, and prints where to log in. Ctrl-C stops everything. Logs go to .demo/logs/.
 * Every start re-applies every demo setting (logins, distributor connections with their model names, the sync
 * interval, the links between BPO and dealerships), whatever an earlier demo run or a user changed.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { Client } from "pg";

const ROOT = path.resolve(__dirname, "..");
const DEMO_DIR = path.join(ROOT, ".demo");
const LOG_DIR = path.join(DEMO_DIR, "logs");
const PG_ADMIN = process.env.DEMO_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.DEMO_REDIS_URL ?? "redis://127.0.0.1:6379";
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const PRISMA = path.join(ROOT, "node_modules/.bin/prisma");
/** Every Redis key of the demo's instances starts with this (queues, rate limits, live events). */
const DEMO_REDIS_PREFIX = "crm-demo-";
const FRESH = process.argv.includes("--fresh");

const dbUrl = (name: string) => {
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Stable secrets per checkout (.demo/, git-ignored), so sealed peer keys stay readable across restarts. */
function demoSecret(name: string): string {
  const file = path.join(DEMO_DIR, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

async function dropDatabase(name: string): Promise<void> {
  const c = new Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/** Deletes the demo's Redis keys matching `pattern` (all of them for --fresh, only the login counters otherwise). */
async function deleteDemoRedisKeys(pattern: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** A port still held (by an earlier demo that did not stop, or another program) fails early with its name. */
async function ensurePortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () => reject(new Error(`port ${port} (${what}) is in use: stop the earlier demo or the program holding it`)));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

async function ensureDatabase(name: string): Promise<boolean> {
  const c = new Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return false;
    await c.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await c.end();
  }
}

function run(cmd: string, args: string[], env: Record<string, string>) {
  try {
    execFileSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: "pipe" });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    process.stderr.write(`${err.stdout?.toString() ?? ""}${err.stderr?.toString() ?? ""}`);
    throw new Error(`${path.basename(cmd)} ${args.join(" ")} failed`, { cause: e });
  }
}

async function prepareDatabase(schema: "bpo" | "dealer", name: string, seedEnv: Record<string, string> = {}) {
  const created = await ensureDatabase(name);
  const env = { DATABASE_URL: dbUrl(name), ...seedEnv };
  run(PRISMA, ["migrate", "deploy", "--config", `prisma/${schema}/prisma.config.ts`], env);
  run(TSX, [`prisma/${schema}/seed.ts`], env);
  say(`  database ${name} ${created ? "created, migrated and seeded" : "migrated and seeded"}`);
}

const children: { child: ChildProcess; logged: Promise<void> }[] = [];
function start(name: string, script: string, args: string[], env: Record<string, string>) {
  const log = createWriteStream(path.join(LOG_DIR, `${name}.log`), { flags: "a" });
  // node with tsx's loader, not the tsx wrapper: a wrapper between us and the service did not pass SIGTERM on
  // reliably, so services were cut off instead of draining.
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  child.on("exit", (code, signal) => {
    if (!stopping) say(`! ${name} exited (${signal ?? code}); see .demo/logs/${name}.log`);
  });
  // Resolved once the child's last log line is in its file ("close" comes after its output ends).
  const logged = new Promise<void>((resolve) => child.once("close", () => log.end(resolve)));
  children.push({ child, logged });
}

// Responses are read loosely: this script only wires the demo, the services validate everything.
async function api(baseUrl: string, method: string, p: string, token: string | null, body?: unknown): Promise<any> {
  const res = await fetch(`${baseUrl}/api${p}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: any = res.status === 204 ? null : await res.json();
  if (!res.ok) throw Object.assign(new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`), { code: json?.error?.code as string | undefined });
  return json;
}

/** One API session per instance and login for the whole start-up (the counters were reset before, see main). */
const tokens = new Map<string, Promise<string>>();
const apiLogin = (baseUrl: string, login: string): Promise<string> => {
  const key = `${baseUrl}|${login}`;
  if (!tokens.has(key)) {
    tokens.set(key, api(baseUrl, "POST", "/auth/login", null, { login, password: "demo1234!", kind: "api" }).then((r) => r.token as string));
  }
  return tokens.get(key)!;
};

/**
 * Links the BPO and each dealership both ways: the BPO calls the dealer with the key the dealer seed
 * registered; the dealer calls back with a key the BPO issues now (a fresh one each demo start).
 */
async function connectDealers(bpoUrl: string, dealers: { code: string; name: string; port: number; serviceKey: string }[]) {
  const bpoToken = await apiLogin(bpoUrl, "manager");
  const { dealerships } = await api(bpoUrl, "GET", "/dealerships", bpoToken);
  for (const d of dealers) {
    const dealership = dealerships.find((x: { code: string }) => x.code === d.code);
    if (!dealership) continue;
    const dealerUrl = `http://localhost:${d.port}`;
    await api(bpoUrl, "PUT", `/dealerships/${dealership.id}/connection`, bpoToken, { url: dealerUrl, key: d.serviceKey });
    const issued = await api(bpoUrl, "POST", `/dealerships/${dealership.id}/peer-keys`, bpoToken, { label: `demo ${new Date().toISOString()}` });
    const adminToken = await apiLogin(dealerUrl, "admin");
    await api(dealerUrl, "PUT", "/bpo-connection", adminToken, { url: bpoUrl, key: issued.key });
    const there = await api(bpoUrl, "POST", `/dealerships/${dealership.id}/connection/test`, bpoToken);
    const back = await api(dealerUrl, "POST", "/bpo-connection/test", adminToken);
    say(`  ${d.name}: BPO → dealer ${there.ok ? "ok" : "FAILED"}, dealer → BPO ${back.ok ? "ok" : "FAILED"}`);
  }
}

/** Points each demo brand at its simulator, pulls its catalogue and imports the pending leads once. */
async function connectDistributors(bpoUrl: string, distributors: { brand: string; port: number }[]) {
  const token = await apiLogin(bpoUrl, "manager");
  await api(bpoUrl, "PUT", "/distributor-sync/settings", token, { intervalMinutes: 5 });
  const { brands } = await api(bpoUrl, "GET", "/brands", token);
  for (const dist of distributors) {
    const brand = brands.find((b: { code: string }) => b.code === dist.brand);
    if (!brand) continue;
    await api(bpoUrl, "PUT", `/brands/${brand.id}/distributor`, token, {
      url: `http://127.0.0.1:${dist.port}`,
      db: `${dist.brand.toLowerCase()}_distributor`,
      login: "bpo-sync",
      password: "sync-password",
      // The simulator serves the stock model names; a change in the UI would break the next start otherwise.
      dealerModelName: "cheryweb.dealer",
      vehicleModelModelName: "cheryweb.vehicle.model",
      // Pointing a brand back at its demo simulator after someone moved it elsewhere in the UI.
      confirmDistributorChange: true,
    });
    await api(bpoUrl, "POST", `/brands/${brand.id}/distributor/sync-dealers`, token);
    await api(bpoUrl, "POST", `/brands/${brand.id}/distributor/sync-vehicle-models`, token);
    try {
      const run = await api(bpoUrl, "POST", `/brands/${brand.id}/distributor/sync-now`, token);
      say(`  ${dist.brand}: distributor connected, ${run.created ?? 0} web leads imported, ${run.deduplicated ?? 0} merged into open leads`);
    } catch (e) {
      // The worker's own scheduled run (or one an earlier demo left leased) imports the same leads.
      if ((e as { code?: string }).code !== "distributor_sync_running") throw e;
      say(`  ${dist.brand}: distributor connected, a sync is already running (web leads arrive with it)`);
    }
  }
}

async function waitHealthy(name: string, url: string) {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} did not become ready at ${url}; see .demo/logs/${name}.log`);
}

let stopping = false;
/**
 * SIGTERM to every service, then waits (up to 20 s) for them to drain and exit: their logs go through this
 * process's pipes, so leaving first would cut their shutdown short and lose its log lines.
 */
async function stopAll(): Promise<void> {
  stopping = true;
  for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await Promise.race([Promise.all(children.map((c) => c.logged)), new Promise((resolve) => setTimeout(resolve, 20_000).unref())]);
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  mkdirSync(LOG_DIR, { recursive: true });
  say("Checking PostgreSQL and Redis…");
  execFileSync("bash", [path.join(ROOT, "scripts/ensure-services.sh")], { stdio: "inherit" });
  const secret = demoSecret("app-secret");
  const common = { REDIS_URL, APP_SECRET: secret, LOG_LEVEL: process.env.LOG_LEVEL ?? "info", NODE_ENV: "development" };

  const bpo = { db: "crm_demo_bpo", port: 4000 };
  const dealers = [
    { code: "MAKATI", name: "UAAGI Makati", db: "crm_demo_dealer_makati", port: 4101 },
    { code: "CEBU", name: "UAAGI Cebu", db: "crm_demo_dealer_cebu", port: 4102 },
  ];
  const distributors = [
    { brand: "CHERY", port: 8069, args: [] as string[] },
    { brand: "JAECOO", port: 8070, args: ["--models", "J7,J8", "--dealers", "UAAGI Cebu,JAECOO Davao"] },
  ];

  await ensurePortFree(bpo.port, "BPO");
  for (const d of dealers) await ensurePortFree(d.port, d.name);
  for (const dist of distributors) await ensurePortFree(dist.port, `${dist.brand} distributor`);
  if (FRESH) {
    say("--fresh: dropping the demo databases and the demo's Redis keys…");
    for (const name of [bpo.db, ...dealers.map((d) => d.db)]) await dropDatabase(name);
    await deleteDemoRedisKeys(`${DEMO_REDIS_PREFIX}*`);
  }
  // The demo's own logins must never hit "Too many login attempts" after a few restarts.
  await deleteDemoRedisKeys(`${DEMO_REDIS_PREFIX}*:login-rl:*`);

  say("Preparing databases…");
  await prepareDatabase("bpo", bpo.db);
  for (const d of dealers) {
    // The key each dealership issues to the BPO service account (the BPO keeps it sealed).
    const serviceKey = demoSecret(`dealer-${d.code.toLowerCase()}-service-key`);
    await prepareDatabase("dealer", d.db, { DEALER_CODE: d.code, DEALER_SERVICE_KEY: serviceKey });
  }

  say("Starting services…");
  const bpoUrl = `http://localhost:${bpo.port}`;
  start("bpo", "services/bpo-service/src/main.ts", ["all"], {
    ...common,
    DATABASE_URL: dbUrl(bpo.db),
    REDIS_PREFIX: `${DEMO_REDIS_PREFIX}bpo`,
    PORT: String(bpo.port),
    PUBLIC_URL: bpoUrl,
  });
  {
    for (const d of dealers) {
      start(`dealer-${d.code.toLowerCase()}`, "services/dealer-service/src/main.ts", ["all"], {
        ...common,
        DATABASE_URL: dbUrl(d.db),
        REDIS_PREFIX: `${DEMO_REDIS_PREFIX}dealer-${d.code.toLowerCase()}`,
        PORT: String(d.port),
        PUBLIC_URL: `http://localhost:${d.port}`,
        DEALER_CODE: d.code,
        DEALER_NAME: d.name,
      });
    }
  }
  for (const dist of distributors) {
    start(`distributor-${dist.brand.toLowerCase()}`, "tools/distributor-simulator/src/main.ts", [
      "--port", String(dist.port), "--brand", dist.brand, "--seed", "15", "--produce-every", "45s", ...dist.args,
    ], {});
  }
  await waitHealthy("bpo", bpoUrl);
  for (const d of dealers) await waitHealthy(`dealer-${d.code.toLowerCase()}`, `http://localhost:${d.port}`);
  await connectDistributors(bpoUrl, distributors);
  await connectDealers(bpoUrl, dealers.map((d) => ({ ...d, serviceKey: demoSecret(`dealer-${d.code.toLowerCase()}-service-key`) })));

  say("");
  say("The CRM is running. Logs: .demo/logs/   Stop: Ctrl-C");
  say("");
  say(`BPO CRM          ${bpoUrl}   (API: ${bpoUrl}/api, OpenAPI: ${bpoUrl}/api/openapi.json)`);
  say("  logins: manager / supervisor / agent1 / agent2, password demo1234!");
  for (const d of dealers) {
    say(`${d.name.padEnd(16)} http://localhost:${d.port}   (API: http://localhost:${d.port}/api)`);
  }
  say("  logins: admin / manager / user, password demo1234!");
  for (const dist of distributors) {
    say(`Distributor ${dist.brand.padEnd(7)}  http://127.0.0.1:${dist.port}/jsonrpc (Odoo 12 simulator, new web leads every 45 s)`);
  }
  say("");
  say(`Try: curl -s -X POST ${bpoUrl}/api/auth/login -H 'content-type: application/json' -d '{"login":"agent1","password":"demo1234!","kind":"api"}'`);
}

const stopThenExit = (code: number) => {
  // pnpm passes Ctrl-C on as well: a second signal must not cut the services' drain short.
  if (stopping) return;
  say("Stopping the services…");
  void stopAll().then(() => process.exit(code));
};
process.on("SIGINT", () => stopThenExit(0));
process.on("SIGTERM", () => stopThenExit(0));
main().catch((e) => {
  process.stderr.write(`demo failed: ${(e as Error).message}\n`);
  stopThenExit(1);
});
