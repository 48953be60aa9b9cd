/**
 * Fault: the dealer-service process is down for a whole burst of endorsements (script, not a test):
 *   tsx bench/fault-dealer-down.ts [--burst 1000] [--concurrency 20] [--down-extra 5]
 * The dealer API runs as a real child process (services/dealer-service/src/main.ts start); the BPO API and its
 * outbox worker run in this process. The dealer process is stopped, `--burst` claimed leads are endorsed through
 * POST /api/leads/:id/endorse, the dealer stays down `--down-extra` more seconds, then starts again on the same
 * port. Prints sent, delivered, lost and duplicated (dealer leads per BPO lead id) and how long delivery took.
 *
 * Retries: the outbox backs off exponentially from OUTBOX_BACKOFF_MS (default 5 s, 12 attempts, about 2.8 h).
 * This script sets OUTBOX_BACKOFF_MS=500 and OUTBOX_ATTEMPTS=16 (same curve, 10× faster; the 16 attempts span
 * about 9 h) so a message waits at most about twice the downtime. Rows that still died are replayed through
 * POST /api/outbox/:id/replay and counted.
 */
import { startBpoOutbox } from "../services/bpo-service/src/jobs/outbox-jobs";
import { childService } from "./lib/child-services";
import { atClose, closeAll } from "./lib/cleanup";
import { auditEndorsements, dealerLeadCount, endorseBurst, linkForEndorsement } from "./lib/endorsement-fixtures";
import { http } from "./lib/http-client";
import { startBpo, startDealer } from "./lib/in-process-stacks";
import { fmtCounts, say } from "./lib/report";
import { insertLeads, sql } from "./lib/sql-fixtures";
import { sleep, until } from "./lib/waiting";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BURST = arg("burst", 1000);
const CONCURRENCY = arg("concurrency", 20);
const DOWN_EXTRA_S = arg("down-extra", 5);

async function main() {
  const [bpo, dealer] = await Promise.all([startBpo({ env: { OUTBOX_BACKOFF_MS: "500", OUTBOX_ATTEMPTS: "16" } }), startDealer()]);
  const dealerApi = await childService("dealer-api", "dealer", "start", dealer.env);
  const link = await linkForEndorsement(bpo, dealer, { dealerUrl: dealerApi.url! });
  const outbox = startBpoOutbox(bpo.c);
  atClose(() => outbox.close());
  const bpoPg = await sql(bpo.dbUrl);
  const dealerPg = await sql(dealer.dbUrl);
  const agent = await bpo.user("agent");
  const manager = await bpo.user("manager");
  const ids = await insertLeads(bpoPg, { brandId: link.brandId, n: BURST, userId: agent.id, stage: "Qualified", vehicleModelId: link.vehicleModelId });
  say(`dealer API pid ${dealerApi.pid()} at ${dealerApi.url}; ${ids.length} claimed leads to endorse`);

  await dealerApi.stop("SIGTERM");
  const downAt = Date.now();
  say("dealer API stopped");
  const b = await endorseBurst(bpo.url, agent.token, ids, link.dealershipId, { concurrency: CONCURRENCY, timeoutMs: 300_000 });
  say(`burst: ${b.accepted.size} endorsements accepted in ${(b.wallMs / 1000).toFixed(1)} s (${fmtCounts(b.statuses)}); dealer leads so far ${await dealerLeadCount(dealerPg, ids)}`);
  await sleep(DOWN_EXTRA_S * 1000);
  const failing = await bpoPg.query<{ n: number; max: number }>("SELECT count(*)::int AS n, coalesce(max(attempts), 0)::int AS max FROM outbox_messages WHERE status = 'pending' AND attempts > 0");
  say(`while down: ${failing.rows[0]!.n} outbox rows have failed attempts (up to ${failing.rows[0]!.max} each)`);

  await dealerApi.start();
  const upAt = Date.now();
  say(`dealer API started again (pid ${dealerApi.pid()}) after ${((upAt - downAt) / 1000).toFixed(1)} s down`);
  const accepted = [...b.accepted.keys()];
  const n = await until(() => dealerLeadCount(dealerPg, accepted), (x) => x >= accepted.length, 600_000, 500);
  const drainS = (Date.now() - upAt) / 1000;
  say(`delivered ${n}/${accepted.length} within ${drainS.toFixed(1)} s of the restart`);

  const dead = await bpoPg.query<{ id: string }>("SELECT id FROM outbox_messages WHERE status = 'dead'");
  if (dead.rows.length) {
    let replayed = 0;
    for (const row of dead.rows) if ((await http(bpo.url, "post", `/api/outbox/${row.id}/replay`, { token: manager.token })).status < 300) replayed++;
    say(`dead letters: ${dead.rows.length}, replayed through POST /api/outbox/:id/replay: ${replayed}`);
    const after = await until(() => dealerLeadCount(dealerPg, accepted), (x) => x >= accepted.length, 120_000, 500);
    say(`delivered after the replay: ${after}/${accepted.length}`);
  }
  // Let any late duplicate delivery land before counting.
  await until(() => bpoPg.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'pending'").then((r) => r.rows[0]!.n), (x) => x === 0, 60_000, 500);
  const a = await auditEndorsements(bpoPg, dealerPg, accepted);
  say(`BPO leads by endorsement status: ${fmtCounts(a.bpoStatus)}; outbox rows: ${fmtCounts(a.outbox)}; repeated deliveries answered "already existed": ${a.redelivered}`);
  say(
    `SUMMARY fault-dealer-down: dealer down ${((upAt - downAt) / 1000).toFixed(0)} s for a burst of ${BURST}: sent ${a.sent}, delivered ${a.delivered}, lost ${a.lost}, duplicated ${a.duplicated}; ` +
      `all delivered ${drainS.toFixed(1)} s after the restart; dead letters replayed ${dead.rows.length}`,
  );
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
