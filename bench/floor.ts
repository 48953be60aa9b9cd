/**
 * A busy BPO floor (script, not a test):
 *   tsx bench/floor.ts [--pages 200] [--agents 40] [--think 2000] [--seconds 60] [--pool 2000] [--intake-every 5] [--pgbench-seconds 10] [--workers 1] [--page-procs 1] [--runner compiled|tsx]
 * The BPO API runs as its own process (as deployed), with WEB_CONCURRENCY=`--workers` when above 1.
 * `--pages` agents hold Open Leads open the way the web app does, in `--page-procs` processes of their own
 * (bench/floor-pages.ts): the event stream first, the board once `hello` arrives, then every event patched in
 * with the web app's own code (apps/bpo-web/src/live-board-events.ts over ui-kit's applyBoardPatch); a page
 * reads the board again only when the server says `reset`. `--agents` agents work meanwhile, in this process,
 * with up to `--think` ms between actions: claim a card their page shows (the pages process reports each
 * watched page's first 40 cards every 50 ms), while they hold fewer than 3 open leads, log a call, move a
 * lead one stage on, and now and then create a lead. A distributor intake imports a batch every
 * `--intake-every` s. What is measured: each action's latency as the agents see it (this process's own event
 * loop delay is printed: it adds to every figure), how long a new lead takes to be on every page, events per
 * page per second, API requests/s, the boards found stale at the end (each page's columns against a fresh
 * read), the cores each party used during the run (API processes, pages, agents, this run's PostgreSQL
 * backends, Redis, everything else on the machine), and the claim against pgbench running the claim's
 * statements (update + chatter insert) on the same database afterwards. All of it shares the machine's cores:
 * the pages' parsing and patching is work a browser would do elsewhere.
 */
import { readFileSync, readdirSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Client } from "pg";
import { startSimulator } from "../tools/distributor-simulator/src";
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import type { Column, PagesCommand, PagesMessage } from "./floor-pages";
import { apiRunner } from "./lib/api-runner";
import { childService } from "./lib/child-services";
import { atClose, closeAll } from "./lib/cleanup";
import { http } from "./lib/http-client";
import { startBpo } from "./lib/in-process-stacks";
import { pgbenchClaimPool, runPgbench } from "./lib/pgbench";
import { say } from "./lib/report";
import { quantile } from "./lib/statistics";
import { sleep } from "./lib/waiting";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PAGES = arg("pages", 200);
const AGENTS = arg("agents", 40);
const THINK = arg("think", 2000);
const SECONDS = arg("seconds", 60);
const POOL = arg("pool", 2000);
const INTAKE_EVERY = arg("intake-every", 5);
const PGBENCH_SECONDS = arg("pgbench-seconds", 10);
const WORKERS = arg("workers", 1);
const RUNNER = apiRunner();
const PAGE_PROCS = arg("page-procs", 1);
const PER_COLUMN = 20;

let apiRequests = 0;
const lat = new Map<string, number[]>();
const record = (action: string, ms: number) => lat.set(action, [...(lat.get(action) ?? []), ms]);

async function call(base: string, method: string, p: string, token: string, body?: unknown) {
  apiRequests++;
  return http(base, method, p, { token, body });
}

/** A process holding some of the pages (bench/floor-pages.ts), with what it last said about their cards. */
class PageProcess {
  cards: number[][] = [];
  private readonly waiting = new Map<string, (m: PagesMessage) => void>();

  constructor(private readonly child: ChildProcess) {
    child.on("message", (m: PagesMessage) => {
      if (m.kind === "cards") this.cards = m.pages;
      else this.waiting.get(m.kind)?.(m);
    });
  }

