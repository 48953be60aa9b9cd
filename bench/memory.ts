/**
 * Resident memory of each process, idle and under load (script, not a test):
 *   tsx bench/memory.ts [--load 30] [--agents 20] [--leads 5000] [--only tsx|compiled]
 * BPO API, BPO worker, dealer API and dealer worker run as real child processes (start / worker), each pair on
 * its own database and Redis prefix, twice: through tsx (main.ts, as tests and the demo run) and as the
 * production build (dist/main.js under plain node; the script runs `pnpm build` first). The figures are
 * printed side by side. RSS (VmRSS from /proc/<pid>/status) is sampled once a second:
 * idle for 10 s after start-up, then during `--load` seconds of `--agents` agents each looping over
 * Open Leads board → claim → endorse (the BPO worker delivers to the dealer API) while a dealer manager marks
 * delivered dealer leads Lost (the dealer worker calls back to the BPO), then 10 s after the load stops.
 * Prints median and peak RSS per process and phase.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { type ChildService, childService } from "./lib/child-services";
import { closeAll } from "./lib/cleanup";
import { linkForEndorsement } from "./lib/endorsement-fixtures";
import { http } from "./lib/http-client";
import { startBpo, startDealer } from "./lib/in-process-stacks";
import { say } from "./lib/report";
import { insertLeads, sql } from "./lib/sql-fixtures";
import { median } from "./lib/statistics";
import { sleep } from "./lib/waiting";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LOAD_S = arg("load", 30);
const AGENTS = arg("agents", 20);
const LEADS = arg("leads", 5000);
const ONLY = (() => {
  const i = process.argv.indexOf("--only");
  return i > 0 ? process.argv[i + 1] : undefined;
})();
type Runner = "tsx" | "compiled";
/** Per process: idle median, loaded peak, after-load median (kB). */
type Figures = Map<string, { idle: number; peak: number; after: number }>;

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

async function measure(runner: Runner): Promise<Figures> {
  say(`--- ${runner}`);
  const [bpo, dealer] = await Promise.all([startBpo(), startDealer()]);
  const procs = [
    await childService(`bpo-api-${runner}`, "bpo", "start", bpo.env, runner),
    await childService(`bpo-worker-${runner}`, "bpo", "worker", bpo.env, runner),
    await childService(`dealer-api-${runner}`, "dealer", "start", dealer.env, runner),
    await childService(`dealer-worker-${runner}`, "dealer", "worker", dealer.env, runner),
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
  for (const p of procs) say(`  ${p.name.padEnd(22)} idle ${row(p.name, idle)}, loaded ${row(p.name, loaded)}, after ${row(p.name, after)}`);
  for (const p of procs) await p.stop();
  const base = (name: string) => name.slice(0, -runner.length - 1);
  return new Map(
    procs.map((p) => [
      base(p.name),
      { idle: median(idle.get(p.name) ?? [0]), peak: Math.max(0, ...(loaded.get(p.name) ?? [])), after: median(after.get(p.name) ?? [0]) },
    ]),
  );
}

async function main() {
  const runners: Runner[] = ONLY === "tsx" || ONLY === "compiled" ? [ONLY] : ["tsx", "compiled"];
  if (runners.includes("compiled")) execFileSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], { cwd: path.resolve(__dirname, ".."), stdio: "inherit" });
  const results = new Map<Runner, Figures>();
  for (const r of runners) results.set(r, await measure(r));
  say(`RSS per process (idle median / peak under load), ${LOAD_S} s of load with ${AGENTS} agents:`);
  say(`  ${"process".padEnd(14)} ${runners.map((r) => r.padEnd(22)).join(" ")}`);
  for (const name of ["bpo-api", "bpo-worker", "dealer-api", "dealer-worker"]) {
    const cells = runners.map((r) => {
      const f = results.get(r)!.get(name);
      return (f ? `${mb(f.idle)} / ${mb(f.peak)}` : "n/a").padEnd(22);
    });
    say(`  ${name.padEnd(14)} ${cells.join(" ")}`);
  }
  say(
    `SUMMARY memory (RSS idle → peak): ${runners
      .map((r) => `${r}: ${[...results.get(r)!].map(([n, f]) => `${n} ${mb(f.idle)} → ${mb(f.peak)}`).join(", ")}`)
      .join("; ")}`,
  );
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
