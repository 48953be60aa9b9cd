/**
 * Claim race (script, not a test):
 *   tsx bench/claims.ts [--mode both|floor|brutal] [--leads 500] [--agents 50] [--workers <cores>] [--warmup 2000] [--pgbench-claims 20000] [--runner compiled|tsx]
 * `--leads` unclaimed leads, `--agents` agents (each logged in with its own token) racing over real HTTP to
 * claim them, one request in flight per agent, until the pool is empty. Each agent walks its own random order
 * over the whole pool. Two ways to race, run one after the other on fresh leads with `--mode both` (default):
 * - floor: every agent also holds the live event stream (GET /api/events) as the web app does, and skips a lead
 *   once an event has told it the lead left Open Leads (the web app's own openLeadsPatch decides), as a card
 *   taken by someone else disappears from every board before anyone clicks it. Conflicts (409) are left only
 *   where two agents click the same card before the event arrives. The figure is claims a floor can make.
 * - brutal: no event stream, every agent tries every lead until the pool is empty (about 6-8 attempts per
 *   lead with 50 agents), so most requests are 409s and the figure is mostly conflict answers per second.
 * Before each measured race an untimed one of the same mode runs over `--warmup` other leads (0: none), so the
 * figure is a warm API's, as on a floor that has been open for hours, not its first seconds of JIT compilation
 * and connection set-up. 200 leads (about 1,400 requests in the brutal race) were too few: the brutal race after
 * them read 246-293 claims/s with one API worker, after 2,000 of them 324-365 on the same machine and build.
 * What it measures: the API always runs as a child process, `main.ts start` with WEB_CONCURRENCY=N
 * (`--workers N`, default one per core, as the README advises for production; 1: one API process; N > 1: a
 * supervisor and N API workers on one port), on the same database as this script, which plays the 50 clients
 * (and in floor mode parses their 50 event streams) in its own process. The 2 cores are shared by the API,
 * PostgreSQL and these clients, so claims/s is what the whole machine gives; the CPU lines (from /proc: the
 * API's process tree, the database backends of this database, this script) say where the CPU went, per request
 * and per claim, which does not depend on other load.
 * Prints, per mode, claims/s, requests/s (409s included), attempts and conflicts, and proves every lead was
 * claimed exactly once (database owner, success responses, conflicts = attempts - leads); then runs
 * /usr/bin/pgbench on the same database with the statements one winning claim sends
 * (LeadRepository.claimState, then claimWithMessage: conditional update, chatter insert and the form's view in
 * one statement; the session lookup is cached) and prints claims/s of each mode against it.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Client } from "pg";
import { type LeadLiveEvent, openLeadsPatch } from "../apps/bpo-web/src/live-board-events";
import type { LiveCard } from "../packages/ui-kit/src/live-board";
import type { Role } from "../services/bpo-service/src/domain/actor";
import { apiRunner } from "./lib/api-runner";
import { type ChildService, childService } from "./lib/child-services";
import { closeAll } from "./lib/cleanup";
import { openEventStream } from "./lib/event-stream";
import { http } from "./lib/http-client";
import { type BenchUser, startBpo } from "./lib/in-process-stacks";
import { pgbenchClaimPool, runPgbench } from "./lib/pgbench";
import { say } from "./lib/report";
import { insertLeads } from "./lib/sql-fixtures";
import { quantile } from "./lib/statistics";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LEADS = arg("leads", 500);
const AGENTS = arg("agents", 50);
const WORKERS = arg("workers", availableParallelism());
type Mode = "floor" | "brutal";
const MODE = ((i) => (i > 0 ? process.argv[i + 1] : "both"))(process.argv.indexOf("--mode")) as Mode | "both";
if (!["floor", "brutal", "both"].includes(MODE)) throw new Error(`--mode ${MODE}: floor, brutal or both`);
const PGBENCH_CLAIMS = arg("pgbench-claims", 20_000);
const WARMUP = arg("warmup", 2000);
const RUNNER = apiRunner();

/** One winning claim as the API sends it (see LeadRepository.claimState and claimWithMessage). */
const PGBENCH_SCRIPT = String.raw`
SELECT :first + nextval('pgbench_claim') - 1 AS id \gset
SELECT l.reference, l.user_id AS "userId", u.name AS "userName", (NOT l.is_won AND NOT l.is_lost AND l.active) AS open
FROM leads l LEFT JOIN users u ON u.id = l.user_id WHERE l.id = :id;
WITH claimed AS (
  UPDATE leads SET user_id = :agent, claimed_at = now(), updated_at = now()
  WHERE id = :id AND user_id IS NULL AND NOT is_won AND NOT is_lost AND active
  RETURNING *
), chatter AS (
  INSERT INTO lead_messages (lead_id, kind, body, changes, author_id)
  SELECT id, 'tracking'::"MessageKind", 'Salesperson: — → pgbench', jsonb_build_array(jsonb_build_object('field', 'userId', 'label', 'Salesperson', 'old', NULL, 'new', 'pgbench')), :agent
  FROM claimed
)
SELECT l.*, json_build_object('id', b.id, 'name', b.name, 'code', b.code) AS brand,
  json_build_object('id', s.id, 'name', s.name, 'code', s.code, 'sourceType', s.source_type) AS source,
  json_build_object('id', st.id, 'name', st.name, 'isWon', st.is_won, 'isLost', st.is_lost) AS stage,
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "user"
FROM claimed l JOIN brands b ON b.id = l.brand_id JOIN lead_sources s ON s.id = l.source_id JOIN stages st ON st.id = l.stage_id
LEFT JOIN dealerships d ON d.id = l.dealership_id LEFT JOIN vehicle_models vm ON vm.id = l.vehicle_model_id LEFT JOIN users u ON u.id = l.user_id;
`;

