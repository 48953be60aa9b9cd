/**
 * BPO lead search latency (script, not a test): the Leads list view and the header search box (issue 16).
 *   tsx bench/lead-search.ts [--leads 1000000] [--requests 200] [--unindexed-requests 30]
 * Loads `--leads` leads with set-based SQL (names with accents, mobiles written several ways, e-mails in mixed
 * case, two years of creation dates, a third closed, some archived), then times GET /api/leads?q=… over
 * loopback for phone numbers in three formats, trailing phone digits, e-mails, name parts and references:
 * first without the search indexes (sequential scans), then with them, as migration 20261203050000_lead_search
 * creates them.
 */
import { closeAll } from "./lib/cleanup";
import { http } from "./lib/http-client";
import { startBpo } from "./lib/in-process-stacks";
import { say } from "./lib/report";
import { sql } from "./lib/sql-fixtures";
import { quantile } from "./lib/statistics";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LEADS = arg("leads", 1_000_000);
const REQUESTS = arg("requests", 200);
const UNINDEXED_REQUESTS = arg("unindexed-requests", 30);
const SEARCH_INDEXES = ["leads_mobile_digits_idx", "leads_phone_digits_idx", "leads_email_lower_idx", "leads_search_name_trgm_idx"];

/** What a call-center agent types: the lead numbered `g` has mobile +63 917 ggggggg (written three ways). */
const QUERIES = [
  "+63 917 012 3457", // full number, international, spaced
  "09170234567", // full number, national
  "9170345671", // full number, no prefix
  "4242", // last 4 digits (about LEADS / 10,000 matches)
  "5671234", // last 7 digits
  "c777777@example.com", // whole e-mail, stored in mixed case
  "C12345@EXAMPLE", // e-mail prefix, upper case
  "jose pena", // two name parts, without the accents stored
  "Dela Cruz", // a common surname (a tenth of the table)
  "a1b2c", // part of the unique name suffix, rare
  "LEAD/00042", // reference
  "123456", // a number: reference or last digits
];

/** Each search is followed by GET /api/auth/me (session lookup only): the floor under any API answer on this machine at that moment. */
async function measure(url: string, token: string, requests: number): Promise<{ p50: number; p95: number; max: number; bad: number; byQuery: Map<string, number[]>; floor: { p50: number; p95: number } }> {
  const ms: number[] = [];
  const floor: number[] = [];
  const byQuery = new Map<string, number[]>();
  let bad = 0;
  for (let i = 0; i < requests; i++) {
    const q = QUERIES[i % QUERIES.length]!;
    const t = process.hrtime.bigint();
    const res = await http(url, "get", `/api/leads?q=${encodeURIComponent(q)}&limit=50`, { token });
    const took = Number(process.hrtime.bigint() - t) / 1e6;
    ms.push(took);
    byQuery.set(q, [...(byQuery.get(q) ?? []), took]);
    if (res.status !== 200) bad++;
    const f = process.hrtime.bigint();
    await http(url, "get", "/api/auth/me", { token });
    floor.push(Number(process.hrtime.bigint() - f) / 1e6);
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), max: Math.max(...ms), bad, byQuery, floor: { p50: quantile(floor, 0.5), p95: quantile(floor, 0.95) } };
}

const fmt = (m: { p50: number; p95: number; max: number }) => `p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, max ${m.max.toFixed(1)} ms`;

