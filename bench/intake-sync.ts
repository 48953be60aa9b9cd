/**
 * Benchmark of one distributor intake cycle (script, not a test):
 *   tsx bench/intake-sync.ts [--leads 100000] [--records 10000] [--pgbench-seconds 10]
 * Creates a fresh database (migrations applied), loads `--leads` existing leads, puts `--records` pending
 * records on two simulated distributors (half quotations, half test drives; 10% of them customers who
 * already have an open lead), runs one sync cycle for both brands at once and prints the figures.
 * Then runs /usr/bin/pgbench on the same database with the statements one intake batch of 100 records sends
 * (DistributorRepository: imported-id lookup, dealership and vehicle-model upserts, the customer dedup select,
 * the lead insert, absorbed origins, chatter), 2 clients like the 2 brands, and prints both rates and the ratio.
 * Needs the local PostgreSQL (TEST_PG_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres) and Redis.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { type LeadInput, type RunningSimulator, startSimulator } from "../tools/distributor-simulator/src";
import { closeAll } from "./lib/cleanup";
import { startBpo } from "./lib/in-process-stacks";
import { say } from "./lib/report";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LEADS = arg("leads", 100_000);
const RECORDS = arg("records", 10_000);
const PGBENCH_SECONDS = arg("pgbench-seconds", 10);

/**
 * One intake batch of 100 records as a pgbench transaction, statement for statement as
 * DistributorSyncService.importBatch sends them through DistributorRepository (arrays built in SQL from the
 * batch number instead of bound from the client). Of the 100 records, 25 have no e-mail (no dedup key), every
 * tenth is an existing open customer (absorbed into its lead), the rest become new leads.
 */
