/**
 * Backup and restore of one instance's database (the BPO's, or one dealership's):
 *
 *   pnpm db:backup <bpo|dealer> [--database-url URL] [--out DIR]
 *     pg_dump in custom format to DIR (default ./backups) as
 *     <service>-<database>-<UTC time>-<last migration>.dump, with a .json sidecar saying the same. Written
 *     under a temporary name and renamed when complete: a file with the final name is a whole backup.
 *
 *   pnpm db:restore <file.dump> [--database-url URL] [--force]
 *     pg_restore into the database of URL (created when it does not exist), in one transaction. Refuses a
 *     database that already has tables unless --force (then its objects are dropped and replaced).
 *     A backup from older code is fine: restore, then `prisma migrate deploy`, then start the processes.
 *
 * The database URL defaults to DATABASE_URL. Needs pg_dump / pg_restore of the server's major version or newer.
 * Redis is not backed up: it holds queues the outbox rebuilds, live events and caches.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";

const run = promisify(execFile);
const say = (line: string) => process.stdout.write(`${line}\n`);

class UsageError extends Error {}

const SERVICES = ["bpo", "dealer"] as const;

interface Sidecar {
  service: (typeof SERVICES)[number];
  database: string;
  migration: string | null;
  createdAt: string;
  format: "pg_dump custom";
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith("--")) throw new UsageError(`--${name} needs a value`);
  args.splice(i, 2);
  return v;
}

function databaseUrl(args: string[]): string {
  const given = flag(args, "database-url") ?? process.env.DATABASE_URL;
  if (!given) throw new UsageError("Give the database: --database-url postgresql://… or DATABASE_URL");
  if (!/^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(given)) throw new UsageError("The database URL must be postgresql://host/database");
  return given;
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
/** The same server's maintenance database, to create the target. */
const maintenanceUrl = (url: string) => Object.assign(new URL(url), { pathname: "/postgres" }).toString();

async function withDb<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function lastMigration(c: Client): Promise<string | null> {
  const table = await c.query<{ t: string | null }>("SELECT to_regclass('public._prisma_migrations')::text AS t");
  if (!table.rows[0]?.t) return null;
  const { rows } = await c.query<{ migration_name: string }>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1",
  );
  return rows[0]?.migration_name ?? null;
}

async function tableCount(c: Client): Promise<number> {
  const { rows } = await c.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')",
  );
  return Number(rows[0]!.n);
}

async function backup(args: string[]): Promise<void> {
  const url = databaseUrl(args);
  const out = path.resolve(flag(args, "out") ?? "backups");
  const service = SERVICES.find((s) => s === args[0]);
  if (!service) throw new UsageError("Usage: pnpm db:backup <bpo|dealer> [--database-url URL] [--out DIR]");
  const migration = await withDb(url, lastMigration);
  if (!migration) throw new UsageError(`${databaseName(url)} has no applied migration: is it a ${service} database?`);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const base = path.join(out, `${service}-${databaseName(url)}-${stamp}-${migration}`);
  mkdirSync(out, { recursive: true });
  const partial = `${base}.dump.partial`;
  try {
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${url}`]);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  const sidecar: Sidecar = { service: service, database: databaseName(url), migration, createdAt: new Date().toISOString(), format: "pg_dump custom" };
  writeFileSync(`${base}.json`, `${JSON.stringify(sidecar, null, 2)}\n`);
  renameSync(partial, `${base}.dump`);
  say(`backup ${base}.dump (migration ${migration})`);
}

async function restore(args: string[]): Promise<void> {
  const url = databaseUrl(args);
  const force = args.includes("--force");
  const file = args.filter((a) => a !== "--force")[0];
  if (!file) throw new UsageError("Usage: pnpm db:restore <file.dump> [--database-url URL] [--force]");
  if (!existsSync(file)) throw new UsageError(`No such backup: ${file}`);
  const sidecarPath = file.replace(/\.dump$/, ".json");
  const sidecar = existsSync(sidecarPath) ? (JSON.parse(readFileSync(sidecarPath, "utf8")) as Sidecar) : null;
  const name = databaseName(url);

  const exists = await withDb(maintenanceUrl(url), async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
  if (!exists) {
    await withDb(maintenanceUrl(url), (c) => c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`));
    say(`created database ${name}`);
  } else {
    const tables = await withDb(url, tableCount);
    if (tables > 0 && !force) {
      throw new UsageError(`Database ${name} is not empty (${tables} tables): restore into a new database, or add --force to replace its contents`);
    }
  }
  // One transaction: a failed restore leaves the database as it was.
  await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", ...(force && exists ? ["--clean", "--if-exists"] : []), `--dbname=${url}`, file]);
  const migration = await withDb(url, lastMigration);
  say(`restored ${path.basename(file)} into ${name}${sidecar ? ` (${sidecar.service} backup of ${sidecar.database}, ${sidecar.createdAt})` : ""}; last migration ${migration ?? "none"}`);
  say("next: prisma migrate deploy for this database (newer code may bring migrations), then start the processes");
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === "backup") await backup(args);
  else if (command === "restore") await restore(args);
  else throw new UsageError("Usage: tsx scripts/db-backup.ts backup|restore …");
}

main().catch((e: Error & { stderr?: string }) => {
  process.stderr.write(`${e instanceof UsageError ? e.message : (e.stderr ?? e.stack)}\n`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
