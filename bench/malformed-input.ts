/**
 * Malformed input sweep (script, not a test):
 *   tsx bench/malformed-input.ts
 * Boots a BPO and a dealer-service on loopback (fresh databases) and sends:
 *  - to every JSON-RPC method of both /rpc endpoints (with a valid key): the JSON-RPC 2.0 spec's error-section
 *    examples, truncated JSON, wrong param types, unknown fields, a 2 MB body, a null byte;
 *  - to the main REST endpoints: truncated JSON, the spec's invalid-JSON examples, wrong types, non-object bodies,
 *    unknown fields (incl. __proto__), a 2 MB body, a wrong content type, deep nesting;
 *  - SQL / script injection strings in text fields of otherwise valid creates, which must be stored verbatim.
 * Goals: no 5xx (nor a JSON-RPC -32603 internal error), no row written by a refused request (all table counts are
 * compared before/after each refused call), every injection string read back verbatim.
 */
import { Client } from "pg";
import { DEALER_RECEIVE_ENDORSED_LEAD, DEALER_RECEIVE_SALE_ORDER, SYSTEM_PING, BPO_APPLY_DEALER_OUTCOME } from "../packages/contracts/src";
import { closeAll } from "./lib/cleanup";
import { http, type HttpAnswer } from "./lib/http-client";
import { startBpo, startDealer } from "./lib/in-process-stacks";
import { say } from "./lib/report";

const INJECTIONS = [
  "Robert'); DROP TABLE leads;--",
  "' OR '1'='1",
  "1; DELETE FROM users WHERE 1=1; --",
  "<script>alert('xss')</script>",
  "<img src=x onerror=alert(1)>",
  "${7*7} {{7*7}} #{7*7}",
  "'||(SELECT pg_sleep(2))||'",
  "\"; SELECT * FROM sessions; --",
];
const BIG = "x".repeat(2 * 1024 * 1024);

