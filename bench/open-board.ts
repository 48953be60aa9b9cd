/**
 * Open Leads board latency (script, not a test):
 *   tsx bench/open-board.ts [--leads 100000] [--requests 200] [--rounds 3]
 * Loads `--leads` leads with set-based SQL (2 brands, about 2/3 unclaimed), then measures
 * GET /api/boards/open-leads?perColumn=20 against a bare endpoint mounted in the same Express process that runs one
 * indexed query through the container's store (SELECT id FROM leads WHERE id = $1). Sequential requests over
 * loopback; each round gives p50/p95 of both; the medians over the rounds are printed with their ratio.
 * Then /usr/bin/pgbench (1 client, 5 s) runs the board's own two statements (LeadRepository.openBoard: the
 * counts per brand summed from lead_pool_counts, and the first cards of every brand; brands come from the
 * process cache) and the board's p50 is printed against pgbench's average latency; and, for comparison, the
 * COUNT(*) of the pool per brand the board sent before the counts were kept by triggers.
 */
import { Client } from "pg";
import { closeAll } from "./lib/cleanup";
import { http } from "./lib/http-client";
import { startBpo } from "./lib/in-process-stacks";
import { runPgbench } from "./lib/pgbench";
import { say } from "./lib/report";
import { median, quantile } from "./lib/statistics";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LEADS = arg("leads", 100_000);
const REQUESTS = arg("requests", 200);
const ROUNDS = arg("rounds", 3);

async function timed(n: number, call: (i: number) => Promise<number>): Promise<{ p50: number; p95: number; bad: number }> {
  const ms: number[] = [];
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    const status = await call(i);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (status !== 200) bad++;
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), bad };
}

const PGBENCH_SCRIPT = `
SELECT brand_id, sum(n)::bigint AS n, count(*) AS slots FROM lead_pool_counts GROUP BY brand_id;
SELECT l.id, l.reference, l.contact_name, l.mobile, l.brand_id, l.stage_id, l.user_id, u.name AS user_name,
  vm.name AS vehicle_model_name, s.code AS source_code, s.name AS source_name, s.source_type::text AS source_type,
  l.priority::int AS priority, l.created_at,
  (SELECT min(a.due_date) FROM activities a WHERE a.lead_id = l.id AND NOT a.done) AS next_activity_due
FROM brands b CROSS JOIN LATERAL (
  SELECT * FROM leads l WHERE l.user_id IS NULL AND NOT l.is_won AND NOT l.is_lost AND l.active AND l.brand_id = b.id
  ORDER BY l.created_at DESC, l.id DESC LIMIT 20
) l JOIN lead_sources s ON s.id = l.source_id LEFT JOIN vehicle_models vm ON vm.id = l.vehicle_model_id LEFT JOIN users u ON u.id = l.user_id
ORDER BY l.brand_id, l.created_at DESC, l.id DESC;
`;

/** What the board sent for its counts before lead_pool_counts: counting the pool on every read. */
const PGBENCH_OLD_COUNT = `
SELECT l.brand_id, count(*) AS n FROM leads l WHERE l.user_id IS NULL AND NOT l.is_won AND NOT l.is_lost AND l.active GROUP BY l.brand_id;
`;

