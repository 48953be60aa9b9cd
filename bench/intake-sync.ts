/**
 * Benchmark of one distributor intake cycle (script, not a test):
 *   tsx bench/intake-sync.ts [--leads 100000] [--records 10000]
 * Creates a fresh database (migrations applied), loads `--leads` existing leads, puts `--records` pending
 * records on two simulated distributors (half quotations, half test drives; 10% of them customers who
 * already have an open lead), runs one sync cycle for both brands at once and prints the figures.
 * Needs the local PostgreSQL (TEST_PG_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres) and Redis.
 */
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { createLogger } from "../packages/platform/src";
import { applyMigrations, databaseUrl, deleteRedisPrefix, dropDatabase, testRedisUrl } from "../packages/test-kit/src";
import { loadConfig } from "../services/bpo-service/src/config";
import { createContainer } from "../services/bpo-service/src/container";
import { type LeadInput, type RunningSimulator, startSimulator } from "../tools/distributor-simulator/src";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LEADS = arg("leads", 100_000);
const RECORDS = arg("records", 10_000);
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const say = (s: string) => process.stdout.write(`${s}\n`);

async function main() {
  const dbName = `crm_bench_${randomBytes(4).toString("hex")}`;
  const prefix = `crmbench:${randomBytes(3).toString("hex")}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const url = databaseUrl(dbName);
  const sims: RunningSimulator[] = [];
  let c: ReturnType<typeof createContainer> | undefined;
  try {
    await applyMigrations(url, "bpo");
    c = createContainer(
      loadConfig({ NODE_ENV: "production", DATABASE_URL: url, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, PUBLIC_URL: "http://bench.local", APP_SECRET: "bench-secret-bench-secret-bench-secret-00", LOG_LEVEL: "error" }),
      { logger: createLogger({ service: "bench", level: "error", silent: true }), dbPoolSize: 10 },
    );
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
    const runs = await Promise.all(brands.map((b) => c!.distributorSync.runBrand(b.id, "manual")));
    const secs = (Date.now() - t0) / 1000;
    const total = runs.reduce((n, r) => n + r.fetched, 0);
    for (const r of runs) say(`  ${r.brandName}: ${r.status}, fetched ${r.fetched}, created ${r.created}, deduplicated ${r.deduplicated}, skipped ${r.skipped}, failed ${r.failed}`);
    const pendingLeft = sims.reduce((n, s) => n + s.state.countByStatus("cheryweb.quotation", "pending") + s.state.countByStatus("cherywebsite.test.drive", "pending"), 0);
    say(`one sync cycle: ${total} records in ${secs.toFixed(2)} s = ${Math.round(total / secs)} records/second (still pending remotely: ${pendingLeft})`);
  } finally {
    await Promise.all(sims.map((s) => s.close()));
    await c?.close();
    await dropDatabase(dbName);
    await deleteRedisPrefix(prefix);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
