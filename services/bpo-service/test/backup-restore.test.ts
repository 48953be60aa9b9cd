import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { databaseUrl, dropDatabase, freePort, runId } from "@crm/test-kit";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";

/**
 * `pnpm db:backup` / `pnpm db:restore` (scripts/db-backup.ts) on a BPO database with leads, chatter and outbox
 * rows: the backup names its migration, restores into a new database, the service starts on the copy, and every
 * row is there; restoring over a database with tables is refused unless --force.
 */
const ROOT = path.resolve(__dirname, "../../..");
const exec = promisify(execFile);
jest.setTimeout(120_000);

let t: BpoTestApp;
let agent: TestUser;
let outDir: string;
const restoredName = `crm_t_${runId()}_restored_${randomBytes(3).toString("hex")}`;
let api: ChildProcess | null = null;

const script = (...args: string[]) =>
  exec(process.execPath, ["--import", "tsx", "scripts/db-backup.ts", ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "" } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

async function rows(url: string, sql: string): Promise<unknown[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}
const TABLES = {
  leads: "SELECT * FROM leads ORDER BY id",
  chatter: "SELECT * FROM lead_messages ORDER BY id",
  outbox: "SELECT * FROM outbox_messages ORDER BY id",
};

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent");
  const brand = await makeBrand(t, "CHERY");
  for (let i = 0; i < 5; i++) {
    const lead = await makeLead(t, brand.id, { userId: agent.id, stage: "Qualified", contactName: `Backup Customer ${i}` });
    await t.c.store.repos.messages.add({ leadId: lead.id, kind: "note", body: `Called back, note ${i}`, authorId: agent.id });
    await t.c.store.repos.outbox.add({ topic: "dealer.receiveEndorsedLead", payload: { leadId: lead.id }, correlationId: `corr-${i}` });
  }
  outDir = mkdtempSync(path.join(os.tmpdir(), "crm-backup-"));
});

afterAll(async () => {
  if (api && api.exitCode === null && api.signalCode === null) {
    const exited = new Promise((r) => api!.once("exit", r));
    api.kill("SIGKILL");
    await exited;
  }
  rmSync(outDir, { recursive: true, force: true });
  await dropDatabase(restoredName);
  await t.close();
});

describe("database backup and restore", () => {
  let dumpFile: string;

  it("backs up the database in custom format with its migration version in the file name and a sidecar", async () => {
    const r = await script("backup", "bpo", "--database-url", t.c.config.DATABASE_URL, "--out", outDir);
    expect(r).toMatchObject({ code: 0 });
    const migration = await t.c.store.migrationVersion();
    const files = readdirSync(outDir).sort();
    expect(files).toHaveLength(2);
    dumpFile = path.join(outDir, files.find((f) => f.endsWith(".dump"))!);
    expect(path.basename(dumpFile)).toMatch(new RegExp(`^bpo-crm_t_[a-z0-9_]+-\\d{8}T\\d{6}Z-${migration}\\.dump$`));
    expect(readFileSync(dumpFile).subarray(0, 5).toString()).toBe("PGDMP"); // pg_dump's custom format
    const sidecar = JSON.parse(readFileSync(dumpFile.replace(/\.dump$/, ".json"), "utf8")) as Record<string, unknown>;
    expect(sidecar).toMatchObject({ service: "bpo", migration, format: "pg_dump custom" });
  });

  it("restores into a new database holding every lead, chatter line and outbox row", async () => {
    const url = databaseUrl(restoredName);
    const r = await script("restore", dumpFile, "--database-url", url);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain(`into ${restoredName}`);
    for (const sql of Object.values(TABLES)) expect(await rows(url, sql)).toEqual(await rows(t.c.config.DATABASE_URL, sql));
    expect(await rows(url, TABLES.leads)).toHaveLength(5);
    expect((await rows(url, TABLES.chatter)).length).toBeGreaterThanOrEqual(5);
    expect(await rows(url, TABLES.outbox)).toHaveLength(5);
  });

  it("refuses to restore over a database that has tables, unless --force", async () => {
    const url = databaseUrl(restoredName);
    await rows(url, "DELETE FROM outbox_messages WHERE correlation_id = 'corr-0'");
    const refused = await script("restore", dumpFile, "--database-url", url);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not empty .*--force/);
    expect(await rows(url, TABLES.outbox)).toHaveLength(4);

    const forced = await script("restore", dumpFile, "--database-url", url, "--force");
    expect(forced).toMatchObject({ code: 0 });
    expect(await rows(url, TABLES.outbox)).toEqual(await rows(t.c.config.DATABASE_URL, TABLES.outbox));
  });

  it("starts the BPO service on the restored database: /readyz 200 at the backup's migration", async () => {
    const port = await freePort();
    const cfg = t.c.config;
    let log = "";
    api = spawn(process.execPath, ["--import", "tsx", "services/bpo-service/src/main.ts", "start"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "test", DATABASE_URL: databaseUrl(restoredName), REDIS_URL: cfg.REDIS_URL, REDIS_PREFIX: `${cfg.REDIS_PREFIX}:restored`, PUBLIC_URL: cfg.PUBLIC_URL, APP_SECRET: cfg.APP_SECRET, PORT: String(port), LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    api.stdout!.on("data", (d: Buffer) => (log += d.toString()));
    api.stderr!.on("data", (d: Buffer) => (log += d.toString()));
    const end = Date.now() + 60_000;
    let ready: { status: number; body: { version?: { migration?: string } } } = { status: 0, body: {} };
    while (ready.status !== 200) {
      if (Date.now() > end || api.exitCode !== null) throw new Error(`not ready:\n${log.slice(-2000)}`);
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        async (r) => ({ status: r.status, body: (await r.json()) as { version?: { migration?: string } } }),
        () => ({ status: 0, body: {} }),
      );
      if (ready.status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready.body.version?.migration).toBe(await t.c.store.migrationVersion());
    // The agent's session came along with the users: the restored copy serves their leads.
    const me = await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(me.status).toBe(200);
    expect(existsSync(dumpFile)).toBe(true);
  });
});
