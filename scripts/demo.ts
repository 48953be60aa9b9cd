/**
 * One command for the whole system with demo data: `pnpm demo`.
 * Makes sure PostgreSQL and Redis run, creates and migrates one database per service instance, seeds demo
 * data, starts the BPO service (API + worker), two dealership instances, one distributor simulator per
 * demo brand, and prints where to log in. Ctrl-C stops everything. Logs go to .demo/logs/.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";

const ROOT = path.resolve(__dirname, "..");
const DEMO_DIR = path.join(ROOT, ".demo");
const LOG_DIR = path.join(DEMO_DIR, "logs");
const PG_ADMIN = process.env.DEMO_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.DEMO_REDIS_URL ?? "redis://127.0.0.1:6379";
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const PRISMA = path.join(ROOT, "node_modules/.bin/prisma");

const dbUrl = (name: string) => {
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  return u.toString();
};

/** A stable secret per checkout, so encrypted peer keys stay readable across demo restarts. */
function appSecret(): string {
  const file = path.join(DEMO_DIR, "app-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
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

const children: ChildProcess[] = [];
function start(name: string, script: string, args: string[], env: Record<string, string>) {
  const log = createWriteStream(path.join(LOG_DIR, `${name}.log`), { flags: "a" });
  const child = spawn(TSX, [script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  child.on("exit", (code, signal) => {
    if (!stopping) say(`! ${name} exited (${signal ?? code}); see .demo/logs/${name}.log`);
  });
  children.push(child);
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
function stopAll() {
  stopping = true;
  for (const c of children) c.kill("SIGTERM");
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  mkdirSync(LOG_DIR, { recursive: true });
  say("Checking PostgreSQL and Redis…");
  execFileSync("bash", [path.join(ROOT, "scripts/ensure-services.sh")], { stdio: "inherit" });
  const secret = appSecret();
  const common = { REDIS_URL, APP_SECRET: secret, LOG_LEVEL: process.env.LOG_LEVEL ?? "info", NODE_ENV: "development" };

  const bpo = { db: "crm_demo_bpo", port: 4000 };
  const dealers = [
    { code: "MAKATI", name: "UAAGI Makati", db: "crm_demo_dealer_makati", port: 4101 },
    { code: "CEBU", name: "UAAGI Cebu", db: "crm_demo_dealer_cebu", port: 4102 },
  ];
  const dealerReady = existsSync(path.join(ROOT, "prisma/dealer/seed.ts"));

  say("Preparing databases…");
  await prepareDatabase("bpo", bpo.db);
  if (dealerReady) for (const d of dealers) await prepareDatabase("dealer", d.db, { DEALER_CODE: d.code, DEALER_NAME: d.name });

  say("Starting services…");
  const bpoUrl = `http://localhost:${bpo.port}`;
  start("bpo", "services/bpo-service/src/main.ts", ["all"], {
    ...common,
    DATABASE_URL: dbUrl(bpo.db),
    REDIS_PREFIX: "crm-demo-bpo",
    PORT: String(bpo.port),
    PUBLIC_URL: bpoUrl,
  });
  if (dealerReady) {
    for (const d of dealers) {
      start(`dealer-${d.code.toLowerCase()}`, "services/dealer-service/src/main.ts", ["all"], {
        ...common,
        DATABASE_URL: dbUrl(d.db),
        REDIS_PREFIX: `crm-demo-dealer-${d.code.toLowerCase()}`,
        PORT: String(d.port),
        PUBLIC_URL: `http://localhost:${d.port}`,
        DEALER_CODE: d.code,
        DEALER_NAME: d.name,
      });
    }
  }
  await waitHealthy("bpo", bpoUrl);
  if (dealerReady) for (const d of dealers) await waitHealthy(`dealer-${d.code.toLowerCase()}`, `http://localhost:${d.port}`);

  say("");
  say("The CRM is running. Logs: .demo/logs/   Stop: Ctrl-C");
  say("");
  say(`BPO CRM          ${bpoUrl}   (API: ${bpoUrl}/api, OpenAPI: ${bpoUrl}/api/openapi.json)`);
  say("  logins: manager / supervisor / agent1 / agent2, password demo1234!");
  if (dealerReady) {
    for (const d of dealers) {
      say(`${d.name.padEnd(16)} http://localhost:${d.port}   (API: http://localhost:${d.port}/api)`);
    }
    say("  logins: admin / manager / user, password demo1234!");
  }
  say("");
  say(`Try: curl -s -X POST ${bpoUrl}/api/auth/login -H 'content-type: application/json' -d '{"login":"agent1","password":"demo1234!","kind":"api"}'`);
}

process.on("SIGINT", () => {
  stopAll();
  process.exit(0);
});
process.on("SIGTERM", () => {
  stopAll();
  process.exit(0);
});
main().catch((e) => {
  process.stderr.write(`demo failed: ${(e as Error).message}\n`);
  stopAll();
  process.exit(1);
});
