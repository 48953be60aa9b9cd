/**
 * Claim race (script, not a test):
 *   tsx bench/claims.ts [--leads 500] [--agents 50] [--workers 1] [--pgbench-claims 20000]
 * `--leads` unclaimed leads, `--agents` agents (each logged in with its own token) racing over real HTTP to
 * claim them, each walking its own random order, one request in flight per agent, until the pool is empty.
 * `--workers 1` serves from the script's own process; `--workers N` starts `main.ts start` with
 * WEB_CONCURRENCY=N as a child process (N API workers on one port) on the same database.
 * Prints claims/second and wall time, proves every lead was claimed exactly once (database owner, success
 * responses, conflicts = attempts - leads), then runs /usr/bin/pgbench on the same database with the
 * statements one winning claim sends (LeadRepository.claimState, then claimWithMessage: conditional update,
 * chatter insert and the form's view in one statement; the session lookup is cached) and prints the ratio.
 */
import { Client } from "pg";
import { childService } from "./lib/child-services";
import { closeAll } from "./lib/cleanup";
import { http } from "./lib/http-client";
import { startBpo } from "./lib/in-process-stacks";
import { pgbenchClaimPool, runPgbench } from "./lib/pgbench";
import { say } from "./lib/report";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LEADS = arg("leads", 500);
const AGENTS = arg("agents", 50);
const WORKERS = arg("workers", 1);
const PGBENCH_CLAIMS = arg("pgbench-claims", 20_000);

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
  const { tps } = runPgbench(dbUrl, PGBENCH_SCRIPT, ["-M", "extended", "-c", "4", "-j", "2", "-t", String(Math.floor(PGBENCH_CLAIMS / 4)), "-D", `first=${first}`, "-D", `agent=${agentId}`]);
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

async function main() {
  const bpo = await startBpo({ poolSize: 20 });
  const brand = await bpo.c.store.repos.catalog.createBrand({ code: "CLAIM", name: "Claim" });
  const pg = new Client({ connectionString: bpo.dbUrl });
  await pg.connect();
  try {
    const ids = (
      await pg.query<{ id: number }>(
        `INSERT INTO leads (contact_name, mobile, brand_id, source_id, stage_id, updated_at)
         SELECT 'Claim ' || g, '+63917' || lpad(g::text, 7, '0'), $1::int,
                (SELECT id FROM lead_sources WHERE code = 'inbound_call'), (SELECT id FROM stages WHERE name = 'New'), now()
         FROM generate_series(1, $2::int) g RETURNING id`,
        [brand.id, LEADS],
      )
    ).rows.map((r) => r.id);
    const agents = await Promise.all(Array.from({ length: AGENTS }, () => bpo.user("agent")));
    const api = WORKERS > 1 ? (await childService("bpo-api", "bpo", "start", { ...bpo.env, WEB_CONCURRENCY: String(WORKERS) })).url! : bpo.url;
    say(`${ids.length} unclaimed leads, ${agents.length} agents logged in; API: ${WORKERS > 1 ? `${WORKERS} workers (WEB_CONCURRENCY) in a child process` : "in this process"}`);

    let claimed = 0;
    let attempts = 0;
    const statuses = new Map<number, number>();
    const wins = new Map<number, number[]>(); // lead id -> agent ids whose claim answered 200
    const mismatched: string[] = [];
    const t0 = Date.now();
    const deadline = t0 + 120_000;
    await Promise.all(
      agents.map(async (a) => {
        for (const id of shuffle(ids)) {
          if (claimed >= ids.length || Date.now() > deadline) return;
          attempts++;
          const r = await http(api, "post", `/api/leads/${id}/claim`, { token: a.token });
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

    const db = await pg.query<{ id: number; user_id: number | null }>("SELECT id, user_id FROM leads WHERE id = ANY($1::int[])", [ids]);
    const ownerless = db.rows.filter((r) => r.user_id === null).length;
    const dbMismatch = db.rows.filter((r) => {
      const w = wins.get(r.id);
      return !w || w.length !== 1 || w[0] !== r.user_id;
    }).length;
    const doubles = [...wins.values()].filter((w) => w.length > 1).length;
    const conflicts = statuses.get(409) ?? 0;
    say(`wall time ${secs.toFixed(2)} s, ${claimed} claims = ${Math.round(claimed / secs)} claims/second, ${attempts} attempts = ${Math.round(attempts / secs)} requests/second`);
    say(`answers: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`);
    say(`leads with exactly one successful claim: ${[...wins.values()].filter((w) => w.length === 1).length}/${ids.length}; claimed twice: ${doubles}`);
    say(`database: leads without owner ${ownerless}, owner differs from the one success response ${dbMismatch}`);
    say(`success responses whose body does not match (lead id, userId): ${mismatched.length}`);
    for (const m of mismatched.slice(0, 10)) say(`  ${m}`);
    say(`conflicts ${conflicts} = attempts ${attempts} - leads ${ids.length}? ${conflicts === attempts - ids.length ? "yes" : "NO"}`);
    const ok = claimed === ids.length && ownerless === 0 && dbMismatch === 0 && doubles === 0 && mismatched.length === 0 && conflicts === attempts - ids.length;
    const pgbenchRate = await pgbenchClaims(pg, bpo.dbUrl, brand.id, agents[0]!.id);
    say(`pgbench (-n -M extended -c 4 -j 2, one transaction = one winning claim's statements): ${Math.round(pgbenchRate)} claims/s`);
    say(`SUMMARY claims: ${claimed}/${ids.length} leads claimed by ${AGENTS} agents (${WORKERS} API worker${WORKERS > 1 ? "s" : ""}) in ${secs.toFixed(2)} s (${Math.round(claimed / secs)} claims/s, ${Math.round(attempts / secs)} requests/s), ${attempts} attempts, ${conflicts} conflicts, exactly-once ${ok ? "PROVEN" : "VIOLATED"}; pgbench ${Math.round(pgbenchRate)} claims/s, API ÷ pgbench ${(claimed / secs / pgbenchRate).toFixed(3)}`);
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