async function main() {
  const bpo = await startBpo();
  const agent = await bpo.user("agent");
  const other = await bpo.user("agent");
  const pg = await sql(bpo.dbUrl); // closed by closeAll
  const defs = new Map<string, string>();
  for (const name of SEARCH_INDEXES) {
    const r = await pg.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = $1", [name]);
    if (!r.rows[0]) throw new Error(`index ${name} is missing: did the migration run?`);
    defs.set(name, r.rows[0].indexdef);
    await pg.query(`DROP INDEX ${name}`);
  }

  let t0 = Date.now();
  await pg.query("INSERT INTO brands (code, name, updated_at) VALUES ('B1','Chery',now()), ('B2','Jaecoo',now()), ('B3','Omoda',now()), ('B4','Geely',now())");
  await pg.query(
    `INSERT INTO leads (contact_name, mobile, phone, email, brand_id, source_id, stage_id, user_id, is_won, is_lost, active, created_at, updated_at)
     SELECT (ARRAY['María','José','Ana','Juan','Rosa','Pedro'])[1 + g % 6] || ' ' ||
            (ARRAY['Santos','Reyes','Peña','Bautista','García','Mendoza','Dela Cruz','Ibañez','Cruz','Ramos'])[1 + (g / 7) % 10] || ' ' || substr(md5(g::text), 1, 6),
            CASE g % 3 WHEN 0 THEN '+63 917 ' || substr(lpad(g::text, 7, '0'), 1, 3) || ' ' || substr(lpad(g::text, 7, '0'), 4)
                       WHEN 1 THEN '0917' || lpad(g::text, 7, '0')
                       ELSE '+63917' || lpad(g::text, 7, '0') END,
            CASE WHEN g % 5 = 0 THEN '(02) 8' || lpad((g % 10000000)::text, 7, '0') END,
            CASE WHEN g % 4 = 0 THEN NULL WHEN g % 2 = 0 THEN 'C' || g || '@Example.com' ELSE 'c' || g || '@example.com' END,
            (SELECT min(id) FROM brands) + g % 4,
            (SELECT id FROM lead_sources WHERE code = 'inbound_call'),
            CASE WHEN g % 3 = 1 THEN (SELECT id FROM stages WHERE is_won LIMIT 1) WHEN g % 3 = 2 AND g % 2 = 0 THEN (SELECT id FROM stages WHERE is_lost LIMIT 1) ELSE (SELECT id FROM stages WHERE name = 'New') END,
            CASE WHEN g % 7 = 0 THEN NULL WHEN g % 2 = 0 THEN $2::int ELSE $3::int END,
            g % 3 = 1, g % 3 = 2 AND g % 2 = 0, g % 50 <> 0,
            now() - ((($1::int - g)::float / $1::int) * interval '730 days'), now()
     FROM generate_series(1, $1::int) g`,
    [LEADS, agent.id, other.id],
  );
  await pg.query("VACUUM ANALYZE leads");
  say(`loaded ${LEADS} leads in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const scanned = await measure(bpo.url, agent.token, UNINDEXED_REQUESTS);
  say(`without the search indexes (${UNINDEXED_REQUESTS} searches): ${fmt(scanned)}`);

  t0 = Date.now();
  for (const def of defs.values()) await pg.query(def);
  await pg.query("ANALYZE leads");
  say(`built ${SEARCH_INDEXES.length} search indexes in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  await measure(bpo.url, agent.token, QUERIES.length * 2); // warm-up
  const indexed = await measure(bpo.url, agent.token, REQUESTS);
  say(`with the search indexes (${REQUESTS} searches): ${fmt(indexed)}`);
  say(`GET /api/auth/me in between (the API's floor): p50 ${indexed.floor.p50.toFixed(1)} ms, p95 ${indexed.floor.p95.toFixed(1)} ms`);
  for (const [q, ms] of indexed.byQuery) say(`  ${JSON.stringify(q).padEnd(24)} p50 ${quantile(ms, 0.5).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`);
  say(
    `SUMMARY lead-search: ${LEADS} leads, ${REQUESTS} searches through the API: ${fmt(indexed)} ` +
      `(without the indexes: p50 ${scanned.p50.toFixed(0)} ms, p95 ${scanned.p95.toFixed(0)} ms; GET /api/auth/me meanwhile: p50 ${indexed.floor.p50.toFixed(1)} ms, p95 ${indexed.floor.p95.toFixed(1)} ms); non-200 answers: ${indexed.bad + scanned.bad}`,
  );
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
