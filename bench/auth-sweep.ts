/**
 * Authorization sweep (script, not a test):
 *   tsx bench/auth-sweep.ts
 * Boots a BPO (one dealership with a peer key) and a dealer-service on loopback, each on a fresh database,
 * reads both /api/openapi.json and calls every REST route without credentials and, where the route is
 * role-restricted, with the next lower role (BPO: Agent; dealer: Dealer User). Every RPC method on both
 * /rpc endpoints is called with no key, a wrong key and (dealer) a revoked key.
 * An offender is a call that was answered 2xx although it should have been refused.
 */
import { randomUUID } from "node:crypto";
import { BPO_APPLY_DEALER_OUTCOME, DEALER_LEAD_STATUS, DEALER_RECEIVE_ENDORSED_LEAD, DEALER_RECEIVE_SALE_ORDER, DEALER_RESEND_OUTCOME, SYSTEM_PING } from "../packages/contracts/src";
import { closeAll } from "./lib/cleanup";
import { http, type HttpAnswer } from "./lib/http-client";
import { startBpo, startDealer } from "./lib/in-process-stacks";
import { say } from "./lib/report";

interface OpenApi {
  paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
}
interface Row {
  service: string;
  call: string;
  as: string;
  status: number;
  offender: boolean;
}

const PUBLIC = new Set(["post /api/auth/login", "post /api/auth/logout"]);
const rows: Row[] = [];
const note = (service: string, call: string, as: string, a: HttpAnswer) => {
  rows.push({ service, call, as, status: a.status, offender: a.status < 400 });
};

