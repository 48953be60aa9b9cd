/**
 * What one request costs the API (script, not a test):
 *   tsx bench/request-cost.ts [--seconds 6] [--clients 50] [--runner compiled|tsx] [--routes raw,healthz,me,claim,lead,board,pipeline]
 * The BPO API runs as its own child process (`main.ts start`, one process); `--clients` keep-alive clients in
 * this process send one route at a time, back to back, for `--seconds` each. Printed per route: requests/s and
 * the API's CPU per request (from /proc, its process tree), which is what bounds a busy floor on one core. The
 * routes go from nothing to the claim race's hot answer: /healthz (no session, no database), GET /api/auth/me
 * (session, cached), a losing claim (session + one read + a 409), a lead read. A plain node:http server that
 * answers the same 409 body is measured the same way, as the floor of what node and the kernel cost here.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { apiRunner } from "./lib/api-runner";
import { type ChildService, childService } from "./lib/child-services";
import { closeAll } from "./lib/cleanup";
import { http } from "./lib/http-client";
import { startBpo } from "./lib/in-process-stacks";
import { say } from "./lib/report";
import { insertLeads, sql } from "./lib/sql-fixtures";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SECONDS = Number(arg("seconds", "6"));
const CLIENTS = Number(arg("clients", "50"));
const RUNNER = apiRunner();
const ROUTES = new Set(arg("routes", "raw,healthz,me,claim,lead,board,pipeline").split(","));

async function hammer(base: string, method: string, path: string, token: string | undefined, cpuMs: () => number, expect: number) {
  // A short untimed round first, so the figure is a warm process's.
  const run = async (ms: number) => {
    let n = 0;
    let wrong = 0;
    const end = Date.now() + ms;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < end) {
          const r = await http(base, method, path, { token });
          if (r.status !== expect) wrong++;
          n++;
        }
      }),
    );
    return { n, wrong };
  };
  await run(1_500);
  const cpu0 = cpuMs();
  const t0 = Date.now();
  const { n, wrong } = await run(SECONDS * 1000);
  const secs = (Date.now() - t0) / 1000;
  const cpu = cpuMs() - cpu0;
  say(`${method.toUpperCase()} ${path}: ${Math.round(n / secs)} requests/s, API CPU ${((cpu / n) * 1000).toFixed(0)} µs per request (${Math.round(cpu / 10 / secs)}% of one core)${wrong ? `, ${wrong} answers were not ${expect}` : ""}`);
}

async function main() {
  const raw = createServer((req, res) => {
    const body = JSON.stringify({ error: { code: "already_claimed", message: "Lead L-1 was already claimed by Agent.", details: { userId: 7, userName: "Agent" }, requestId: "x" } });
    req.resume();
    req.on("end", () => {
      res.writeHead(409, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
  raw.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => raw.listen(0, "127.0.0.1", r));
  const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  const self = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  // In this process, so its CPU includes the clients': an upper bound of node's own cost.
  if (ROUTES.has("raw")) await hammer(rawUrl, "post", "/api/leads/1/claim", "x", self, 409);
  raw.close();

  const bpo = await startBpo({ poolSize: 20 });
  const brand = await bpo.c.store.repos.catalog.createBrand({ code: "COST", name: "Cost" });
  const [agent, other] = await Promise.all([bpo.user("agent"), bpo.user("agent")]);
  const pg = await sql(bpo.dbUrl);
  const [taken] = await insertLeads(pg, { brandId: brand.id, n: 1, userId: other!.id, tag: "Taken" });
  const [mine] = await insertLeads(pg, { brandId: brand.id, n: 60, userId: agent!.id, tag: "Mine" });
  // A board that looks like a floor's: a pool to page through, a pipeline with leads in it.
  await insertLeads(pg, { brandId: brand.id, n: 2_000, tag: "Waiting" });
  await pg.query("ANALYZE leads");
  await pg.end();
  const child: ChildService = await childService("bpo-api", "bpo", "start", { ...bpo.env, WEB_CONCURRENCY: "1" }, RUNNER);
  say(`BPO API (${RUNNER}, one process), ${CLIENTS} clients, ${SECONDS} s per route; the first line is a bare node:http server in this process (its CPU includes the clients')`);
  const api = child.url!;
  if (ROUTES.has("healthz")) await hammer(api, "get", "/healthz", undefined, child.cpuMs, 200);
  if (ROUTES.has("me")) await hammer(api, "get", "/api/auth/me", agent!.token, child.cpuMs, 200);
  if (ROUTES.has("claim")) await hammer(api, "post", `/api/leads/${taken}/claim`, agent!.token, child.cpuMs, 409);
  if (ROUTES.has("lead")) await hammer(api, "get", `/api/leads/${mine}`, agent!.token, child.cpuMs, 200);
  if (ROUTES.has("board")) await hammer(api, "get", "/api/boards/open-leads", agent!.token, child.cpuMs, 200);
  if (ROUTES.has("pipeline")) await hammer(api, "get", "/api/boards/pipeline", agent!.token, child.cpuMs, 200);
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
