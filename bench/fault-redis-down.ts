/**
 * Fault: Redis dies in the middle of a burst of endorsements and comes back empty (script, not a test):
 *   tsx bench/fault-redis-down.ts [--burst 1000] [--concurrency 20] [--down 5]
 * Starts a private redis-server on a free loopback port (nothing kept on disk) used by every process of this
 * script: BPO API, BPO worker and dealer API, each a real child process (main.ts start / worker / start).
 * When a third of the burst's outbox rows exist, Redis is killed (SIGKILL), stays down `--down` seconds and is
 * started again with an empty data set (every queued BullMQ job is gone). Prints sent, delivered, lost and
 * duplicated (dealer leads per BPO lead id). OUTBOX_BACKOFF_MS=500 (default 5 s) so retries stay short.
 */
import { childService } from "./lib/child-services";
import { closeAll } from "./lib/cleanup";
import { auditEndorsements, dealerLeadCount, endorseBurst, linkForEndorsement } from "./lib/endorsement-fixtures";
import { startBpo, startDealer } from "./lib/in-process-stacks";
import { privateRedis } from "./lib/private-redis";
import { fmtCounts, say } from "./lib/report";
import { insertLeads, sql } from "./lib/sql-fixtures";
import { sleep, until } from "./lib/waiting";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BURST = arg("burst", 1000);
const CONCURRENCY = arg("concurrency", 20);
const DOWN_S = arg("down", 5);

async function main() {
  const redis = await privateRedis();
  const [bpo, dealer] = await Promise.all([
    startBpo({ env: { REDIS_URL: redis.url, OUTBOX_BACKOFF_MS: "500", OUTBOX_ATTEMPTS: "16" } }),
    startDealer({ env: { REDIS_URL: redis.url } }),
  ]);
  const [bpoApi, bpoWorker, dealerApi] = await Promise.all([
    childService("bpo-api", "bpo", "start", bpo.env),
    childService("bpo-worker", "bpo", "worker", bpo.env),
    childService("dealer-api", "dealer", "start", dealer.env),
  ]);
  const link = await linkForEndorsement(bpo, dealer, { bpoUrl: bpoApi.url!, dealerUrl: dealerApi.url! });
  const bpoPg = await sql(bpo.dbUrl);
  const dealerPg = await sql(dealer.dbUrl);
  const agent = await bpo.user("agent");
  const ids = await insertLeads(bpoPg, { brandId: link.brandId, n: BURST, userId: agent.id, stage: "Qualified", vehicleModelId: link.vehicleModelId });
  say(`private redis-server at ${redis.url}; BPO API pid ${bpoApi.pid()}, BPO worker pid ${bpoWorker.pid()}, dealer API pid ${dealerApi.pid()}; ${ids.length} claimed leads`);

  const outboxRows = () => bpoPg.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox_messages").then((r) => r.rows[0]!.n);
  let killedAt = 0;
  let backAt = 0;
  let atKill = { rows: 0, delivered: 0 };
  const fault = (async () => {
    await until(outboxRows, (n) => n >= BURST / 3, 300_000, 50);
    await redis.stop("SIGKILL");
    killedAt = Date.now();
    atKill = { rows: await outboxRows(), delivered: await dealerLeadCount(dealerPg, ids) };
    say(`redis killed: ${atKill.rows} endorsements written so far, ${atKill.delivered} delivered`);
    await sleep(DOWN_S * 1000);
    await redis.start();
    backAt = Date.now();
    say(`redis started again (empty) after ${((backAt - killedAt) / 1000).toFixed(1)} s; endorsements written meanwhile: ${(await outboxRows()) - atKill.rows}`);
  })();
  const b = await endorseBurst(bpoApi.url!, agent.token, ids, link.dealershipId, { concurrency: CONCURRENCY, timeoutMs: 300_000 });
  await fault;
  say(`burst: ${b.accepted.size} endorsements accepted in ${(b.wallMs / 1000).toFixed(1)} s (answers: ${fmtCounts(b.statuses)})`);

  const accepted = [...b.accepted.keys()];
  const n = await until(() => dealerLeadCount(dealerPg, accepted), (x) => x >= accepted.length, 300_000, 500);
  const drainS = (Date.now() - backAt) / 1000;
  say(`delivered ${n}/${accepted.length}, the last ${drainS.toFixed(1)} s after Redis came back`);
  await until(() => bpoPg.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'pending'").then((r) => r.rows[0]!.n), (x) => x === 0, 60_000, 500);
  const a = await auditEndorsements(bpoPg, dealerPg, accepted);
  // Endorsements refused during the outage were never sent: they are not lost, the agent saw the error.
  const refused = ids.length - accepted.length;
  say(`BPO leads by endorsement status: ${fmtCounts(a.bpoStatus)}; outbox rows: ${fmtCounts(a.outbox)}; repeated deliveries answered "already existed": ${a.redelivered}`);
  say(
    `SUMMARY fault-redis-down: Redis killed mid-burst for ${((backAt - killedAt) / 1000).toFixed(0)} s and restarted empty: sent ${a.sent}, delivered ${a.delivered}, lost ${a.lost}, duplicated ${a.duplicated}` +
      ` (requests refused during the outage: ${refused}); last delivery ${drainS.toFixed(1)} s after Redis returned`,
  );
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
