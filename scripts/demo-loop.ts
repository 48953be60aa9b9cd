/**
 * `pnpm demo:loop` (with `pnpm demo` running): drives the whole loop through the public APIs and prints each
 * step. For each dealership: an agent claims a waiting lead, endorses it with a draft quotation; the dealer
 * confirms and delivers the order and marks the lead Won (Makati) or Lost (Cebu); the BPO lead follows.
 */
const BPO = process.env.DEMO_BPO_URL ?? "http://localhost:4000";
const DEALERS = [
  { code: "MAKATI", url: process.env.DEMO_MAKATI_URL ?? "http://localhost:4101", outcome: "won" as const },
  { code: "CEBU", url: process.env.DEMO_CEBU_URL ?? "http://localhost:4102", outcome: "lost" as const },
];

const say = (line: string) => process.stdout.write(`${line}\n`);

// Responses are read loosely: this script only walks the demo, the services validate everything.
async function api(base: string, method: string, path: string, token: string | null, body?: unknown): Promise<any> {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${base}${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
const login = async (base: string, user: string) => (await api(base, "POST", "/auth/login", null, { login: user, password: "demo1234!", kind: "api" })).token as string;

async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const agent = await login(BPO, "agent1");
  const { dealerships } = await api(BPO, "GET", "/dealerships", agent);
  const board = await api(BPO, "GET", "/boards/open-leads?perColumn=50", agent);
  for (const dealer of DEALERS) {
    const dealership = dealerships.find((d: { code: string }) => d.code === dealer.code);
    const column = board.columns.find((c: { brand: { id: number } }) => c.brand.id === dealership.brandId);
    const card = column?.cards.find((c: { vehicleModelName: string | null }) => c.vehicleModelName) ?? column?.cards[0];
    if (!card) throw new Error(`no waiting lead for ${dealer.code}'s brand`);
    say(`\n[${dealer.code}] agent1 claims ${card.reference} (${card.contactName}, ${card.vehicleModelName ?? "no model"})`);
    await api(BPO, "POST", `/leads/${card.id}/claim`, agent);
    await api(BPO, "POST", `/leads/${card.id}/endorse`, agent, { dealershipId: dealership.id, withQuotation: true });
    say(`[${dealer.code}] endorsed with S.Q. to ${dealership.name}; waiting for delivery…`);
    const endorsed = await until("the endorsement", () => api(BPO, "GET", `/leads/${card.id}`, agent), (l) => l.endorsementStatus !== "pending");
    if (endorsed.endorsementStatus !== "delivered") throw new Error(`endorsement ${endorsed.endorsementStatus}: ${endorsed.endorsementError}`);
    say(`[${dealer.code}] dealer lead ${endorsed.dealerLeadName} created with draft quotation ${endorsed.dealerQuotationName ?? "(none: no product matched)"}`);

    const manager = await login(dealer.url, "manager");
    const { cards } = await api(dealer.url, "GET", `/leads?q=${encodeURIComponent(endorsed.dealerLeadName)}`, manager);
    const dealerLead = cards[0];
    if (dealer.outcome === "won") {
      const { orders } = await api(dealer.url, "GET", `/leads/${dealerLead.id}/sale-orders`, manager);
      let order = orders[0];
      if (!order || order.lines?.length === 0) order = await api(dealer.url, "POST", `/leads/${dealerLead.id}/convert-to-quotation`, manager, {});
      await api(dealer.url, "POST", `/sale-orders/${order.id}/confirm`, manager);
      await api(dealer.url, "POST", `/sale-orders/${order.id}/deliver`, manager, { deliveryDate: new Date().toISOString().slice(0, 10) });
      await api(dealer.url, "POST", `/leads/${dealerLead.id}/mark-won`, manager);
      say(`[${dealer.code}] dealer confirmed and delivered ${order.name}, marked ${endorsed.dealerLeadName} Won`);
    } else {
      const { lostReasons } = await api(dealer.url, "GET", "/lost-reasons", manager);
      await api(dealer.url, "POST", `/leads/${dealerLead.id}/mark-lost`, manager, { lostReasonId: lostReasons[0].id, notes: "Customer chose another brand" });
      say(`[${dealer.code}] dealer marked ${endorsed.dealerLeadName} Lost (${lostReasons[0].name})`);
    }
    const closed = await until("the BPO lead to follow", () => api(BPO, "GET", `/leads/${card.id}`, agent), (l) => l.isWon || l.isLost);
    say(`[${dealer.code}] BPO lead ${closed.reference} is now ${closed.stage.name}${closed.dealerSoName ? ` (sale order ${closed.dealerSoName})` : ""}`);
  }
  say("\nThe loop works both ways for both dealerships.");
}

main().catch((e) => {
  process.stderr.write(`demo loop failed: ${(e as Error).message}\n`);
  process.exit(1);
});
