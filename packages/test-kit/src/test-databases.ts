import { execFile } from "node:child_process";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { Client } from "pg";

/**
 * Every test run gets its own databases on the shared PostgreSQL: a template per schema, migrated once
 * with `prisma migrate deploy` exactly as the demo and Docker deploy it, and one database per test file
 * cloned from it (fast: a file copy).
 */
export type SchemaName = "bpo" | "dealer";

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REPO_ROOT = path.resolve(__dirname, "../../..");

export const runId = (): string => {
  const id = process.env.CRM_TEST_RUN_ID;
  if (!id) throw new Error("CRM_TEST_RUN_ID is not set: run tests through jest (globalSetup sets it)");
  return id;
};

const templateName = (schema: SchemaName, run: string) => `crm_tpl_${run}_${schema}`;

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Applies prisma/<schema>/migrations/<dir>/migration.sql files in order. */
// Through Prisma's own runner, not pg: it splits scripts on ";" (even inside comments), which raw pg
// never showed, so a migration that failed only in deployment passed every test.
export async function applyMigrations(url: string, schema: SchemaName): Promise<void> {
  const prisma = path.join(REPO_ROOT, "node_modules", ".bin", "prisma");
  try {
    await promisify(execFile)(prisma, ["migrate", "deploy", "--config", `prisma/${schema}/prisma.config.ts`], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: url },
    });
  } catch (e) {
    const err = e as Error & { stdout?: string; stderr?: string };
    throw new Error(`prisma migrate deploy (${schema}) failed: ${err.stderr || err.stdout || err.message}`, { cause: e });
  }
}

export async function createTemplates(run: string): Promise<void> {
  for (const schema of ["bpo", "dealer"] as SchemaName[]) {
    const name = templateName(schema, run);
    await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
    await applyMigrations(databaseUrl(name), schema);
  }
}

/** Creates a fresh, migrated database for one test file and returns its URL. */
export async function createTestDatabase(schema: SchemaName): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const run = runId();
  const name = `crm_t_${run}_${schema}_${randomBytes(4).toString("hex")}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName(schema, run)}"`));
      break;
    } catch (e) {
      // Two workers cloning the same template at the same instant: PostgreSQL refuses one; try again.
      if (attempt < 20 && /being accessed by other users/.test((e as Error).message)) {
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        continue;
      }
      throw e;
    }
  }
  return { url: databaseUrl(name), name, drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Drops every database of a run (and of runs that crashed more than a day ago). */
export async function dropRunDatabases(run: string): Promise<void> {
  await withAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'crm_t_%' OR datname LIKE 'crm_tpl_%'`,
    );
    const dayAgo = Date.now() - 24 * 3600_000;
    for (const { datname } of rows) {
      const other = /^crm_(?:t|tpl)_([0-9a-z]+)_/.exec(datname)?.[1] ?? "";
      const startedAt = parseInt(other.slice(0, -4), 36); // run id = base36 start time + 4 hex chars
      if (other === run || (!Number.isNaN(startedAt) && startedAt < dayAgo)) {
        await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
  });
}

export const newRunId = (): string => Date.now().toString(36) + randomBytes(2).toString("hex");