/** BPO: which routes an Agent must not use (summary says Manager / Supervisor, or a Manager-only area). */
function bpoAgentRefused(method: string, path: string, summary: string): boolean {
  if (/Manager|Supervisor/.test(summary)) return true;
  if (path.startsWith("/api/dealerships/{id}/")) return true; // connection and peer keys
  if (path.includes("/distributor")) return true;
  if (path.startsWith("/api/outbox")) return true;
  // Merging needs the owner of both leads (the sweep's leads are unclaimed) or a Supervisor/Manager.
  if (path === "/api/leads/{id}/merge") return true;
  if (method !== "get" && /^\/api\/(lead-sources|stages|brands|dealerships|vehicle-models|users)(\/\{id\})?$/.test(path)) return true;
  return false;
}
/** Dealer: which routes a Dealer User must not use (Admin-only, or Manager+). */
function dealerUserRefused(method: string, path: string, summary: string): boolean {
  if (/\(Admin|Admin:|Manager\+/.test(summary)) return true;
  if (path.startsWith("/api/bpo-connection") || path.startsWith("/api/outbox") || path.startsWith("/api/service-keys")) return true;
  if (method !== "get" && /^\/api\/(brands|products|lead-sources|lost-reasons|users)(\/\{id\})?$/.test(path)) return true;
  return false;
}

async function main() {
  const t0 = Date.now();
  // Metrics on, so /metrics is refused for lack of its token (not merely switched off).
  const metricsOn = { env: { METRICS_TOKEN: "auth-sweep-metrics-token-0000" } };
  const bpo = await startBpo(metricsOn);
  const dealer = await startDealer(metricsOn);

  // BPO fixtures: a manager, an agent, a brand, a dealership linked to the dealer, a peer key, a lead.
  const manager = await bpo.user("manager");
  const agent = await bpo.user("agent");
  const mActor = { id: manager.id, name: manager.name, role: manager.role };
  const brand = await bpo.c.catalog.createBrand(mActor, { code: "SWEEP", name: "Sweep", active: true } as never);
  const dship = await bpo.c.catalog.createDealership(mActor, { code: "SWEEPD", name: "Sweep Dealer", brandId: brand.id, managerEmail: null, active: true });
  const dAdmin = await dealer.user("dealer_admin");
  const dUser = await dealer.user("dealer_user");
  const account = await dealer.user("service_account");
  const dAdminActor = { id: dAdmin.id, name: dAdmin.name, role: dAdmin.role };
  const dealerKey = await dealer.c.serviceKeys.issue(dAdminActor, { userId: account.id, label: "BPO" });
  const revokedKey = await dealer.c.serviceKeys.issue(dAdminActor, { userId: account.id, label: "old" });
  await dealer.c.serviceKeys.revoke(dAdminActor, revokedKey.id);
  await bpo.c.dealerLinks.set(mActor, dship.id, { url: dealer.url, key: dealerKey.key });
  const peer = await bpo.c.dealerLinks.issuePeerKey(mActor, dship.id, "callbacks");
  const sourceId = (await bpo.c.store.repos.catalog.findSourceByCode("inbound_call"))!.id;
  const bpoLead = (await http(bpo.url, "post", "/api/leads", { token: manager.token, body: { contactName: "Sweep Lead", mobile: "+639170000001", brandId: brand.id, sourceId } })).body as { id: number };
  const bpoLead2 = (await http(bpo.url, "post", "/api/leads", { token: manager.token, body: { contactName: "Sweep Lead 2", mobile: "+639170000003", brandId: brand.id, sourceId } })).body as { id: number };
  const dBrand = (await http(dealer.url, "post", "/api/brands", { token: dAdmin.token, body: { code: "SWEEP", name: "Sweep" } })).body as { id?: number } | null;
  const dLead = (await http(dealer.url, "post", "/api/leads", { token: dAdmin.token, body: { contactName: "Sweep Lead", mobile: "+639170000002", brandId: dBrand?.id ?? 1 } })).body as { id?: number } | null;

  const fill = (path: string, ids: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name] ?? "1");
  const sweep = async (
    service: string,
    base: string,
    lower: { token: string; label: string },
    refused: (m: string, p: string, s: string) => boolean,
    idFor: (path: string) => Record<string, string>,
    valid: Record<string, unknown>,
  ) => {
    const doc = (await http(base, "get", "/api/openapi.json")).body as OpenApi;
    let routes = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        routes++;
        const key = `${method} ${path}`;
        const real = fill(path, idFor(path));
        const body = method === "get" || method === "delete" ? undefined : {};
        if (!PUBLIC.has(key)) note(service, `${method.toUpperCase()} ${real}`, "no credentials", await http(base, method, real, { body }));
        // The lower role sends a valid body where one is known, so the refusal comes from the role check, not validation.
        if (refused(method, path, op.summary ?? "")) note(service, `${method.toUpperCase()} ${real}`, lower.label, await http(base, method, real, { body: valid[key] ?? body, token: lower.token }));
      }
    }
    return routes;
  };
  const bpoRoutes = await sweep("bpo", bpo.url, { token: agent.token, label: "agent" }, bpoAgentRefused, (p) => ({
    id: p.startsWith("/api/outbox") ? randomUUID() : p.startsWith("/api/leads") ? String(bpoLead.id) : p.startsWith("/api/dealerships") ? String(dship.id) : p.startsWith("/api/brands") ? String(brand.id) : p.startsWith("/api/users") ? String(manager.id) : "1",
    keyId: String(peer.id),
  }), {
    "post /api/leads/{id}/assign": { userId: agent.id },
    "post /api/leads/{id}/merge": { intoId: bpoLead2.id },
    "post /api/leads/{id}/stage-override": { stageId: 2, reason: "bench sweep" },
    "post /api/lead-sources": { code: "sweep_src", name: "Sweep", sourceType: "inbound_call" },
    "post /api/stages": { name: "Sweep stage", sequence: 99 },
    "patch /api/stages/{id}": { name: "Sweep stage" },
    "post /api/brands": { code: "SWEEP2", name: "Sweep 2" },
    "post /api/dealerships": { code: "SWEEPD2", name: "Sweep Dealer 2" },
    "post /api/vehicle-models": { brandId: brand.id, name: "Sweep Model" },
    "post /api/users": { login: "sweep.user", name: "Sweep User", role: "manager", password: "correct horse battery staple" },
    "put /api/dealerships/{id}/connection": { url: "http://127.0.0.1:9/", key: "0123456789abcdef0123" },
    "put /api/brands/{id}/distributor": { url: "http://127.0.0.1:9/", db: "d", login: "l", password: "p" },
    "put /api/distributor-sync/settings": { intervalMinutes: 5 },
    "post /api/dealerships/{id}/peer-keys": { label: "sweep" },
    "put /api/floor/thresholds": { claimMinutes: 15, firstCallMinutes: 30 },
    "put /api/reconciliation/settings": { noOutcomeDays: 14 },
  });
  note("bpo", "GET /api/events", "no credentials", await http(bpo.url, "get", "/api/events"));
  // Outside the OpenAPI document: the queue dashboard (Manager / Admin only) and the metrics (scraper token only).
  const supervisor = await bpo.user("supervisor");
  const dManager = await dealer.user("dealer_manager");
  const extra: [string, string, string][] = [
    ["get", "/admin/queues", ""],
    ["get", "/admin/queues/api/queues", ""],
    ["put", "/admin/queues/api/queues/outbox/retry/failed", ""],
    ["put", "/admin/queues/api/queues/outbox/clean/failed", ""],
    ["get", "/metrics", ""],
  ];
  for (const [method, path] of extra) {
    note("bpo", `${method.toUpperCase()} ${path}`, "no credentials", await http(bpo.url, method, path));
    note("bpo", `${method.toUpperCase()} ${path}`, "agent", await http(bpo.url, method, path, { token: agent.token }));
    note("bpo", `${method.toUpperCase()} ${path}`, "supervisor", await http(bpo.url, method, path, { token: supervisor.token }));
    note("dealer", `${method.toUpperCase()} ${path}`, "no credentials", await http(dealer.url, method, path));
    note("dealer", `${method.toUpperCase()} ${path}`, "dealer_user", await http(dealer.url, method, path, { token: dUser.token }));
    note("dealer", `${method.toUpperCase()} ${path}`, "dealer_manager", await http(dealer.url, method, path, { token: dManager.token }));
  }
  // A Manager may retry and clean, never add or empty a queue through the dashboard.
  note("bpo", "POST /admin/queues/api/queues/outbox/add", "manager", await http(bpo.url, "post", "/admin/queues/api/queues/outbox/add", { token: manager.token, body: { name: "x", data: {} } }));
  note("bpo", "PUT /admin/queues/api/queues/outbox/empty", "manager", await http(bpo.url, "put", "/admin/queues/api/queues/outbox/empty", { token: manager.token }));
  const dealerRoutes = await sweep("dealer", dealer.url, { token: dUser.token, label: "dealer_user" }, dealerUserRefused, (p) => ({
    id: p.startsWith("/api/outbox") ? randomUUID() : p.startsWith("/api/leads") ? String(dLead?.id ?? 1) : p.startsWith("/api/users") ? String(dAdmin.id) : "1",
  }), {
    "post /api/brands": { code: "SWEEP2", name: "Sweep 2" },
    "post /api/products": { brandId: dBrand?.id ?? 1, defaultCode: "SWEEP2", name: "Sweep 2" },
    "post /api/lead-sources": { code: "sweep_src", name: "Sweep" },
    "post /api/lost-reasons": { code: "sweep_lr", name: "Sweep" },
    "post /api/users": { login: "sweep.user", name: "Sweep User", role: "dealer_admin", password: "correct horse battery staple" },
    "post /api/service-keys": { userId: account.id, label: "sweep" },
    "put /api/bpo-connection": { url: "http://127.0.0.1:9/", key: "0123456789abcdef0123" },
  });

  // RPC: every method with no key, a wrong key and (dealer) a revoked key; the valid key must still work.
  const rpc = (base: string, method: string, key?: string) =>
    http(base, "post", "/rpc", { token: key, body: { jsonrpc: "2.0", id: 1, method, params: {} } });
  for (const m of [SYSTEM_PING, BPO_APPLY_DEALER_OUTCOME]) {
    note("bpo", `RPC ${m}`, "no key", await rpc(bpo.url, m));
    note("bpo", `RPC ${m}`, "wrong key", await rpc(bpo.url, m, "bpok_wrongwrongwrongwrongwrong"));
    note("bpo", `RPC ${m}`, "dealer's own key", await rpc(bpo.url, m, dealerKey.key));
  }
  for (const m of [SYSTEM_PING, DEALER_RECEIVE_ENDORSED_LEAD, DEALER_RECEIVE_SALE_ORDER, DEALER_LEAD_STATUS, DEALER_RESEND_OUTCOME]) {
    note("dealer", `RPC ${m}`, "no key", await rpc(dealer.url, m));
    note("dealer", `RPC ${m}`, "wrong key", await rpc(dealer.url, m, "dsk_wrongwrongwrongwrongwrong"));
    note("dealer", `RPC ${m}`, "revoked key", await rpc(dealer.url, m, revokedKey.key));
    note("dealer", `RPC ${m}`, "a user session token", await rpc(dealer.url, m, dAdmin.token));
  }
  const okBpo = await rpc(bpo.url, SYSTEM_PING, peer.key);
  const okDealer = await rpc(dealer.url, SYSTEM_PING, dealerKey.key);

  const secs = (Date.now() - t0) / 1000;
  say(`routes in OpenAPI: bpo ${bpoRoutes}, dealer ${dealerRoutes} (+ GET /api/events on the BPO, the queue dashboard and /metrics on both)`);
  say("service | as                   | calls | refused (4xx) | 401 | 403 | accepted-but-should-be-refused");
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(`${r.service}|${r.as}`, [...(groups.get(`${r.service}|${r.as}`) ?? []), r]);
  for (const [k, rs] of groups) {
    const [svc, as] = k.split("|");
    say(`${svc!.padEnd(7)} | ${as!.padEnd(20)} | ${String(rs.length).padStart(5)} | ${String(rs.filter((r) => r.status >= 400 && r.status < 500).length).padStart(13)} | ${String(rs.filter((r) => r.status === 401).length).padStart(3)} | ${String(rs.filter((r) => r.status === 403).length).padStart(3)} | ${rs.filter((r) => r.offender).length}`);
  }
  const fivexx = rows.filter((r) => r.status >= 500);
  const offenders = rows.filter((r) => r.offender);
  const lowerNot403 = rows.filter((r) => (r.as === "agent" || r.as === "dealer_user") && r.status !== 403 && !r.offender);
  for (const r of offenders) say(`  OFFENDER ${r.service} ${r.call} as ${r.as}: ${r.status}`);
  for (const r of fivexx) say(`  5xx ${r.service} ${r.call} as ${r.as}: ${r.status}`);
  for (const r of lowerNot403) say(`  note: ${r.service} ${r.call} as ${r.as} refused with ${r.status} (not 403; may be validation before the role check)`);
  say(`sanity: valid peer key on BPO /rpc -> ${okBpo.status}, valid service key on dealer /rpc -> ${okDealer.status}`);
  say(`SUMMARY auth-sweep: ${rows.length} calls, ${rows.length - offenders.length} refused as expected, ${offenders.length} accepted-but-should-be-refused, ${fivexx.length} 5xx, ${secs.toFixed(1)} s`);
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