const PGBENCH_SCRIPT = String.raw`
SELECT nextval('pgbench_batch') AS k \gset
\set brand :b1 + (:client_id % 2) * (:b2 - :b1)
BEGIN;
SELECT remote_id FROM leads WHERE remote_brand_id = (:brand)::int AND remote_source_id = (:dsrc)::int AND remote_model = 'pgbench.quotation' AND remote_id = ANY(ARRAY(SELECT generate_series((:k)::int * 100, (:k)::int * 100 + 99)))
UNION
SELECT remote_id FROM lead_remote_origins WHERE remote_brand_id = (:brand)::int AND remote_source_id = (:dsrc)::int AND remote_model = 'pgbench.quotation' AND remote_id = ANY(ARRAY(SELECT generate_series((:k)::int * 100, (:k)::int * 100 + 99)));
UPDATE dealerships d SET remote_source_id = (:dsrc)::int, remote_id = r.remote_id, updated_at = now()
FROM (SELECT DISTINCT ON (name) * FROM unnest(ARRAY(SELECT generate_series(9001, 9020)), ARRAY(SELECT 'PGB Dealer ' || g FROM generate_series(1, 20) g)) AS r(remote_id, name)) r
WHERE d.id = (SELECT x.id FROM dealerships x WHERE x.brand_id = (:brand)::int AND x.name = r.name AND (x.remote_id IS NULL OR x.remote_source_id IS DISTINCT FROM (:dsrc)::int)
              ORDER BY x.remote_id IS NULL DESC, x.id LIMIT 1)
  AND NOT EXISTS (SELECT 1 FROM dealerships x WHERE x.brand_id = (:brand)::int AND x.remote_source_id = (:dsrc)::int AND (x.remote_id = r.remote_id OR x.name = r.name));
INSERT INTO dealerships (code, name, brand_id, remote_source_id, remote_id, active, updated_at)
SELECT CASE WHEN EXISTS (SELECT 1 FROM dealerships x WHERE x.code = 'PGB' || (:brand)::int || '-R' || r.remote_id) THEN 'PGB' || (:brand)::int || '-S' || (:dsrc)::int || '-R' || r.remote_id ELSE 'PGB' || (:brand)::int || '-R' || r.remote_id END,
       r.name, (:brand)::int, (:dsrc)::int, r.remote_id, true, now()
FROM unnest(ARRAY(SELECT generate_series(9001, 9020)), ARRAY(SELECT 'PGB Dealer ' || g FROM generate_series(1, 20) g)) AS r(remote_id, name)
WHERE NOT EXISTS (SELECT 1 FROM dealerships x WHERE x.brand_id = (:brand)::int AND x.remote_source_id = (:dsrc)::int AND x.remote_id = r.remote_id)
ON CONFLICT DO NOTHING;
SELECT id, remote_id FROM dealerships WHERE brand_id = (:brand)::int AND remote_source_id = (:dsrc)::int AND remote_id = ANY(ARRAY(SELECT generate_series(9001, 9020)));
UPDATE vehicle_models v SET remote_source_id = (:dsrc)::int, remote_id = r.remote_id, updated_at = now()
FROM (SELECT DISTINCT ON (name) * FROM unnest(ARRAY(SELECT generate_series(9001, 9008)), ARRAY(SELECT 'PGB Model ' || g FROM generate_series(1, 8) g)) AS r(remote_id, name)) r
WHERE v.brand_id = (:brand)::int AND v.name = r.name AND (v.remote_id IS NULL OR v.remote_source_id IS DISTINCT FROM (:dsrc)::int)
  AND NOT EXISTS (SELECT 1 FROM vehicle_models x WHERE x.brand_id = (:brand)::int AND x.remote_source_id = (:dsrc)::int AND x.remote_id = r.remote_id);
INSERT INTO vehicle_models (brand_id, name, remote_source_id, remote_id, active, updated_at)
SELECT (:brand)::int, CASE WHEN EXISTS (SELECT 1 FROM vehicle_models x WHERE x.brand_id = (:brand)::int AND x.name = r.name) THEN r.name || ' #' || r.remote_id ELSE r.name END, (:dsrc)::int, r.remote_id, true, now()
FROM unnest(ARRAY(SELECT generate_series(9001, 9008)), ARRAY(SELECT 'PGB Model ' || g FROM generate_series(1, 8) g)) AS r(remote_id, name)
WHERE NOT EXISTS (SELECT 1 FROM vehicle_models x WHERE x.brand_id = (:brand)::int AND x.remote_source_id = (:dsrc)::int AND x.remote_id = r.remote_id)
ON CONFLICT DO NOTHING;
SELECT id, remote_id FROM vehicle_models WHERE brand_id = (:brand)::int AND remote_source_id = (:dsrc)::int AND remote_id = ANY(ARRAY(SELECT generate_series(9001, 9008)));
SELECT coalesce(array_agg(m.key), '{}')::text AS mk, coalesce(array_agg(m.lead_id), '{}')::text AS ml FROM (
  SELECT DISTINCT ON (k.key) k.key, l.id AS lead_id
  FROM unnest(
    ARRAY(SELECT i FROM generate_series(0, 99) i WHERE i % 4 <> 0 OR i % 10 = 0),
    ARRAY(SELECT CASE WHEN i % 10 = 0 THEN 'Customer ' || g ELSE 'PGB ' || ((:k)::int * 100 + i) END FROM generate_series(0, 99) i, LATERAL (SELECT (((:k)::int * 100 + i) * 3 % (:leads)::int) + 1 AS g) x WHERE i % 4 <> 0 OR i % 10 = 0),
    ARRAY(SELECT CASE WHEN i % 10 = 0 THEN 'customer' || g || '@example.ph' ELSE 'pgb' || ((:k)::int * 100 + i) || '@example.ph' END FROM generate_series(0, 99) i, LATERAL (SELECT (((:k)::int * 100 + i) * 3 % (:leads)::int) + 1 AS g) x WHERE i % 4 <> 0 OR i % 10 = 0),
    ARRAY(SELECT CASE WHEN i % 10 = 0 THEN '+63917' || lpad(g::text, 7, '0') ELSE '+63919' || lpad(((:k)::int * 100 + i)::text, 7, '0') END FROM generate_series(0, 99) i, LATERAL (SELECT (((:k)::int * 100 + i) * 3 % (:leads)::int) + 1 AS g) x WHERE i % 4 <> 0 OR i % 10 = 0)
  ) AS k(key, contact_name, email, mobile)
  JOIN leads l ON l.mobile = k.mobile AND l.email = k.email AND lower(l.contact_name) = lower(k.contact_name)
  WHERE NOT l.is_won AND NOT l.is_lost AND l.active
  ORDER BY k.key, l.id DESC) m \gset
WITH ins AS (
  INSERT INTO leads (contact_name, email, mobile, brand_id, dealership_id, vehicle_model_id, source_id, stage_id, preferred_date, user_id, remote_brand_id, remote_source_id, remote_model, remote_id, updated_at)
  SELECT r.contact_name, r.email, r.mobile, r.brand_id, r.dealership_id, r.vehicle_model_id, r.source_id, r.stage_id, r.preferred_date, NULL, r.brand_id, (:dsrc)::int, r.remote_model, r.remote_id, now()
  FROM unnest(
    ARRAY(SELECT 'PGB ' || ((:k)::int * 100 + i) FROM generate_series(0, 99) i WHERE NOT i = ANY(:mk::int[]) ORDER BY i),
    ARRAY(SELECT CASE WHEN i % 4 = 0 THEN NULL ELSE 'pgb' || ((:k)::int * 100 + i) || '@example.ph' END FROM generate_series(0, 99) i WHERE NOT i = ANY(:mk::int[]) ORDER BY i),
    ARRAY(SELECT '+63919' || lpad(((:k)::int * 100 + i)::text, 7, '0') FROM generate_series(0, 99) i WHERE NOT i = ANY(:mk::int[]) ORDER BY i),
    ARRAY(SELECT (:brand)::int FROM generate_series(0, 99) i WHERE NOT i = ANY(:mk::int[])),
    ARRAY(SELECT (SELECT min(id) FROM dealerships WHERE brand_id = (:brand)::int) FROM generate_series(0, 99) i WHERE NOT i = ANY(:mk::int[])),
    ARRAY(SELECT (SELECT min(id) FROM vehicle_models WHERE brand_id = (:brand)::int) FROM generate_series(0, 99) i WHERE NOT i = ANY(:mk::int[])),
    ARRAY(SELECT (:source)::int FROM generate_series(0, 99) i WHERE NOT i = ANY(:mk::int[])),
    ARRAY(SELECT (:stage)::int FROM generate_series(0, 99) i WHERE NOT i = ANY(:mk::int[])),
    ARRAY(SELECT NULL::date FROM generate_series(0, 99) i WHERE NOT i = ANY(:mk::int[])),
    ARRAY(SELECT 'pgbench.quotation' FROM generate_series(0, 99) i WHERE NOT i = ANY(:mk::int[])),
    ARRAY(SELECT (:k)::int * 100 + i FROM generate_series(0, 99) i WHERE NOT i = ANY(:mk::int[]) ORDER BY i)
  ) WITH ORDINALITY AS r(contact_name, email, mobile, brand_id, dealership_id, vehicle_model_id, source_id, stage_id, preferred_date, remote_model, remote_id, ord)
  ORDER BY r.ord
  ON CONFLICT (remote_brand_id, remote_source_id, remote_model, remote_id) DO NOTHING
  RETURNING id, remote_id)
SELECT coalesce(array_agg(id), '{}')::text AS li FROM ins \gset
INSERT INTO lead_remote_origins (lead_id, remote_brand_id, remote_source_id, remote_model, remote_id)
SELECT r.lead_id, (:brand)::int, (:dsrc)::int, 'pgbench.quotation', (:k)::int * 100 + r.key
FROM unnest(:ml::int[], :mk::int[]) AS r(lead_id, key)
ON CONFLICT (remote_brand_id, remote_source_id, remote_model, remote_id) DO NOTHING
RETURNING remote_id;
INSERT INTO lead_messages (lead_id, kind, body)
SELECT r.lead_id, r.kind::"MessageKind", r.body
FROM unnest(:li::int[] || :ml::int[],
            ARRAY(SELECT 'system' FROM unnest(:li::int[])) || ARRAY(SELECT 'note' FROM unnest(:ml::int[])),
            ARRAY(SELECT 'Lead imported from the PGB distributor (pgbench.quotation #' || x || ')' FROM unnest(:li::int[]) x)
              || ARRAY(SELECT 'Duplicate inbound lead from the PGB distributor: pgbench.quotation #' || x || '. No new lead was created.' FROM unnest(:ml::int[]) x)) AS r(lead_id, kind, body);
SELECT remote_id FROM leads WHERE remote_brand_id = (:brand)::int AND remote_source_id = (:dsrc)::int AND remote_model = 'pgbench.quotation' AND remote_id = ANY(ARRAY(SELECT generate_series((:k)::int * 100, (:k)::int * 100 + 99)))
UNION
SELECT remote_id FROM lead_remote_origins WHERE remote_brand_id = (:brand)::int AND remote_source_id = (:dsrc)::int AND remote_model = 'pgbench.quotation' AND remote_id = ANY(ARRAY(SELECT generate_series((:k)::int * 100, (:k)::int * 100 + 99)));
COMMIT;
`;