async function main() {
  const bpo = await startBpo({
    mount: (app, c) => {
      app.get("/bench/one-lead/:id", async (req, res) => {
        const rows = await c.store.db.$queryRaw<{ id: number }[]>`SELECT id FROM leads WHERE id = ${Number(req.params.id)}`;
        res.json({ id: rows[0]?.id ?? null });
      });
    },
  });
  const brands = [await bpo.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" }), await bpo.c.store.repos.catalog.createBrand({ code: "JETOUR", name: "Jetour" })];
  const agents = await Promise.all([bpo.user("agent"), bpo.user("agent"), bpo.user("agent")]);
  const t0 = Date.now();
  const pg = new Client({ connectionString: bpo.dbUrl });
  await pg.connect();
  try {
    await pg.query(
      `INSERT INTO leads (contact_name, email, mobile, brand_id, source_id, stage_id, user_id, updated_at, created_at)
       SELECT 'Customer ' || g, 'customer' || g || '@example.ph', '+63917' || lpad(g::text, 7, '0'),
              CASE WHEN g % 2 = 0 THEN $1::int ELSE $2::int END,
              (SELECT id FROM lead_sources WHERE code = 'inbound_call'),
              (SELECT id FROM stages WHERE name = 'New'),
              CASE WHEN g % 3 = 0 THEN ($4::int[])[1 + g % 3] END,
              now(), now() - (g || ' seconds')::interval
       FROM generate_series(1, $3::int) g`,
      [brands[0]!.id, brands[1]!.id, LEADS, agents.map((a) => a.id)],
    );
    await pg.query("ANALYZE leads");
    const { rows } = await pg.query<{ open: string; unclaimed: string }>("SELECT count(*) AS open, count(*) FILTER (WHERE user_id IS NULL) AS unclaimed FROM leads");
    say(`loaded ${rows[0]!.open} leads (${rows[0]!.unclaimed} unclaimed) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await pg.end();
  }

  const token = agents[0]!.token;
  // Warm-up: connections, plans, JIT.
  for (let i = 0; i < 10; i++) {
    await http(bpo.url, "get", "/api/boards/open-leads?perColumn=20", { token });
    await http(bpo.url, "get", `/bench/one-lead/${1 + i}`);
  }
  const sample = await http(bpo.url, "get", "/api/boards/open-leads?perColumn=20", { token });
  say(`board answer: ${sample.status}, ${sample.text.length} bytes`);

  const board: { p50: number; p95: number }[] = [];
  const bare: { p50: number; p95: number }[] = [];
  let bad = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const b = await timed(REQUESTS, async () => (await http(bpo.url, "get", "/api/boards/open-leads?perColumn=20", { token })).status);
    const o = await timed(REQUESTS, async (i) => (await http(bpo.url, "get", `/bench/one-lead/${1 + ((i * 7919) % LEADS)}`)).status);
    bad += b.bad + o.bad;
    board.push(b);
    bare.push(o);
    say(`round ${r + 1}: board p50 ${b.p50.toFixed(2)} ms p95 ${b.p95.toFixed(2)} ms | bare p50 ${o.p50.toFixed(2)} ms p95 ${o.p95.toFixed(2)} ms`);
  }
  const bp50 = median(board.map((x) => x.p50));
  const bp95 = median(board.map((x) => x.p95));
  const op50 = median(bare.map((x) => x.p50));
  const op95 = median(bare.map((x) => x.p95));
  say(`median of ${ROUNDS} rounds x ${REQUESTS} requests: GET /api/boards/open-leads?perColumn=20 p50 ${bp50.toFixed(2)} ms, p95 ${bp95.toFixed(2)} ms`);
  say(`                                   bare indexed-query endpoint     p50 ${op50.toFixed(2)} ms, p95 ${op95.toFixed(2)} ms`);
  say(`ratio board/bare: p50 ${(bp50 / op50).toFixed(1)}x, p95 ${(bp95 / op95).toFixed(1)}x; non-200 answers: ${bad}`);
  const pgMs = runPgbench(bpo.dbUrl, PGBENCH_SCRIPT, ["-M", "extended", "-c", "1", "-T", "5"], 120_000).latencyMs;
  say(`pgbench (1 client, 5 s) sending the board's two statements: ${pgMs.toFixed(2)} ms per board`);
  const oldCountMs = runPgbench(bpo.dbUrl, PGBENCH_OLD_COUNT, ["-M", "extended", "-c", "1", "-T", "5"], 120_000).latencyMs;
  say(`pgbench (1 client, 5 s) counting the pool with COUNT(*) as the board did before lead_pool_counts: ${oldCountMs.toFixed(2)} ms`);
  say(`SUMMARY open-board: ${LEADS} leads, board p50 ${bp50.toFixed(1)} ms / p95 ${bp95.toFixed(1)} ms vs bare p50 ${op50.toFixed(1)} ms / p95 ${op95.toFixed(1)} ms (ratio ${(bp50 / op50).toFixed(1)}x / ${(bp95 / op95).toFixed(1)}x); pgbench ${pgMs.toFixed(1)} ms per board, board p50 ÷ pgbench ${(bp50 / pgMs).toFixed(1)}x`);
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
