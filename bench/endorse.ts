/**
 * Endorsement latency and throughput (script, not a test):
 *   tsx bench/endorse.ts [--runs 3] [--single 100] [--burst 1000] [--concurrency 20]
 * A BPO and a real dealer-service over HTTP on loopback, each on its own database, with both outbox workers
 * running in the same process as their API (like `main.ts all`: an endorsement kicks the relay at once).
 * Per run: `--single` claimed leads endorsed one at a time through POST /api/leads/:id/endorse, then a burst of
 * `--burst` endorsements with `--concurrency` requests in flight. Latency = dealer lead created_at (set in the
 * dealer's creating transaction) minus the start of the BPO request. Prints each run and the medians.
 */
import { startDealerOutbox } from "../services/dealer-service/src/jobs/outbox-jobs";
import { startBpoOutbox } from "../services/bpo-service/src/jobs/outbox-jobs";
import { atClose, closeAll } from "./lib/cleanup";
import { auditEndorsements, dealerLeadCount, endorseBurst, linkForEndorsement } from "./lib/endorsement-fixtures";
import { startBpo, startDealer } from "./lib/in-process-stacks";
import { fmtCounts, say } from "./lib/report";
import { insertLeads, sql } from "./lib/sql-fixtures";
import { median, quantile } from "./lib/statistics";
import { until } from "./lib/waiting";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("runs", 3);
const SINGLE = arg("single", 100);
const BURST = arg("burst", 1000);
const CONCURRENCY = arg("concurrency", 20);

async function main() {
  const [bpo, dealer] = await Promise.all([startBpo({ poolSize: 10 }), startDealer({ poolSize: 10 })]);
  const link = await linkForEndorsement(bpo, dealer);
  const bpoOutbox = startBpoOutbox(bpo.c);
  atClose(() => bpoOutbox.close());
  const dealerOutbox = startDealerOutbox(dealer.c);
  atClose(() => dealerOutbox.close());
  const bpoPg = await sql(bpo.dbUrl);
  const dealerPg = await sql(dealer.dbUrl);
  const agent = await bpo.user("agent");
  say(`BPO ${bpo.url} → dealer ${dealer.url}; ${RUNS} runs of ${SINGLE} single endorsements + a burst of ${BURST} (${CONCURRENCY} in flight)`);

  /** ms from request start to the dealer lead's created_at, per accepted lead. */
  const latencies = async (accepted: Map<number, number>) => {
    const { rows } = await dealerPg.query<{ id: number; at: number }>(
      "SELECT bpo_source_lead_id AS id, (extract(epoch FROM created_at) * 1000)::float8 AS at FROM leads WHERE bpo_source_lead_id = ANY($1::int[])",
      [[...accepted.keys()]],
    );
    return rows.map((r) => ({ id: r.id, at: r.at, ms: r.at - accepted.get(r.id)! }));
  };
  const leads = (n: number, tag: string) => insertLeads(bpoPg, { brandId: link.brandId, n, userId: agent.id, stage: "Qualified", vehicleModelId: link.vehicleModelId, tag });

  const figures: { p50: number; p95: number; bp50: number; bp95: number; reqRate: number; rate: number }[] = [];
  let lost = 0;
  let twice = 0;
  for (let run = 1; run <= RUNS; run++) {
    // One at a time: the latency of an endorsement on an idle system.
    const single = await leads(SINGLE, `Single${run}`);
    const s = await endorseBurst(bpo.url, agent.token, single, link.dealershipId, { concurrency: 1, timeoutMs: 120_000 });
    await until(() => dealerLeadCount(dealerPg, single), (n) => n >= s.accepted.size, 60_000);
    const sl = (await latencies(s.accepted)).map((x) => x.ms);

    // The burst: sustained endorsements/second from the first request to the last dealer lead committed.
    const burst = await leads(BURST, `Burst${run}`);
    const t0 = Date.now();
    const b = await endorseBurst(bpo.url, agent.token, burst, link.dealershipId, { concurrency: CONCURRENCY, timeoutMs: 300_000 });
    await until(() => dealerLeadCount(dealerPg, burst), (n) => n >= b.accepted.size, 300_000, 200);
    const bl = await latencies(b.accepted);
    const lastAt = Math.max(...bl.map((x) => x.at));
    const rate = (bl.length / (lastAt - t0)) * 1000;
    const reqRate = (b.accepted.size / b.wallMs) * 1000;
    const audit = await auditEndorsements(bpoPg, dealerPg, [...single, ...burst]);
    lost += audit.lost;
    twice += audit.duplicated;
    const f = { p50: median(sl), p95: quantile(sl, 0.95), bp50: median(bl.map((x) => x.ms)), bp95: quantile(bl.map((x) => x.ms), 0.95), reqRate, rate };
    figures.push(f);
    say(
      `run ${run}: single p50 ${f.p50.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms (${fmtCounts(s.statuses)}); ` +
        `burst ${b.accepted.size} accepted in ${(b.wallMs / 1000).toFixed(1)} s (${reqRate.toFixed(0)} req/s, ${fmtCounts(b.statuses)}), ` +
        `all committed at the dealer after ${((lastAt - t0) / 1000).toFixed(1)} s = ${rate.toFixed(0)} endorsements/s, latency in burst p50 ${f.bp50.toFixed(0)} ms, p95 ${f.bp95.toFixed(0)} ms; ` +
        `delivered ${audit.delivered}/${audit.sent}, lost ${audit.lost}, twice ${audit.duplicated}`,
    );
  }
  const m = (k: keyof (typeof figures)[number]) => median(figures.map((f) => f[k])).toFixed(0);
  say(
    `SUMMARY endorse (medians of ${RUNS} runs): request → dealer lead committed p50 ${m("p50")} ms, p95 ${m("p95")} ms one at a time; ` +
      `burst of ${BURST} at ${CONCURRENCY} in flight: ${m("reqRate")} requests/s accepted, ${m("rate")} endorsements/s committed at the dealer, ` +
      `latency p50 ${m("bp50")} ms, p95 ${m("bp95")} ms; lost ${lost}, twice ${twice}`,
  );
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
