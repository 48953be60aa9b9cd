/**
 * Resident memory of each process, idle and under load (script, not a test):
 *   tsx bench/memory.ts [--load 30] [--agents 20] [--leads 5000]
 * BPO API, BPO worker, dealer API and dealer worker run as real child processes (main.ts start / worker), each
 * pair on its own database and Redis prefix. RSS (VmRSS from /proc/<pid>/status) is sampled once a second:
 * idle for 10 s after start-up, then during `--load` seconds of `--agents` agents each looping over
 * Open Leads board → claim → endorse (the BPO worker delivers to the dealer API) while a dealer manager marks
 * delivered dealer leads Lost (the dealer worker calls back to the BPO), then 10 s after the load stops.
 * Prints median and peak RSS per process and phase.
 */
import {
  type ChildService,
  childService,
  closeAll,
  http,
  insertLeads,
  linkForEndorsement,
  median,
  say,
  sleep,
  sql,
  startBpo,
  startDealer,
} from "./lib/stack";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LOAD_S = arg("load", 30);
const AGENTS = arg("agents", 20);
const LEADS = arg("leads", 5000);

type Samples = Map<string, number[]>;
async function sample(procs: ChildService[], seconds: number, during?: Promise<unknown>): Promise<Samples> {
  const out: Samples = new Map(procs.map((p) => [p.name, []]));
  const end = Date.now() + seconds * 1000;
  let done = false;
  void during?.finally(() => (done = true));
  while (Date.now() < end && !done) {
    for (const p of procs) {
      const kb = p.rssKb();
      if (kb !== null) out.get(p.name)!.push(kb);
    }
    await sleep(1000);
  }
  return out;
}
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function main() {
  const [bpo, dealer] = await Promise.all([startBpo(), startDealer()]);
  const procs = [
    await childService("bpo-api", "bpo", "start", bpo.env),
    await childService("bpo-worker", "bpo", "worker", bpo.env),
    await childService("dealer-api", "dealer", "start", dealer.env),
    await childService("dealer-worker", "dealer", "worker", dealer.env),
  ];
  const [bpoApi, , dealerApi] = procs as [ChildService, ChildService, ChildService, ChildService];
  const link = await linkForEndorsement(bpo, dealer, { bpoUrl: bpoApi.url!, dealerUrl: dealerApi.url! });
  const bpoPg = await sql(bpo.dbUrl);
  const dealerPg = await sql(dealer.dbUrl);
  const ids = await insertLeads(bpoPg, { brandId: link.brandId, n: LEADS, vehicleModelId: link.vehicleModelId, tag: "Pool" });
  const agents = await Promise.all(Array.from({ length: AGENTS }, () => bpo.user("agent")));
  const dm = await dealer.user("dealer_manager");
  const reasons = (await http(dealerApi.url!, "get", "/api/lost-reasons", { token: dm.token })).body as { lostReasons: { id: number }[] };
  const lostReasonId = reasons.lostReasons[0]!.id;
  say(`${procs.map((p) => `${p.name} pid ${p.pid()}`).join(", ")}; ${LEADS} leads in the pool`);

  const idle = await sample(procs, 10);

  const counts = { board: 0, claim: 0, endorse: 0, lost: 0, errors: 0 };
  const stopAt = Date.now() + LOAD_S * 1000;
  const queue = [...ids];
  const load = Promise.all([
    ...agents.map(async (a) => {
      while (Date.now() < stopAt) {
        const board = await http(bpoApi.url!, "get", "/api/boards/open-leads", { token: a.token });
        counts.board++;
        const id = queue.shift();
        if (id === undefined) break;
        const claim = await http(bpoApi.url!, "post", `/api/leads/${id}/claim`, { token: a.token });
        if (claim.status === 200) counts.claim++;
        const e = await http(bpoApi.url!, "post", `/api/leads/${id}/endorse`, { token: a.token, body: { dealershipId: link.dealershipId, withQuotation: true } });
        if (e.status === 200) counts.endorse++;
        if (board.status !== 200 || claim.status !== 200 || e.status !== 200) counts.errors++;
      }
    }),
    (async () => {
      while (Date.now() < stopAt) {
        const { rows } = await dealerPg.query<{ id: number }>("SELECT id FROM leads WHERE bpo_source_lead_id IS NOT NULL AND NOT is_lost ORDER BY id LIMIT 20");
        for (const r of rows) {
          const res = await http(dealerApi.url!, "post", `/api/leads/${r.id}/mark-lost`, { token: dm.token, body: { lostReasonId, notes: "bench" } });
          if (res.status === 200) counts.lost++;
          else counts.errors++;
        }
        if (rows.length === 0) await sleep(200);
      }
    })(),
  ]);
  const loaded = await sample(procs, LOAD_S + 5, load);
  await load;
  const after = await sample(procs, 10);
  say(`load: ${counts.board} board reads, ${counts.claim} claims, ${counts.endorse} endorsements, ${counts.lost} dealer Mark Lost (callbacks), ${counts.errors} non-200 answers`);
  const row = (name: string, s: Samples) => {
    const xs = s.get(name) ?? [];
    return xs.length ? `${mb(median(xs))} (peak ${mb(Math.max(...xs))})` : "n/a";
  };
  for (const p of procs) say(`  ${p.name.padEnd(14)} idle ${row(p.name, idle)}, loaded ${row(p.name, loaded)}, after ${row(p.name, after)}`);
  say(`SUMMARY memory (RSS median, peak): ${procs.map((p) => `${p.name} idle ${mb(median(idle.get(p.name)!))} → loaded ${mb(Math.max(...(loaded.get(p.name) ?? [0])))} peak`).join("; ")}`);
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