/** pgbench, 4 clients on 2 threads, each transaction claims a fresh lead of its own pool: claims/s. */
async function pgbenchClaims(pg: Client, dbUrl: string, brandId: number, agentId: number): Promise<number> {
  const first = await pgbenchClaimPool(pg, brandId, PGBENCH_CLAIMS);
  const { tps } = runPgbench(dbUrl, PGBENCH_SCRIPT, ["-M", "prepared", "-c", "4", "-j", "2", "-t", String(Math.floor(PGBENCH_CLAIMS / 4)), "-D", `first=${first}`, "-D", `agent=${agentId}`]);
  const claimed = (await pg.query<{ n: number }>("SELECT count(*)::int AS n FROM leads WHERE contact_name LIKE 'Pgbench %' AND user_id IS NOT NULL")).rows[0]!.n;
  if (claimed !== PGBENCH_CLAIMS) throw new Error(`pgbench claimed ${claimed} of ${PGBENCH_CLAIMS} leads`);
  return tps;
}

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

interface RaceResult {
  mode: Mode;
  secs: number;
  claimed: number;
  attempts: number;
  conflicts: number;
  /** Leads an agent skipped because an event had told it they were gone. */
  skipped: number;
  /** CPU time (ms) over the race: the API process(es), this script (the 50 clients), the database's backends. */
  cpu: { api: number; bench: number; db: number };
  ok: boolean;
}

