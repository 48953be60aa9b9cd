/**
 * Floor summary latency (script, not a test): the Supervisor's Floor page at scale.
 *   tsx bench/floor-report.ts [--leads 1000000] [--requests 100]
 * Loads `--leads` leads spread over a year (4 brands, 50 agents; 1 in 200 never claimed, the rest claimed,
 * called, endorsed, won or lost at realistic offsets), a month of call logs and 20% of leads with an
 * activity, with set-based SQL. Then times GET /api/floor (today and the last 7 days) and GET /api/floor with
 * a 30-day range over loopback, sequentially, as a Supervisor.
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
const REQUESTS = arg("requests", 100);

async function timed(base: string, path: string, token: string): Promise<{ p50: number; p95: number; bad: number }> {
  const ms: number[] = [];
  let bad = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const t = process.hrtime.bigint();
    const res = await http(base, "get", path, { token });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (res.status !== 200) bad++;
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), bad };
}

async function main() {
  const bpo = await startBpo({ env: { BUSINESS_TIMEZONE: "Asia/Manila" } });
  const brands = [];
  for (const code of ["CHERY", "JAECOO", "JETOUR", "OMODA"]) brands.push(await bpo.c.store.repos.catalog.createBrand({ code, name: code }));
  const agents = [];
  for (let i = 0; i < 50; i++) agents.push(await bpo.user("agent"));
  const supervisor = await bpo.user("supervisor");
  const pg = await sql(bpo.dbUrl); // closed by closeAll
  const t0 = Date.now();
  await pg.query(
    `INSERT INTO leads (contact_name, mobile, brand_id, source_id, stage_id, user_id, created_at, claimed_at, first_call_at,
                        endorsed_at, endorsement_status, closed_at, is_won, is_lost, remote_brand_id, remote_model, remote_id, updated_at)
     SELECT 'Customer ' || g, '+63917' || lpad(g::text, 7, '0'), brand, (SELECT id FROM lead_sources WHERE code = 'inbound_call'),
            (SELECT id FROM stages WHERE CASE outcome WHEN 'won' THEN is_won WHEN 'lost' THEN is_lost ELSE name = 'New' END),
            user_id, created, claimed, fc, endorsed, CASE WHEN endorsed IS NULL THEN 'none' ELSE 'delivered' END::"EndorsementStatus",
            CASE outcome WHEN 'lost' THEN fc + (g % 10) * interval '1 day' WHEN 'won' THEN fc + (g % 14) * interval '1 day' END,
            outcome IS NOT DISTINCT FROM 'won', outcome IS NOT DISTINCT FROM 'lost',
            CASE WHEN g % 2 = 0 THEN brand END, CASE WHEN g % 2 = 0 THEN 'crm.lead' END, CASE WHEN g % 2 = 0 THEN g END, now_utc
     FROM (
       SELECT *,
         CASE WHEN fc IS NOT NULL AND g % 5 = 0 AND fc + (g % 48) * interval '1 hour' <= now_utc THEN fc + (g % 48) * interval '1 hour' END AS endorsed,
         CASE WHEN fc IS NOT NULL AND g % 3 = 0 AND fc + (g % 10) * interval '1 day' <= now_utc THEN 'lost'
              WHEN fc IS NOT NULL AND g % 7 = 0 AND fc + (g % 14) * interval '1 day' <= now_utc THEN 'won' END AS outcome
       FROM (
         SELECT *,
           CASE WHEN claimed IS NOT NULL AND g % 20 <> 0 AND claimed + (g % 90) * interval '1 minute' <= now_utc
                THEN claimed + (g % 90) * interval '1 minute' END AS fc
         FROM (
           SELECT g, now_utc, created, ($2::int[])[1 + g % 4] AS brand,
             CASE WHEN waiting THEN NULL ELSE LEAST(created + (g % 40) * interval '1 minute' + interval '30 seconds', now_utc) END AS claimed,
             CASE WHEN waiting THEN NULL ELSE ($3::int[])[1 + g % 50] END AS user_id
           FROM (
             SELECT g, n.now_utc, n.now_utc - g * (interval '365 days' / $1::int) AS created,
                    (g % 200 = 0 OR g * (interval '365 days' / $1::int) < interval '10 minutes') AS waiting
             FROM generate_series(1, $1::int) g, (SELECT now() AT TIME ZONE 'UTC' AS now_utc) n
           ) a
         ) b
       ) c
     ) d`,
    [LEADS, brands.map((b) => b.id), agents.map((a) => a.id)],
  );
  say(`loaded ${LEADS} leads in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await pg.query(
    `INSERT INTO call_logs (lead_id, user_id, duration_minutes, result, summary, created_at)
     SELECT id, user_id, 3, (ARRAY['answered','no_answer','busy','voicemail','wrong_number'])[1 + id % 5]::"CallResult", 'Bench call', first_call_at + k * interval '2 hours'
     FROM leads, generate_series(0, 1) k
     WHERE first_call_at > (now() AT TIME ZONE 'UTC') - interval '30 days' AND first_call_at + k * interval '2 hours' <= now() AT TIME ZONE 'UTC'`,
  );
  await pg.query(
    `INSERT INTO activities (lead_id, type, summary, due_date, assignee_id, done, created_by_id, created_at)
     SELECT id, 'call', 'Follow up', (created_at + interval '3 days')::date, user_id,
            created_at < (now() AT TIME ZONE 'UTC') - interval '14 days' OR id % 3 <> 0, user_id, created_at
     FROM leads WHERE user_id IS NOT NULL AND id % 5 = 0`,
  );
  // What autovacuum does on a live database: statistics, and visibility maps for index-only scans.
  await pg.query("VACUUM ANALYZE");
  const { rows } = await pg.query<{ waiting: string; calls: string; activities: string }>(
    `SELECT (SELECT count(*) FROM leads WHERE user_id IS NULL AND NOT is_won AND NOT is_lost AND active) AS waiting,
            (SELECT count(*) FROM call_logs) AS calls, (SELECT count(*) FROM activities) AS activities`,
  );
  say(`data ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${rows[0]!.waiting} waiting, ${rows[0]!.calls} call logs, ${rows[0]!.activities} activities`);

  const floor = await http(bpo.url, "get", "/api/floor", { token: supervisor.token });
  const body = floor.body as { responseTimes: { last7Days: { overall: Record<string, { count: number } | null> } }; breaches: { claim: number; firstCall: number } };
  const week = body.responseTimes.last7Days.overall;
  say(`sample: last 7 days ${week.claim?.count ?? 0} claims, ${week.first_call?.count ?? 0} first calls, ${week.settle?.count ?? 0} settled; breaches ${body.breaches.claim} claim, ${body.breaches.firstCall} first call`);
  await timed(bpo.url, "/api/floor", supervisor.token); // warm-up
  const summary = await timed(bpo.url, "/api/floor", supervisor.token);
  say(`GET /api/floor (today + last 7 days): p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms`);
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
  const ranged = await timed(bpo.url, `/api/floor?from=${from}&to=${to}`, supervisor.token);
  say(`GET /api/floor with a 30-day range: p50 ${ranged.p50.toFixed(1)} ms, p95 ${ranged.p95.toFixed(1)} ms`);
  say(
    `SUMMARY floor-report: ${LEADS} leads, ${REQUESTS} requests each: floor p50 ${summary.p50.toFixed(1)} ms / p95 ${summary.p95.toFixed(1)} ms; ` +
      `with a 30-day range p50 ${ranged.p50.toFixed(1)} ms / p95 ${ranged.p95.toFixed(1)} ms; non-200 answers: ${summary.bad + ranged.bad}`,
  );
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