/** Exact row counts of every table of a database (the databases are small, so count(*) is cheap). */
async function counter(url: string) {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const tables = (await pg.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_prisma%' ORDER BY 1")).rows.map((r) => r.t);
  const sql = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(" UNION ALL ");
  return {
    async snapshot(): Promise<Map<string, number>> {
      return new Map((await pg.query<{ t: string; n: number }>(sql)).rows.map((r) => [r.t, r.n]));
    },
    end: () => pg.end(),
    pg,
  };
}
const diff = (a: Map<string, number>, b: Map<string, number>) =>
  [...b].filter(([t, n]) => a.get(t) !== n).map(([t, n]) => `${t} ${a.get(t)}→${n}`);

interface Target {
  service: "bpo" | "dealer";
  name: string;
  method: string;
  path: string;
  token?: string;
  valid: Record<string, unknown>;
}

function variants(valid: Record<string, unknown>): { label: string; raw: string; contentType?: string }[] {
  const json = JSON.stringify(valid);
  const out: { label: string; raw: string; contentType?: string }[] = [
    { label: "truncated JSON", raw: json.slice(0, Math.max(1, Math.floor(json.length / 2))) },
    { label: "spec: invalid JSON", raw: '{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]' },
    { label: "spec: empty array", raw: "[]" },
    { label: "spec: [1,2,3]", raw: "[1,2,3]" },
    { label: "null", raw: "null" },
    { label: "string body", raw: '"hello"' },
    { label: "number body", raw: "123" },
    { label: "array of the valid body", raw: `[${json}]` },
    { label: "unknown field", raw: JSON.stringify({ ...valid, isAdmin: true, role: "manager" }) },
    { label: "__proto__ field", raw: `{"__proto__": {"role": "manager", "isAdmin": true}, ${json.slice(1)}` },
    { label: "2 MB body", raw: JSON.stringify({ ...valid, padding: BIG }) },
    { label: "text/plain content type", raw: json, contentType: "text/plain" },
    { label: "deep nesting", raw: `${"[".repeat(5000)}${"]".repeat(5000)}` },
  ];
  for (const [k, v] of Object.entries(valid)) {
    const wrong = typeof v === "string" ? 12345 : typeof v === "number" ? "abc" : typeof v === "boolean" ? "yes" : "oops";
    out.push({ label: `wrong type: ${k}`, raw: JSON.stringify({ ...valid, [k]: wrong }) });
    out.push({ label: `object for ${k}`, raw: JSON.stringify({ ...valid, [k]: { $gt: "" } }) });
    if (typeof v === "string") out.push({ label: `2 MB string in ${k}`, raw: JSON.stringify({ ...valid, [k]: BIG }) });
    if (typeof v === "number") out.push({ label: `huge number in ${k}`, raw: JSON.stringify({ ...valid, [k]: 1e308 }) });
  }
  return out;
}

async function main() {
  const t0 = Date.now();
  const bpo = await startBpo();
  const dealer = await startDealer();
  const manager = await bpo.user("manager");
  const m = { id: manager.id, name: manager.name, role: manager.role };
  const brand = await bpo.c.catalog.createBrand(m, { code: "MALF", name: "Malformed", active: true } as never);
  const dship = await bpo.c.catalog.createDealership(m, { code: "MALFD", name: "Malformed Dealer", brandId: brand.id, managerEmail: null, active: true });
  const dAdmin = await dealer.user("dealer_admin");
  const account = await dealer.user("service_account");
  const da = { id: dAdmin.id, name: dAdmin.name, role: dAdmin.role };
  const dealerKey = await dealer.c.serviceKeys.issue(da, { userId: account.id, label: "BPO" });
  await bpo.c.dealerLinks.set(m, dship.id, { url: dealer.url, key: dealerKey.key });
  const peer = await bpo.c.dealerLinks.issuePeerKey(m, dship.id, "callbacks");

  const sourceId = (await bpo.c.store.repos.catalog.findSourceByCode("inbound_call"))!.id;
  const lead = (await http(bpo.url, "post", "/api/leads", { token: manager.token, body: { contactName: "Target Lead", mobile: "+639170000001", brandId: brand.id, sourceId, claim: true } })).body as { id: number; stageId?: number };
  const stages = ((await http(bpo.url, "get", "/api/stages", { token: manager.token })).body as { stages: { id: number; name: string }[] }).stages;
  const dBrand = (await http(dealer.url, "post", "/api/brands", { token: dAdmin.token, body: { code: "MALF", name: "Malformed" } })).body as { id: number };
  const product = (await http(dealer.url, "post", "/api/products", { token: dAdmin.token, body: { brandId: dBrand.id, defaultCode: "MALF1", name: "Malformed 1", listPrice: 1000 } })).body as { id: number };
  const dLead = (await http(dealer.url, "post", "/api/leads", { token: dAdmin.token, body: { contactName: "Dealer Lead", mobile: "+639170000002", brandId: dBrand.id, productId: product.id } })).body as { id: number };
  const quote = await http(dealer.url, "post", `/api/leads/${dLead.id}/convert-to-quotation`, { token: dAdmin.token });
  const orderId = (quote.body as { id?: number } | null)?.id ?? 1;
  if (quote.status >= 300) say(`note: convert-to-quotation answered ${quote.status}; sale-order lines use id ${orderId}`);

  const targets: Target[] = [
    { service: "bpo", name: "login", method: "post", path: "/api/auth/login", valid: { login: manager.login, password: "wrong password" } },
    { service: "bpo", name: "create lead", method: "post", path: "/api/leads", token: manager.token, valid: { contactName: "A", mobile: "+639171234567", brandId: brand.id, sourceId } },
    { service: "bpo", name: "update lead", method: "patch", path: `/api/leads/${lead.id}`, token: manager.token, valid: { contactName: "B" } },
    { service: "bpo", name: "claim", method: "post", path: `/api/leads/${lead.id}/claim`, token: manager.token, valid: {} },
    { service: "bpo", name: "stage", method: "post", path: `/api/leads/${lead.id}/stage`, token: manager.token, valid: { stageId: stages[1]?.id ?? 2 } },
    { service: "bpo", name: "mark-lost", method: "post", path: `/api/leads/${lead.id}/mark-lost`, token: manager.token, valid: { reason: "price", notes: "n" } },
    { service: "bpo", name: "call log", method: "post", path: `/api/leads/${lead.id}/call-logs`, token: manager.token, valid: { durationMinutes: 3, result: "answered", summary: "s" } },
    { service: "bpo", name: "lead source", method: "post", path: "/api/lead-sources", token: manager.token, valid: { code: "malf_src", name: "S", sourceType: "inbound_call" } },
    { service: "dealer", name: "dealer create lead", method: "post", path: "/api/leads", token: dAdmin.token, valid: { contactName: "A", mobile: "+639171234567", brandId: dBrand.id } },
    { service: "dealer", name: "sale order lines", method: "put", path: `/api/sale-orders/${orderId}/lines`, token: dAdmin.token, valid: { lines: [{ productId: product.id, quantity: 1 }] } },
  ];

  const bpoCount = await counter(bpo.dbUrl);
  const dealerCount = await counter(dealer.dbUrl);
  const countFor = (s: "bpo" | "dealer") => (s === "bpo" ? bpoCount : dealerCount);
  const base = (s: "bpo" | "dealer") => (s === "bpo" ? bpo.url : dealer.url);
  let calls = 0;
  let refused = 0;
  const fivexx: string[] = [];
  const writers: string[] = [];
  const accepted: string[] = [];

  const record = async (service: "bpo" | "dealer", label: string, send: () => Promise<HttpAnswer>, isRefused: (a: HttpAnswer) => boolean, isServerError: (a: HttpAnswer) => boolean) => {
    const before = await countFor(service).snapshot();
    let a: HttpAnswer;
    try {
      a = await send();
    } catch (e) {
      a = { status: 599, body: null, text: (e as Error).message };
    }
    calls++;
    if (isServerError(a)) fivexx.push(`${service} ${label}: ${a.status} ${a.text.slice(0, 160)}`);
    if (isRefused(a)) {
      refused++;
      const d = diff(before, await countFor(service).snapshot());
      if (d.length) writers.push(`${service} ${label}: ${a.status} but wrote ${d.join(", ")}`);
    } else accepted.push(`${service} ${label}: ${a.status} ${a.text.slice(0, 120)}`);
  };

  // REST
  for (const t of targets) {
    for (const v of variants(t.valid)) {
      await record(
        t.service,
        `${t.method.toUpperCase()} ${t.path} [${t.name}] ${v.label}`,
        () => http(base(t.service), t.method, t.path, { token: t.token, raw: v.raw, headers: v.contentType ? { "content-type": v.contentType } : {} }),
        (a) => a.status >= 400,
        (a) => a.status >= 500,
      );
    }
  }

  // JSON-RPC: spec examples and broken params on every method, with a valid key.
  const rpcTargets = [
    { service: "bpo" as const, key: peer.key, methods: [SYSTEM_PING, BPO_APPLY_DEALER_OUTCOME] },
    { service: "dealer" as const, key: dealerKey.key, methods: [SYSTEM_PING, DEALER_RECEIVE_ENDORSED_LEAD, DEALER_RECEIVE_SALE_ORDER] },
  ];
  const rpcRefused = (a: HttpAnswer) => {
    if (a.status >= 400) return true;
    const items = Array.isArray(a.body) ? a.body : [a.body];
    return a.status === 204 || items.every((x) => x && typeof x === "object" && "error" in x);
  };
  const rpcServerError = (a: HttpAnswer) => {
    if (a.status >= 500) return true;
    const items = Array.isArray(a.body) ? a.body : [a.body];
    return items.some((x) => (x as { error?: { code?: number } } | null)?.error?.code === -32603);
  };
  for (const r of rpcTargets) {
    const spec = [
      { label: "spec: invalid JSON", raw: '{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]' },
      { label: "spec: invalid request object", raw: '{"jsonrpc": "2.0", "method": 1, "params": "bar"}' },
      { label: "spec: batch, invalid JSON", raw: '[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},{"jsonrpc": "2.0", "method"]' },
      { label: "spec: empty array", raw: "[]" },
      { label: "spec: [1]", raw: "[1]" },
      { label: "spec: [1,2,3]", raw: "[1,2,3]" },
      { label: "spec: method not found", raw: '{"jsonrpc": "2.0", "method": "foobar", "id": "1"}' },
      { label: "no jsonrpc member", raw: '{"method": "system.ping", "id": 1}' },
      { label: "2 MB body", raw: JSON.stringify({ jsonrpc: "2.0", id: 1, method: SYSTEM_PING, params: { padding: BIG } }) },
      { label: "deep nesting", raw: `${"[".repeat(5000)}${"]".repeat(5000)}` },
    ];
    for (const s of spec) {
      await record(r.service, `RPC ${s.label}`, () => http(base(r.service), "post", "/rpc", { token: r.key, raw: s.raw }), rpcRefused, rpcServerError);
    }
    for (const method of r.methods) {
      const call = (params: unknown) => JSON.stringify({ jsonrpc: "2.0", id: 7, method, params });
      const bad = [
        { label: "truncated JSON", raw: call({ contactName: "x" }).slice(0, 40) },
        { label: "params string", raw: call("bar") },
        { label: "params array", raw: call([1, 2, 4]) },
        { label: "params null", raw: call(null) },
        { label: "params wrong types", raw: call({ contractVersion: "nope", contactName: 42, mobile: [], leadId: "x", saleOrder: 1, outcome: 5 }) },
        { label: "params unknown fields only", raw: call({ evil: "'; DROP TABLE leads; --", __proto__: { x: 1 } }) },
        { label: "null byte in text", raw: call({ contactName: "a\u0000b", mobile: "\u0000" }) },
        { label: "batch of 2 bad calls", raw: `[${call({ x: 1 })},${call("y")}]` },
      ];
      for (const b of bad) {
        const label = `RPC ${method} ${b.label}`;
        // system.ping may legitimately accept unknown fields; count it as accepted, not as an offender.
        await record(r.service, label, () => http(base(r.service), "post", "/rpc", { token: r.key, raw: b.raw }), rpcRefused, rpcServerError);
      }
    }
  }

  // Null bytes in REST text fields: refused or stored, never a 5xx.
  for (const t of targets.filter((x) => ["create lead", "call log", "dealer create lead"].includes(x.name))) {
    const field = "contactName" in t.valid ? "contactName" : "summary";
    await record(t.service, `${t.path} [${t.name}] null byte in ${field}`, () => http(base(t.service), t.method, t.path, { token: t.token, body: { ...t.valid, [field]: "a\u0000b" } }), (a) => a.status >= 400, (a) => a.status >= 500);
  }

  // Injection strings in valid creates: 2xx and read back verbatim.
  let injections = 0;
  const notVerbatim: string[] = [];
  const bLeadsBefore = (await bpoCount.pg.query<{ n: number }>("SELECT count(*)::int AS n FROM leads")).rows[0]!.n;
  for (const [i, s] of INJECTIONS.entries()) {
    const check = async (label: string, a: HttpAnswer, read: () => Promise<string | null | undefined>) => {
      injections++;
      calls++;
      if (a.status >= 500) fivexx.push(`${label}: ${a.status}`);
      const got = a.status < 300 ? await read() : `HTTP ${a.status} ${a.text.slice(0, 100)}`;
      if (got !== s) notVerbatim.push(`${label}: sent ${JSON.stringify(s)}, read back ${JSON.stringify(got)}`);
    };
    const bl = await http(bpo.url, "post", "/api/leads", { token: manager.token, body: { contactName: s, mobile: `+63917555${String(i).padStart(4, "0")}`, brandId: brand.id, sourceId, customerNotes: s } });
    const blId = (bl.body as { id: number }).id;
    await check(`bpo create lead contactName #${i}`, bl, async () => (await bpoCount.pg.query<{ v: string }>("SELECT contact_name AS v FROM leads WHERE id = $1", [blId])).rows[0]?.v);
    await check(`bpo create lead customerNotes #${i}`, bl, async () => (await bpoCount.pg.query<{ v: string }>("SELECT customer_notes AS v FROM leads WHERE id = $1", [blId])).rows[0]?.v);
    const cl = await http(bpo.url, "post", `/api/leads/${lead.id}/call-logs`, { token: manager.token, body: { durationMinutes: 1, result: "answered", summary: s } });
    await check(`bpo call log summary #${i}`, cl, async () => ((await http(bpo.url, "get", `/api/call-logs?leadId=${lead.id}`, { token: manager.token })).body as { callLogs: { summary: string }[] }).callLogs.find((c) => c.summary === s)?.summary);
    const note = await http(bpo.url, "post", `/api/leads/${lead.id}/messages`, { token: manager.token, body: { body: s } });
    await check(`bpo chatter note #${i}`, note, async () => ((await http(bpo.url, "get", `/api/leads/${lead.id}/messages`, { token: manager.token })).body as { messages: { body: string }[] }).messages.find((x) => x.body === s)?.body);
    const src = await http(bpo.url, "post", "/api/lead-sources", { token: manager.token, body: { code: `inj_${i}`, name: s, sourceType: "inbound_call" } });
    await check(`bpo lead source name #${i}`, src, async () => (src.body as { name: string }).name);
    const dl = await http(dealer.url, "post", "/api/leads", { token: dAdmin.token, body: { contactName: s, mobile: `+63918555${String(i).padStart(4, "0")}`, brandId: dBrand.id } });
    await check(`dealer create lead contactName #${i}`, dl, async () => ((await http(dealer.url, "get", `/api/leads/${(dl.body as { id: number }).id}`, { token: dAdmin.token })).body as { contactName: string }).contactName);
  }
  const bLeadsAfter = (await bpoCount.pg.query<{ n: number }>("SELECT count(*)::int AS n FROM leads")).rows[0]!.n;
  const usersLeft = (await bpoCount.pg.query<{ n: number }>("SELECT count(*)::int AS n FROM users")).rows[0]!.n;
  await bpoCount.end();
  await dealerCount.end();

  const secs = (Date.now() - t0) / 1000;
  say(`calls: ${calls} (${calls - injections} malformed, ${injections} injection checks); refused ${refused}, accepted ${accepted.length}`);
  say(`5xx / JSON-RPC internal errors: ${fivexx.length}`);
  for (const f of fivexx) say(`  OFFENDER ${f}`);
  say(`refused requests that wrote rows: ${writers.length}`);
  for (const w of writers) say(`  OFFENDER ${w}`);
  say(`malformed requests accepted (review; not necessarily wrong):`);
  for (const a of accepted) say(`  ${a}`);
  say(`injection strings stored verbatim: ${injections - notVerbatim.length}/${injections}; bpo leads ${bLeadsBefore}→${bLeadsAfter} (+${INJECTIONS.length} expected), users still ${usersLeft}`);
  for (const n of notVerbatim) say(`  NOT VERBATIM ${n}`);
  say(`SUMMARY malformed-input: ${calls} calls, ${fivexx.length} 5xx, ${writers.length} refused-but-wrote, ${accepted.length} malformed accepted, ${notVerbatim.length} injections not verbatim, ${secs.toFixed(1)} s`);
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
