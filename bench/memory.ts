/**
 * Resident memory of each process, idle and under load (script, not a test):
 *   tsx bench/memory.ts [--load 30] [--agents 20] [--leads 5000] [--only tsx|compiled] [--modules]
 * BPO API, BPO worker, dealer API and dealer worker run as real child processes (start / worker), each pair on
 * its own database and Redis prefix, twice: through tsx (main.ts, as tests and the demo run) and as the
 * production build (dist/main.js under plain node; the script runs `pnpm build` first). The figures are
 * printed side by side. RSS (VmRSS from /proc/<pid>/status) is sampled once a second:
 * idle for 10 s after start-up, then during `--load` seconds of `--agents` agents each looping over
 * Open Leads board → claim → endorse (the BPO worker delivers to the dealer API) while a dealer manager marks
 * delivered dealer leads Lost (the dealer worker calls back to the BPO), then 10 s after the load stops.
 * Prints median and peak RSS per process and phase. `--modules`: at the end (after the RSS samples) each process
 * also reports the modules it has loaded, grouped by package, and its JS heap after a forced GC
 * (bench/lib/module-census.cjs): what a role loads that it does not use.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
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
const MODULES = process.argv.includes("--modules");
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
  const censusDir = MODULES ? mkdtempSync(path.join(tmpdir(), "crm-census-")) : null;
  const census = (env: Record<string, string>): Record<string, string> =>
    censusDir
      ? { ...env, MODULE_CENSUS_DIR: censusDir, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc --require ${path.join(__dirname, "lib/module-census.cjs")}`.trim() }
      : env;
  const procs = [
    await childService(`bpo-api-${runner}`, "bpo", "start", census(bpo.env), runner),
    await childService(`bpo-worker-${runner}`, "bpo", "worker", census(bpo.env), runner),
    await childService(`dealer-api-${runner}`, "dealer", "start", census(dealer.env), runner),
    await childService(`dealer-worker-${runner}`, "dealer", "worker", census(dealer.env), runner),
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
  if (censusDir) await reportModules(procs, censusDir);
  for (const p of procs) await p.stop();
  const base = (name: string) => name.slice(0, -runner.length - 1);
  return new Map(
    procs.map((p) => [
      base(p.name),
      { idle: median(idle.get(p.name) ?? [0]), peak: Math.max(0, ...(loaded.get(p.name) ?? [])), after: median(after.get(p.name) ?? [0]) },
    ]),
  );
}

/** Packages only an API process needs: a worker that loads one of them evaluates code it never runs. */
const HTTP_STACK = ["express", "@bull-board/api", "@bull-board/express", "@asteasolutions/zod-to-openapi", "json-rpc-2.0", "helmet", "cookie-parser", "express-rate-limit", "prom-client"];

interface Census {
  modules: number;
  heapUsed: number;
  packages: Record<string, number>;
}
async function readCensus(file: string): Promise<Census | null> {
  for (let i = 0; i < 50; i++) {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as Census;
    } catch {
      await sleep(100);
    }
  }
  return null;
}

/** Asks each process for its module census (SIGUSR2, see bench/lib/module-census.cjs) and prints it. */
async function reportModules(procs: ChildService[], dir: string): Promise<void> {
  for (const p of procs) {
    const pid = p.pid();
    if (pid === null) continue;
    process.kill(pid, "SIGUSR2");
    const census = await readCensus(path.join(dir, `${pid}.json`));
    if (!census) {
      say(`  ${p.name}: no module census`);
      continue;
    }
    const packages = Object.entries(census.packages).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const http = HTTP_STACK.filter((n) => n in census.packages);
    say(
      `  ${p.name.padEnd(22)} ${census.modules} modules, heap after GC ${mb(census.heapUsed / 1024)}; ${packages.length} packages, largest: ${packages
        .slice(0, 12)
        .map(([n, k]) => `${n} ${k}`)
        .join(", ")}; HTTP stack: ${http.length ? http.join(", ") : "none"}`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
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