  ask<K extends PagesMessage["kind"]>(cmd: PagesCommand, answer: K): Promise<Extract<PagesMessage, { kind: K }>> {
    return new Promise((resolve, reject) => {
      this.child.once("exit", (code) => reject(new Error(`pages process exited (${code})`)));
      this.waiting.set(answer, (m) => resolve(m as Extract<PagesMessage, { kind: K }>));
      this.child.send(cmd);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }
}

function forkPages(): PageProcess {
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = fork(path.join(__dirname, "floor-pages.ts"), [], { execArgv: [...prof, "--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  atClose(async () => void child.kill());
  return new PageProcess(child);
}

const CLAIM_PGBENCH = String.raw`
SELECT nextval('pgbench_claim') AS k \gset
BEGIN;
UPDATE leads SET user_id = :user, claimed_at = now(), updated_at = now()
  WHERE id = :first + (:k - 1) AND user_id IS NULL AND NOT is_won AND NOT is_lost AND active;
INSERT INTO lead_messages (lead_id, kind, body, changes, author_id)
  VALUES (:first + (:k - 1), 'tracking', 'Salesperson: — → Bench', jsonb_build_array(jsonb_build_object('field', 'userId', 'label', 'Salesperson', 'old', NULL, 'new', 'Bench')), :user);
END;
`;

async function pgbenchClaims(url: string, userId: number, brandId: number): Promise<{ tps: number; latencyMs: number }> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    const first = await pgbenchClaimPool(pg, brandId, 200_000);
    return runPgbench(url, CLAIM_PGBENCH, ["-M", "prepared", "-c", "4", "-j", "2", "-T", String(PGBENCH_SECONDS), "-D", `user=${userId}`, "-D", `first=${first}`], (PGBENCH_SECONDS + 60) * 1000);
  } finally {
    await pg.end();
  }
}

/** CPU time (s) of every process now, with its parent and command line, from /proc (Linux). */
function cpuSnapshot(): Map<number, { cpu: number; ppid: number; cmd: string }> {
  const out = new Map<number, { cpu: number; ppid: number; cmd: string }>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8").replaceAll("\0", " ");
      out.set(Number(d), { cpu: (Number(f[11]) + Number(f[12])) / 100, ppid: Number(f[1]), cmd });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Who used the machine's cores between two snapshots: the API processes, this process, PostgreSQL, Redis, the rest. */
function cpuShares(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>, apiPid: number, pagePids: Set<number>, dbName: string, secs: number): string {
  const api = new Set([apiPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of after) {
      if (api.has(p.ppid) && !api.has(pid)) {
        api.add(pid);
        grew = true;
      }
    }
  }
  const sums = new Map<string, number>();
  for (const [pid, p] of after) {
    const used = p.cpu - (before.get(pid)?.cpu ?? 0);
    if (used <= 0) continue;
    const who = api.has(pid) ? "API" : pagePids.has(pid) ? "bench pages" : pid === process.pid ? "bench agents" : p.cmd.startsWith("postgres:") && p.cmd.includes(dbName) ? "PostgreSQL" : p.cmd.startsWith("redis-server") ? "Redis" : "everything else";
    sums.set(who, (sums.get(who) ?? 0) + used);
  }
  return [...sums].sort((a, b) => b[1] - a[1]).map(([who, s]) => `${who} ${(s / secs).toFixed(2)}`).join(", ");
}

const fmt = (xs: number[]) => (xs.length ? `p50 ${quantile(xs, 0.5).toFixed(0)} ms, p95 ${quantile(xs, 0.95).toFixed(0)} ms, p99 ${quantile(xs, 0.99).toFixed(0)} ms (n=${xs.length})` : "none");

async function main() {
  const bpo = await startBpo({ poolSize: 10 });
  const c = bpo.c;
  const brands = await Promise.all(["CHERY", "JAECOO", "JETOUR", "OMODA"].map((code) => c.store.repos.catalog.createBrand({ code, name: code[0] + code.slice(1).toLowerCase() })));
  const walkInSourceId = (await c.store.repos.catalog.findSourceByCode("walkin"))!.id;
  const pg = new Client({ connectionString: bpo.dbUrl });
  await pg.connect();
  await pg.query(
    `INSERT INTO leads (contact_name, mobile, brand_id, source_id, stage_id, updated_at, created_at)
     SELECT 'Waiting ' || g, '+63917' || lpad(g::text, 7, '0'), ($1::int[])[1 + g % 4],
            (SELECT id FROM lead_sources WHERE code = 'inbound_call'), (SELECT id FROM stages WHERE name = 'New'), now(), now() - (g || ' seconds')::interval
     FROM generate_series(1, $2::int) g`,
    [brands.map((b) => b.id), POOL],
  );
  await pg.query("ANALYZE leads");
  await pg.end();

  const api = await childService("floor-bpo-api", "bpo", "start", WORKERS > 1 ? { ...bpo.env, WEB_CONCURRENCY: String(WORKERS) } : bpo.env, RUNNER);
  const base = api.url!;

  // The distributor: one simulator for the first brand, a batch of new web quotations every INTAKE_EVERY s.
  const sim = await startSimulator({ brand: brands[0]!.code, login: "sync", password: "pw", db: "chery" });
  atClose(() => sim.close());
  const dealer = sim.state.addDealer("Chery Dealer 1");
  const model = sim.state.addVehicleModel("Chery Model 1");
  await c.distributors.set({ id: 0, name: "bench", role: "manager" }, brands[0]!.id, { url: sim.url, db: sim.state.db, login: "sync", password: "pw" });

  const stages = await c.store.repos.catalog.listStages();
  const open = stages.filter((s) => !s.isWon && !s.isLost).sort((a, b) => a.sequence - b.sequence);
  const agents = await Promise.all(Array.from({ length: AGENTS }, () => bpo.user("agent")));
  const viewers = await Promise.all(Array.from({ length: PAGES }, () => bpo.user("agent")));
  say(`${POOL} waiting leads over ${brands.length} brands; API process ${base} (${WORKERS} worker${WORKERS > 1 ? "s" : ""}); ${PAGES} pages, ${AGENTS} agents, think ≤ ${THINK} ms, ${SECONDS} s`);

  // Pages in PAGE_PROCS processes of their own, page k in process k / per; agent i watches page i.
  const per = Math.ceil(PAGES / PAGE_PROCS);
  const procs = Array.from({ length: Math.ceil(PAGES / per) }, forkPages);
  const watched = Math.min(AGENTS, PAGES);
  const opened = await Promise.all(
    procs.map((p, k) => p.ask({ cmd: "open", base, tokens: viewers.slice(k * per, (k + 1) * per).map((v) => v.token), perColumn: PER_COLUMN, watched: Math.max(0, Math.min(per, watched - k * per)) }, "opened")),
  );
  const initialReads = opened.reduce((n, o) => n + o.reads, 0);
  say(`${PAGES} pages open and live in ${procs.length} process${procs.length > 1 ? "es" : ""} of their own (${initialReads} board reads)`);
  const stats = async () => {
    const all = await Promise.all(procs.map((p) => p.ask({ cmd: "stats" }, "stats")));
    const seen = new Map<number, [number, number]>();
    for (const st of all) for (const [id, n, at] of st.seen) seen.set(id, [(seen.get(id)?.[0] ?? 0) + n, Math.max(seen.get(id)?.[1] ?? 0, at)]);
    return { events: all.reduce((n, st) => n + st.events, 0), reads: all.reduce((n, st) => n + st.reads, 0), resets: all.reduce((n, st) => n + st.resets, 0), seen };
  };

  // Transactions PostgreSQL committed for this database (each statement outside a transaction is one).
  const xacts = async () => {
    const pg = new Client({ connectionString: bpo.dbUrl });
    await pg.connect();
    try {
      return Number((await pg.query<{ n: string }>("SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()")).rows[0]!.n);
    } finally {
      await pg.end();
    }
  };
  const xactsBefore = await xacts();
  const cpuBefore = cpuSnapshot();
  // How late this process's own timers and sockets get served: what it adds to every latency it measures.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const t0 = Date.now();
  apiRequests = 0;
  const startEvents = (await stats()).events;
  const end = t0 + SECONDS * 1000;
  const created = new Map<number, number>(); // lead id -> when the create answered
  let conflicts = 0;

  const agentLoop = async (a: (typeof agents)[number], i: number) => {
    const mine: { id: number; stage: number }[] = [];
    const watchProc = procs[Math.floor((i % PAGES) / per)]!;
    const watchIndex = (i % PAGES) % per;
    while (Date.now() < end) {
      await sleep(Math.random() * THINK);
      if (Date.now() >= end) break;
      const roll = Math.random();
      const t = Date.now();
      if (roll < 0.1) {
        const r = await call(base, "post", "/api/leads", a.token, { contactName: `Walk-in ${i}-${t}`, mobile: `+63915${String(t % 1e7).padStart(7, "0")}`, brandId: brands[t % brands.length]!.id, sourceId: walkInSourceId });
        record("create lead", Date.now() - t);
        if (r.status === 201) created.set((r.body as { id: number }).id, Date.now());
      } else if (mine.length < 3) {
        // Click a card this agent's page shows.
        const cards = watchProc.cards[watchIndex] ?? [];
        const card = cards[Math.floor(Math.random() * Math.min(cards.length, 40))];
        if (card === undefined) continue;
        const r = await call(base, "post", `/api/leads/${card}/claim`, a.token);
        record("claim", Date.now() - t);
        if (r.status === 200) mine.push({ id: card, stage: 0 });
        else conflicts++;
      } else {
        const lead = mine[Math.floor(Math.random() * mine.length)]!;
        if (roll < 0.55 || lead.stage >= open.length - 1) {
          await call(base, "post", `/api/leads/${lead.id}/call-logs`, a.token, { durationMinutes: 2, result: "answered", summary: "Asked about financing" });
          record("log call", Date.now() - t);
          if (lead.stage >= open.length - 1) mine.splice(mine.indexOf(lead), 1);
        } else {
          const r = await call(base, "post", `/api/leads/${lead.id}/stage`, a.token, { stageId: open[lead.stage + 1]!.id });
          record("stage move", Date.now() - t);
          if (r.status === 200) lead.stage++;
        }
      }
    }
  };

  let imported = 0;
  const intake = (async () => {
    while (Date.now() < end) {
      await sleep(INTAKE_EVERY * 1000);
      if (Date.now() >= end) break;
      for (let k = 0; k < 20; k++) sim.state.addQuotation({ first_name: `Web${imported + k}`, last_name: "Lead", email: `web${imported + k}@example.ph`, mobile: `+63918${String(imported + k).padStart(7, "0")}`, dealer_id: dealer, model_id: model });
      const t = Date.now();
      const run = await c.distributorSync.runBrand(brands[0]!.id, "manual");
      record("intake batch (20 records)", Date.now() - t);
      imported += run.created;
    }
  })();

  await Promise.all([...agents.map((a, i) => agentLoop(a, i)), intake]);
  const secs = (Date.now() - t0) / 1000;
  const cpu = cpuShares(cpuBefore, cpuSnapshot(), api.pid()!, new Set(procs.map((p) => p.pid)), bpo.dbName, secs);
  const xactsDuring = (await xacts()) - xactsBefore;
  lag.disable();
  await sleep(2000);
  const end_ = await stats();
  const events = end_.events - startEvents;
  const requests = apiRequests;

  // New lead on every page: the last page to show it, from when its create answered.
  const everywhere: number[] = [];
  let missing = 0;
  for (const [id, at] of created) {
    const s = end_.seen.get(id);
    if (!s || s[0] < PAGES) missing++;
    else everywhere.push(s[1] - at);
  }

  const viewer = viewers[0]!;
  const fresh = (await http(base, "get", `/api/boards/open-leads?perColumn=${PER_COLUMN}`, { token: viewer.token })).body as { columns: Column[] };
  const staleCount = (await Promise.all(procs.map((p) => p.ask({ cmd: "stale", fresh: fresh.columns }, "stale")))).reduce((n, x) => n + x.count, 0);
  const reloads = end_.reads - initialReads;
  const resets = end_.resets;
  await Promise.all(procs.map((p) => p.ask({ cmd: "close" }, "closed")));

  say("");
  for (const [action, xs] of lat) say(`${action.padEnd(26)} ${fmt(xs)}`);
  say(`claims refused (someone was faster): ${conflicts}; leads created by agents: ${created.size}; imported: ${imported}`);
  say(`new lead on every one of ${PAGES} pages: ${fmt(everywhere)}${missing ? `; ${missing} never reached every page` : ""}`);
  say(`events per page: ${(events / PAGES / secs).toFixed(1)}/s (${events} delivered in ${secs.toFixed(0)} s)`);
  say(`API requests: ${(requests / secs).toFixed(1)}/s (agents; pages read the board ${reloads} times after opening, ${resets} resets)`);
  say(`stale boards at the end: ${staleCount} of ${PAGES}`);
  say(`cores used during the run (of ${availableParallelism()}): ${cpu}; load average at the end ${loadavg()[0]!.toFixed(1)}`);
  say(`PostgreSQL transactions (statements outside one count one each): ${(xactsDuring / secs).toFixed(0)}/s, ${(xactsDuring / Math.max(1, requests)).toFixed(2)} per agent request (the intake and live-event reads included)`);
  say(`the agents' event loop delay (added to what they measure): p50 ${(lag.percentile(50) / 1e6 - 10).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6 - 10).toFixed(1)} ms, max ${(lag.max / 1e6 - 10).toFixed(0)} ms`);

  const bench = await pgbenchClaims(bpo.dbUrl, viewer.id, brands[1]!.id);
  const claims = lat.get("claim") ?? [];
  say(`pgbench, the claim's statements (UPDATE … WHERE unclaimed + chatter INSERT, -c 4 -j 2 -T ${PGBENCH_SECONDS}): ${bench.tps.toFixed(0)} tx/s, latency average ${bench.latencyMs.toFixed(2)} ms`);
  if (claims.length) say(`claim p50 ÷ pgbench latency: ${(quantile(claims, 0.5) / bench.latencyMs).toFixed(1)}×; API requests/s ÷ pgbench tx/s: ${((requests / secs) / bench.tps).toFixed(3)}`);
  say(
    `SUMMARY floor W=${PAGES} A=${AGENTS} think≤${THINK}ms workers=${WORKERS}: claim p95 ${claims.length ? quantile(claims, 0.95).toFixed(0) : "-"} ms, stage move p95 ${lat.get("stage move")?.length ? quantile(lat.get("stage move")!, 0.95).toFixed(0) : "-"} ms, new lead on every page p95 ${everywhere.length ? quantile(everywhere, 0.95).toFixed(0) : "-"} ms, stale ${staleCount}, board reads after open ${reloads}, ${(events / PAGES / secs).toFixed(1)} events/page/s, ${(requests / secs).toFixed(0)} req/s`,
  );
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll());