async function main() {
  const bpo = await startBpo();
  const { c, dbUrl: url } = bpo;
  const sims: RunningSimulator[] = [];
  try {
    const brands = [await c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" }), await c.store.repos.catalog.createBrand({ code: "JETOUR", name: "Jetour" })];

    // 100,000 existing leads, a third of them closed, spread over both brands.
    let t0 = Date.now();
    const pg = new Client({ connectionString: url });
    await pg.connect();
    await pg.query(
      `INSERT INTO leads (contact_name, email, mobile, brand_id, source_id, stage_id, is_won, is_lost, updated_at, created_at)
       SELECT 'Customer ' || g, 'customer' || g || '@example.ph', '+63917' || lpad(g::text, 7, '0'),
              CASE WHEN g % 2 = 0 THEN $1::int ELSE $2::int END,
              (SELECT id FROM lead_sources WHERE code = 'inbound_call'),
              (SELECT id FROM stages WHERE name = CASE WHEN g % 3 = 0 THEN 'Won' ELSE 'New' END),
              g % 3 = 0, false, now(), now() - (g || ' seconds')::interval
       FROM generate_series(1, $3::int) g`,
      [brands[0]!.id, brands[1]!.id, LEADS],
    );
    await pg.query("ANALYZE leads");
    await pg.end();
    say(`loaded ${LEADS} existing leads in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // Two distributors, RECORDS pending records in all; every tenth one is a customer with an open lead.
    const perSim = Math.floor(RECORDS / 2);
    for (const brand of brands) {
      const sim = await startSimulator({ brand: brand.code, login: "sync", password: "pw", db: brand.code.toLowerCase() });
      sims.push(sim);
      const dealers = Array.from({ length: 20 }, (_, i) => sim.state.addDealer(`${brand.name} Dealer ${i + 1}`));
      const models = Array.from({ length: 8 }, (_, i) => sim.state.addVehicleModel(`${brand.name} Model ${i + 1}`));
      for (let i = 0; i < perSim; i++) {
        const g = (i * 7 + 1) * 2 + (brand === brands[0] ? 0 : 1) - 1; // some existing customer number
        const known = i % 10 === 0 && g % 3 !== 0 && g <= LEADS;
        const rec: LeadInput = known
          ? { first_name: "Customer", last_name: String(g), email: `customer${g}@example.ph`, mobile: `+63917${String(g).padStart(7, "0")}` }
          : { first_name: `New${i}`, last_name: brand.code, email: i % 4 === 0 ? false : `new${i}.${brand.code.toLowerCase()}@example.ph`, mobile: `+63918${String(i).padStart(7, "0")}` };
        const common: LeadInput = { ...rec, dealer_id: dealers[i % dealers.length]!, model_id: models[i % models.length]! };
        if (i % 2 === 0) sim.state.addQuotation(common);
        else sim.state.addTestDrive({ ...common, preferred_date: "2026-12-15" });
      }
      await c.distributors.set({ id: 0, name: "bench", role: "manager" }, brand.id, { url: sim.url, db: sim.state.db, login: "sync", password: "pw" });
    }
    say(`put ${perSim * 2} pending records on 2 simulated distributors`);

    t0 = Date.now();
    const runs = await Promise.all(brands.map((b) => c.distributorSync.runBrand(b.id, "manual")));
    const secs = (Date.now() - t0) / 1000;
    const total = runs.reduce((n, r) => n + r.fetched, 0);
    for (const r of runs) say(`  ${r.brandName}: ${r.status}, fetched ${r.fetched}, created ${r.created}, deduplicated ${r.deduplicated}, skipped ${r.skipped}, failed ${r.failed}`);
    const pendingLeft = sims.reduce((n, s) => n + s.state.countByStatus("cheryweb.quotation", "pending") + s.state.countByStatus("cherywebsite.test.drive", "pending"), 0);
    say(`one sync cycle: ${total} records in ${secs.toFixed(2)} s = ${Math.round(total / secs)} records/second (still pending remotely: ${pendingLeft})`);

    // The same statements straight from pgbench: what PostgreSQL alone sustains for this work.
    const intakeRate = total / secs;
    const pgbench = await runPgbench(url, brands[0]!.id, brands[1]!.id);
    say(`pgbench (-n -M extended -c 2 -j 2 -T ${PGBENCH_SECONDS}, one transaction = one batch of 100 records): ${pgbench.tps.toFixed(1)} batches/s = ${Math.round(pgbench.tps * 100)} records/s, ${pgbench.leads} leads inserted, ${pgbench.absorbed} records absorbed by dedup`);
    say(`SUMMARY intake-sync: ${Math.round(intakeRate)} records/s through the sync vs ${Math.round(pgbench.tps * 100)} records/s for the same statements in pgbench: ratio ${(intakeRate / (pgbench.tps * 100)).toFixed(2)}`);
  } finally {
    await Promise.all(sims.map((s) => s.close()));
  }
}

async function runPgbench(url: string, b1: number, b2: number): Promise<{ tps: number; leads: number; absorbed: number }> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const dir = mkdtempSync(path.join(tmpdir(), "crm-pgbench-"));
  try {
    await pg.query("CREATE SEQUENCE pgbench_batch");
    const [source, stage, dsrc] = await Promise.all([
      pg.query<{ id: number }>("SELECT id FROM lead_sources WHERE code = 'source_web_quotation'"),
      pg.query<{ id: number }>("SELECT id FROM stages WHERE name = 'New'"),
      pg.query<{ id: number }>("INSERT INTO distributor_sources (url, db) VALUES ('pgbench', 'pgbench') ON CONFLICT (url, db) DO UPDATE SET url = EXCLUDED.url RETURNING id"),
    ]);
    const file = path.join(dir, "intake-batch.sql");
    writeFileSync(file, PGBENCH_SCRIPT);
    const vars = { b1, b2, source: source.rows[0]!.id, stage: stage.rows[0]!.id, dsrc: dsrc.rows[0]!.id, leads: LEADS };
    const out = execFileSync(
      "/usr/bin/pgbench",
      ["-n", "-M", "extended", "-f", file, "-c", "2", "-j", "2", "-T", String(PGBENCH_SECONDS), ...Object.entries(vars).flatMap(([k, v]) => ["-D", `${k}=${v}`]), url],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: (PGBENCH_SECONDS + 60) * 1000 },
    );
    const tps = /tps = ([\d.]+)/.exec(out);
    const failed = /number of failed transactions: (\d+)/.exec(out);
    if (!tps) throw new Error(`pgbench printed no tps:\n${out}`);
    if (failed && failed[1] !== "0") throw new Error(`pgbench: ${failed[1]} failed transactions:\n${out}`);
    const leads = (await pg.query<{ n: number }>("SELECT count(*)::int AS n FROM leads WHERE remote_model = 'pgbench.quotation'")).rows[0]!.n;
    const absorbed = (await pg.query<{ n: number }>("SELECT count(*)::int AS n FROM lead_remote_origins WHERE remote_model = 'pgbench.quotation'")).rows[0]!.n;
    return { tps: Number(tps[1]), leads, absorbed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await pg.end();
  }
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
