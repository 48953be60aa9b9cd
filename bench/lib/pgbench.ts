/**
 * /usr/bin/pgbench on a bench database, the yardstick the benches print the API against: what PostgreSQL
 * itself does with the same statements on the same machine in the same run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Client } from "pg";

export interface PgbenchResult {
  /** Transactions (one script run each) per second. */
  tps: number;
  latencyMs: number;
}

/**
 * Runs `script` (pgbench's script language) with `args` (clients, duration or count, -D variables) on `dbUrl`.
 * JIT is off, as in the API's sessions.
 */
export function runPgbench(dbUrl: string, script: string, args: string[], timeoutMs = 300_000): PgbenchResult {
  const dir = mkdtempSync(path.join(tmpdir(), "crm-pgbench-"));
  try {
    const file = path.join(dir, "script.sql");
    writeFileSync(file, script);
    const out = execFileSync("/usr/bin/pgbench", ["-n", "-f", file, ...args, dbUrl], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMs,
      env: { ...process.env, PGOPTIONS: "-c jit=off" },
    });
    const tps = /tps = ([\d.]+)/.exec(out);
    const latency = /latency average = ([\d.]+) ms/.exec(out);
    if (!tps || !latency) throw new Error(`pgbench printed no tps or latency:\n${out}`);
    return { tps: Number(tps[1]), latencyMs: Number(latency[1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `n` fresh unclaimed leads for a pgbench claim script, which takes them in order through the sequence
 * pgbench_claim (`:first + nextval('pgbench_claim') - 1`). Returns the first lead id.
 */
export async function pgbenchClaimPool(pg: Client, brandId: number, n: number): Promise<number> {
  const { rows } = await pg.query<{ first: number }>(
    `WITH ins AS (
       INSERT INTO leads (contact_name, mobile, brand_id, source_id, stage_id, updated_at)
       SELECT 'Pgbench ' || g, '+63916' || lpad(g::text, 7, '0'), $1::int,
              (SELECT id FROM lead_sources WHERE code = 'inbound_call'), (SELECT id FROM stages WHERE name = 'New'), now()
       FROM generate_series(1, $2::int) g ORDER BY g RETURNING id
     ) SELECT min(id)::int AS first FROM ins`,
    [brandId, n],
  );
  await pg.query("DROP SEQUENCE IF EXISTS pgbench_claim");
  await pg.query("CREATE SEQUENCE pgbench_claim");
  await pg.query("ANALYZE leads");
  return rows[0]!.first;
}
