/**
 * Fault: the BPO worker is killed (SIGKILL) in the middle of a distributor sync and restarted (script, not a test):
 *   tsx bench/fault-worker-kill.ts [--records 5000] [--kill-at 0.4] [--wait 150]
 * One simulated Odoo 12 distributor (in this process) holds `--records` pending records (half quotations, half
 * test drives; every tenth one repeats an earlier customer, so dedup runs too). The BPO worker runs as a real
 * child process (main.ts worker); its sync is queued, and when `--kill-at` of the records are leads it gets
 * SIGKILL and is started again. The script then waits `--wait` seconds for the sync to finish by itself: the killed
 * run's per-brand lease stops being renewed and expires within its 60 s TTL, and the stalled job is retried. If
 * records are still pending after that, the script deletes the lease key and queues the brand again, and says so
 * (it should not need to). Prints: leads whose remote record
 * is not marked synced, remote records marked synced without a lead, and duplicates (all should be 0).
 */
import { QUOTATION_MODEL, type RunningSimulator, TEST_DRIVE_MODEL, startSimulator } from "../tools/distributor-simulator/src";
import { childService } from "./lib/child-services";
import { atClose, closeAll } from "./lib/cleanup";
import { startBpo } from "./lib/in-process-stacks";
import { say } from "./lib/report";
import { sql } from "./lib/sql-fixtures";
import { until } from "./lib/waiting";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RECORDS = arg("records", 5000);
const KILL_AT = arg("kill-at", 0.4);
const WAIT_S = arg("wait", 150);
const MODELS = [QUOTATION_MODEL, TEST_DRIVE_MODEL];