/** CPU ms (user + system) the backends connected to `dbName` have used, from /proc (the database runs on this host). */
async function dbBackendsCpuMs(pg: Client, dbName: string): Promise<Map<number, number>> {
  const { rows } = await pg.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [dbName]);
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      out.set(pid, (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** One race over `ids` (see the header): claims until the pool is empty, then the exactly-once audit. */
async function race(mode: Mode, child: ChildService, pg: Client, dbName: string, ids: number[], agents: BenchUser<Role>[], quiet = false): Promise<RaceResult> {
  const api = child.url!;
  let claimed = 0;
  let attempts = 0;
  let skipped = 0;
  const statuses = new Map<number, number>();
  const wins = new Map<number, number[]>(); // lead id -> agent ids whose claim answered 200
  const mismatched: string[] = [];
  // floor: what each agent's Open Leads no longer shows, from its own event stream.
  const gone = agents.map(() => new Set<number>());
  // Every agent receives the same frame for a pool event; the 50 simulated browsers share this process's CPU
  // with the API, so each distinct frame is parsed once (each agent still learns of it only from its own stream).
  const decided = new Map<string, number | null>();
  const leavesPool = (data: string): number | null => {
    let id = decided.get(data);
    if (id === undefined) {
      const e = JSON.parse(data) as LeadLiveEvent<LiveCard>;
      id = openLeadsPatch(e).to === null ? e.leadId : null;
      if (decided.size > 10_000) decided.clear();
      decided.set(data, id);
    }
    return id;
  };
  const streams =
    mode === "floor"
      ? await Promise.all(
          agents.map((a, k) =>
            openEventStream(api, a.token, (name, data) => {
              if (!name.startsWith("lead.")) return;
              const id = leavesPool(data);
              if (id !== null) gone[k]!.add(id);
            }),
          ),
        )
      : [];
  const cpu0 = { api: child.cpuMs(), bench: process.cpuUsage(), db: await dbBackendsCpuMs(pg, dbName) };
  const t0 = Date.now();
  const latencies = new Map<number, number[]>();
  const claimTimes: number[] = [];
  const deadline = t0 + 120_000;
  await Promise.all(
    agents.map(async (a, k) => {
      for (const id of shuffle(ids)) {
        if (claimed >= ids.length || Date.now() > deadline) return;
        if (gone[k]!.has(id)) {
          skipped++;
          continue;
        }
        attempts++;
        const sent = performance.now();
        const r = await http(api, "post", `/api/leads/${id}/claim`, { token: a.token });
        const took = performance.now() - sent;
        (latencies.get(r.status) ?? latencies.set(r.status, []).get(r.status)!).push(took);
        if (r.status === 200) claimTimes.push(Date.now() - t0);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 200) {
          claimed++;
          wins.set(id, [...(wins.get(id) ?? []), a.id]);
          const body = r.body as { id?: number; userId?: number | null };
          if (body.id !== id || body.userId !== a.id) mismatched.push(`lead ${id}: response ${JSON.stringify({ id: body.id, userId: body.userId })} for agent ${a.id}`);
        }
      }
    }),
  );
  const secs = (Date.now() - t0) / 1000;
  const note = quiet ? () => undefined : say;
  const dbAfter = await dbBackendsCpuMs(pg, dbName);
  const benchCpu = process.cpuUsage(cpu0.bench);
  const cpu = {
    api: child.cpuMs() - cpu0.api,
    bench: (benchCpu.user + benchCpu.system) / 1000,
    db: [...dbAfter].reduce((sum, [pid, ms]) => sum + ms - (cpu0.db.get(pid) ?? 0), 0),
  };
  for (const s of streams) s.close();

  const db = await pg.query<{ id: number; user_id: number | null }>("SELECT id, user_id FROM leads WHERE id = ANY($1::int[])", [ids]);
  const ownerless = db.rows.filter((r) => r.user_id === null).length;
  const dbMismatch = db.rows.filter((r) => {
    const w = wins.get(r.id);
    return !w || w.length !== 1 || w[0] !== r.user_id;
  }).length;
  const doubles = [...wins.values()].filter((w) => w.length > 1).length;
  const conflicts = statuses.get(409) ?? 0;
  note(`[${mode}] wall time ${secs.toFixed(2)} s, ${claimed} claims = ${Math.round(claimed / secs)} claims/second, ${attempts} attempts = ${Math.round(attempts / secs)} requests/second${mode === "floor" ? `, ${skipped} leads skipped as gone from the board` : ""}`);
  note(
    `[${mode}] CPU over the race: API ${Math.round(cpu.api)} ms (${(cpu.api / attempts).toFixed(2)} ms per request, ${(cpu.api / claimed).toFixed(2)} ms per claim, ${Math.round(cpu.api / 10 / secs)}% of one core), ` +
      `PostgreSQL backends ${Math.round(cpu.db)} ms (${(cpu.db / attempts).toFixed(2)} ms per request), this script's clients ${Math.round(cpu.bench)} ms`,
  );
  for (const [status, xs] of latencies) note(`[${mode}] latency of ${status}: p50 ${quantile(xs, 0.5).toFixed(1)} / p95 ${quantile(xs, 0.95).toFixed(1)} / p99 ${quantile(xs, 0.99).toFixed(1)} / max ${quantile(xs, 1).toFixed(1)} ms`);
  note(`[${mode}] leads claimed after 50% / 90% / 99% / 100% of them: ${[0.5, 0.9, 0.99, 1].map((q) => (quantile(claimTimes, q) / 1000).toFixed(2)).join(" / ")} s`);
  note(`[${mode}] answers: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`);
  note(`[${mode}] leads with exactly one successful claim: ${[...wins.values()].filter((w) => w.length === 1).length}/${ids.length}; claimed twice: ${doubles}`);
  note(`[${mode}] database: leads without owner ${ownerless}, owner differs from the one success response ${dbMismatch}`);
  note(`[${mode}] success responses whose body does not match (lead id, userId): ${mismatched.length}`);
  for (const m of mismatched.slice(0, 10)) note(`  ${m}`);
  note(`[${mode}] conflicts ${conflicts} = attempts ${attempts} - leads ${ids.length}? ${conflicts === attempts - ids.length ? "yes" : "NO"}`);
  const ok = claimed === ids.length && ownerless === 0 && dbMismatch === 0 && doubles === 0 && mismatched.length === 0 && conflicts === attempts - ids.length;
  return { mode, secs, claimed, attempts, conflicts, skipped, cpu, ok };
}

async function main() {
  const bpo = await startBpo({ poolSize: 20 });
  const brand = await bpo.c.store.repos.catalog.createBrand({ code: "CLAIM", name: "Claim" });
  const pg = new Client({ connectionString: bpo.dbUrl });
  await pg.connect();
  try {
    const agents = await Promise.all(Array.from({ length: AGENTS }, () => bpo.user("agent")));
    // The API always runs as its own process (as deployed), so the figures are the API's and not shared with
    // this script's 50 clients and their event parsing on one event loop.
    const child = await childService("bpo-api", "bpo", "start", { ...bpo.env, WEB_CONCURRENCY: String(WORKERS) }, RUNNER);
    say(`${agents.length} agents logged in; API: ${WORKERS} worker${WORKERS > 1 ? "s" : ""} (WEB_CONCURRENCY=${WORKERS}) in a child process, ${RUNNER === "compiled" ? "the production build with `pnpm start:bpo`'s node flags" : "main.ts through tsx"}`);
    const results: RaceResult[] = [];
    for (const mode of MODE === "both" ? (["floor", "brutal"] as const) : [MODE]) {
      if (WARMUP > 0) {
        const warm = await insertLeads(pg, { brandId: brand.id, n: WARMUP, tag: `Warm-up ${mode}` });
        say(`warm-up (not counted): ${WARMUP} leads, ${mode} race`);
        const w = await race(mode, child, pg, bpo.dbName, warm, agents, true);
        if (!w.ok) throw new Error(`the ${mode} warm-up race broke exactly-once`);
      }
      const ids = await insertLeads(pg, { brandId: brand.id, n: LEADS, tag: `Claim ${mode}` });
      await pg.query("ANALYZE leads");
      say(`${ids.length} unclaimed leads for the ${mode} race`);
      results.push(await race(mode, child, pg, bpo.dbName, ids, agents));
    }
    const pgbenchRate = await pgbenchClaims(pg, bpo.dbUrl, brand.id, agents[0]!.id);
    say(`pgbench (-n -M prepared -c 4 -j 2, one transaction = one winning claim's statements, prepared as the API prepares them): ${Math.round(pgbenchRate)} claims/s`);
    for (const r of results) {
      say(
        `SUMMARY claims [${r.mode}]: ${r.claimed}/${LEADS} leads claimed by ${AGENTS} agents (${WORKERS} API worker${WORKERS > 1 ? "s" : ""}) in ${r.secs.toFixed(2)} s: ${Math.round(r.claimed / r.secs)} claims/s, ${Math.round(r.attempts / r.secs)} requests/s, ${r.attempts} attempts, ${r.conflicts} conflicts${r.mode === "floor" ? `, ${r.skipped} skipped as gone` : ""}, API CPU ${(r.cpu.api / r.attempts).toFixed(2)} ms/request (${(r.cpu.api / r.claimed).toFixed(2)} ms/claim), PostgreSQL ${(r.cpu.db / r.attempts).toFixed(2)} ms/request, exactly-once ${r.ok ? "PROVEN" : "VIOLATED"}; pgbench ${Math.round(pgbenchRate)} claims/s, API ÷ pgbench ${(r.claimed / r.secs / pgbenchRate).toFixed(3)}`,
      );
    }
  } finally {
    await pg.end();
  }
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