async function main() {
  const bpo = await startBpo();
  const brand = await bpo.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
  const sim: RunningSimulator = await startSimulator({ brand: "CHERY", login: "sync", password: "pw", db: "chery" });
  atClose(() => sim.close());
  const dealers = Array.from({ length: 20 }, (_, i) => sim.state.addDealer(`Chery Dealer ${i + 1}`));
  const models = Array.from({ length: 8 }, (_, i) => sim.state.addVehicleModel(`Chery Model ${i + 1}`));
  for (let i = 0; i < RECORDS; i++) {
    const c = i % 10 === 9 ? i - 9 : i; // every tenth record repeats the customer of an earlier one
    const rec = { first_name: `Kill${c}`, last_name: "Test", email: `kill${c}@example.ph`, mobile: `+63918${String(c).padStart(7, "0")}`, dealer_id: dealers[i % 20]!, model_id: models[i % 8]! };
    if (i % 2 === 0) sim.state.addQuotation(rec);
    else sim.state.addTestDrive({ ...rec, preferred_date: "2026-12-15" });
  }
  await bpo.c.distributors.set({ id: 0, name: "bench", role: "manager" }, brand.id, { url: sim.url, db: sim.state.db, login: "sync", password: "pw" });
  const pg = await sql(bpo.dbUrl);
  const imported = async () =>
    (await pg.query<{ n: number }>("SELECT (SELECT count(*) FROM leads WHERE remote_brand_id = $1) + (SELECT count(*) FROM lead_remote_origins WHERE remote_brand_id = $1) AS n", [brand.id])).rows[0]!.n;
  const pending = () => MODELS.reduce((n, m) => n + sim.state.countByStatus(m, "pending") + sim.state.countByStatus(m, "sent"), 0);
  const synced = () => MODELS.reduce((n, m) => n + sim.state.countByStatus(m, "synced"), 0);

  const worker = await childService("bpo-worker", "bpo", "worker", bpo.env);
  const firstPid = worker.pid();
  await bpo.c.syncJobs.enqueueBrands([brand.id]);
  const t0 = Date.now();
  const before = await until(() => imported().then(Number), (n) => n >= RECORDS * KILL_AT, 120_000, 10);
  await worker.stop("SIGKILL");
  const atKill = { imported: await imported(), synced: synced(), ms: Date.now() - t0 };
  say(`${RECORDS} pending records; worker (pid ${firstPid}) killed with SIGKILL ${atKill.ms} ms into the sync: ${atKill.imported} records imported (seen ${before}), ${atKill.synced} marked synced remotely`);

  await worker.start();
  const restartAt = Date.now();
  say(`worker restarted (pid ${worker.pid()}); waiting up to ${WAIT_S} s for the sync to finish by itself`);
  let left = await until(async () => pending(), (n) => n === 0, WAIT_S * 1000, 500);
  let intervention = "none";
  if (left > 0) {
    const lease = `${bpo.prefix}:distributor-sync-lock:${brand.id}`;
    const ttl = await bpo.c.redis.pttl(lease);
    intervention = `after ${WAIT_S} s ${left} records were still pending (lease ${lease} ${ttl > 0 ? `held, ${Math.round(ttl / 1000)} s left of its TTL` : "not held"}); deleted the lease and queued the brand again`;
    say(intervention);
    await bpo.c.redis.del(lease);
    // The killed job may still count as active until BullMQ sees it stalled: queue again every 10 s.
    const end = Date.now() + 120_000;
    while (left > 0 && Date.now() < end) {
      await bpo.c.syncJobs.enqueueBrands([brand.id]);
      left = await until(async () => pending(), (n) => n === 0, 10_000, 500);
    }
  }
  const finishS = (Date.now() - restartAt) / 1000;
  await worker.stop("SIGTERM");

  const rows = await pg.query<{ model: string; remote_id: number; lead_id: number }>(
    `SELECT remote_model AS model, remote_id, id AS lead_id FROM leads WHERE remote_brand_id = $1
     UNION ALL SELECT remote_model, remote_id, lead_id FROM lead_remote_origins WHERE remote_brand_id = $1`,
    [brand.id],
  );
  const seen = new Map<string, number>();
  for (const r of rows.rows) seen.set(`${r.model}#${r.remote_id}`, (seen.get(`${r.model}#${r.remote_id}`) ?? 0) + 1);
  const isSynced = (key: string) => {
    const [model, id] = key.split("#") as [string, string];
    return sim.state.status(model, Number(id)) === "synced";
  };
  const leadNotSynced = [...seen.keys()].filter((k) => !isSynced(k)).length;
  const syncedKeys = MODELS.flatMap((m) => [...sim.state.table(m).values()].filter((r) => r.status === "synced").map((r) => `${m}#${r.id as number}`));
  const syncedNoLead = syncedKeys.filter((k) => !seen.has(k)).length;
  const twiceImported = [...seen.values()].filter((n) => n > 1).length;
  const customerDupes = (
    await pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM leads WHERE remote_brand_id = $1 AND NOT is_won AND NOT is_lost
       GROUP BY lower(contact_name), email, mobile HAVING count(*) > 1) d`,
      [brand.id],
    )
  ).rows[0]!.n;
  const leads = (await pg.query<{ n: number }>("SELECT count(*)::int AS n FROM leads WHERE remote_brand_id = $1", [brand.id])).rows[0]!.n;
  const runs = await pg.query<{ status: string; n: number }>("SELECT status::text, count(*)::int AS n FROM sync_runs GROUP BY 1 ORDER BY 1");
  say(`after restart: ${pending()} records still pending remotely, ${leads} leads + ${rows.rows.length - leads} absorbed duplicates for ${RECORDS} records; sync runs: ${runs.rows.map((r) => `${r.status}×${r.n}`).join(", ")}`);
  say(
    `SUMMARY fault-worker-kill: SIGKILL at ${atKill.imported}/${RECORDS} records, restart; finished ${finishS.toFixed(1)} s after the restart (intervention: ${intervention === "none" ? "none" : "lease deleted"}); ` +
      `leads without their remote record marked synced ${leadNotSynced}, remote records marked synced without a lead ${syncedNoLead}, ` +
      `remote records imported twice ${twiceImported}, same customer in two open leads ${customerDupes}, still pending ${pending()}`,
  );
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
