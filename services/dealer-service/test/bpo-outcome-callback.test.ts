import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { CONTRACT_VERSION, RpcErrorCode } from "@crm/contracts";
import { type DealerOutbox, startDealerOutbox } from "../src/jobs/outbox-jobs";
import { type DealerTestApp, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";
import { makeBrand, makeLead, makeProduct } from "./helpers/factories";
import { waitFor } from "@crm/test-kit";

const BPO_KEY = "bsk_dealer-test-key-issued-by-bpo";

/** A fake BPO speaking JSON-RPC 2.0 over real HTTP: records outcome calls and answers as told. */
class FakeBpo {
  calls: { method: string; params: Record<string, unknown>; auth: string | undefined }[] = [];
  /** "v1-only": answers as a BPO that reads only contract 1 of bpo.applyDealerOutcome (before the change). */
  mode: "ok" | "refuse" | "v1-only" = "ok";
  private server: Server | null = null;
  port = 0;
  private readonly app = express();

  constructor() {
    this.app.post("/rpc", express.json(), (req, res) => {
      const { id, method, params } = req.body as { id: number; method: string; params: Record<string, unknown> };
      if (req.get("authorization") !== `Bearer ${BPO_KEY}`) {
        res.status(401).json({ jsonrpc: "2.0", id: null, error: { code: RpcErrorCode.Unauthenticated, message: "Missing or invalid service key", data: { code: "unauthenticated" } } });
        return;
      }
      this.calls.push({ method, params, auth: req.get("authorization") });
      if (method === "system.ping") {
        res.json({ jsonrpc: "2.0", id, result: { service: "bpo", instance: "bpo-test", contractVersion: 1, caller: "dealer-TEST", time: new Date().toISOString() } });
        return;
      }
      if (this.mode === "v1-only" && params.contractVersion !== 1) {
        const issues = [{ path: "contractVersion", message: "contractVersion must be 1" }, { path: "lostReason", message: "Invalid input: expected string, received object" }];
        res.json({ jsonrpc: "2.0", id, error: { code: RpcErrorCode.InvalidParams, message: `Invalid params: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, data: { code: "invalid_params", issues } } });
        return;
      }
      if (this.mode === "refuse") {
        res.json({ jsonrpc: "2.0", id, error: { code: RpcErrorCode.Refused, message: `Lead ${String(params.bpoSourceLeadId)} was already closed differently`, data: { code: "lead_closed_differently" } } });
        return;
      }
      res.json({ jsonrpc: "2.0", id, result: { bpoLeadId: params.bpoSourceLeadId, bpoLeadName: `LEAD/${String(params.bpoSourceLeadId)}`, applied: true } });
    });
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server = this.app.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  outcomeCalls() {
    return this.calls.filter((c) => c.method === "bpo.applyDealerOutcome");
  }
}

let t: DealerTestApp;
let bpo: FakeBpo;
let outbox: DealerOutbox;
let admin: TestUser;
let manager: TestUser;
let brandId: number;
let productId: number;
let seq = 500;

beforeAll(async () => {
  bpo = new FakeBpo();
  await bpo.up();
  t = await startDealerTestApp({ OUTBOX_ATTEMPTS: "20", OUTBOX_BACKOFF_MS: "100", OUTBOX_POLL_MS: "100", BPO_RPC_TIMEOUT_MS: "2000" });
  admin = await t.user("dealer_admin");
  manager = await t.user("dealer_manager");
  brandId = (await makeBrand(t)).id;
  productId = (await makeProduct(t, brandId)).id;
  const set = await t.as(admin).put("/api/bpo-connection", { url: `${bpo.url}/`, key: BPO_KEY });
  expect(set.status).toBe(200);
});
afterAll(async () => {
  await outbox?.close();
  await t.close();
  await bpo.down();
});

/** An endorsed lead (BPO origin) in Negotiation with a delivered order, ready for Mark Won. */
async function deliverableLead(opts: { endorsed: boolean }) {
  const n = ++seq;
  const lead = await makeLead(t, brandId, {
    stage: "Negotiation",
    source: opts.endorsed ? "endorsed_with_sq" : "walk_in",
    productId,
    ...(opts.endorsed ? { bpoSourceLeadId: n, bpoSourceLeadName: `LEAD/${n}`, bpoSourceUrl: "https://bpo.example.com" } : {}),
  });
  const quote = await t.as(manager).post(`/api/leads/${lead.id}/convert-to-quotation`);
  await t.as(manager).post(`/api/sale-orders/${quote.body.id}/confirm`);
  await t.as(manager).post(`/api/sale-orders/${quote.body.id}/deliver`, { deliveryDate: "2026-11-20" });
  return { lead, orderName: quote.body.name as string };
}

const outcomeRows = async (leadId: number) =>
  (await t.c.store.repos.outbox.listByTopic("bpo.applyDealerOutcome")).filter((r) => (r.payload as { dealerLeadId: number }).dealerLeadId === leadId);
const leadOf = (id: number) => t.c.store.repos.leads.findById(id);

describe("outcome callback rows (no worker running)", () => {
  it("writes exactly one outbox row and sets callback_status pending when an endorsed lead is marked Won", async () => {
    const { lead, orderName } = await deliverableLead({ endorsed: true });
    expect((await t.as(manager).post(`/api/leads/${lead.id}/mark-won`)).status).toBe(200);
    const rows = await outcomeRows(lead.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "pending",
      payload: { contractVersion: 2, bpoSourceLeadId: lead.bpoSourceLeadId, dealerCode: "TEST", dealerLeadId: lead.id, dealerLeadName: lead.reference, outcome: "won", saleOrderName: orderName },
    });
    expect((await leadOf(lead.id))?.callbackStatus).toBe("pending");
  });

  it("writes the lost reason as its stable code plus label (contract 2) and the notes for Mark Lost", async () => {
    const lead = await makeLead(t, brandId, { stage: "Qualified", bpoSourceLeadId: ++seq, bpoSourceLeadName: `LEAD/${seq}`, bpoSourceUrl: "https://bpo.example.com" });
    const reason = (await t.c.store.repos.catalog.listLostReasons())[0]!;
    expect((await t.as(manager).post(`/api/leads/${lead.id}/mark-lost`, { lostReasonId: reason.id, notes: "Bought elsewhere" })).status).toBe(200);
    const rows = await outcomeRows(lead.id);
    expect(rows.map((r) => r.payload)).toEqual([
      expect.objectContaining({ contractVersion: 2, outcome: "lost", lostReason: { code: reason.code, label: reason.name }, lostNotes: "Bought elsewhere", saleOrderName: null }),
    ]);
  });

  it("writes no row when the Won transaction is refused, nor for a manual lead", async () => {
    const endorsed = await makeLead(t, brandId, { stage: "Negotiation", bpoSourceLeadId: ++seq, bpoSourceLeadName: `LEAD/${seq}`, bpoSourceUrl: "https://bpo.example.com" });
    expect((await t.as(manager).post(`/api/leads/${endorsed.id}/mark-won`)).status).toBe(422);
    expect(await outcomeRows(endorsed.id)).toHaveLength(0);
    expect((await leadOf(endorsed.id))?.callbackStatus).toBe("none");

    const { lead: manual } = await deliverableLead({ endorsed: false });
    expect((await t.as(manager).post(`/api/leads/${manual.id}/mark-won`)).status).toBe(200);
    expect(await outcomeRows(manual.id)).toHaveLength(0);
    expect((await leadOf(manual.id))?.callbackStatus).toBe("none");
  });
});

describe("dealer.resendOutcome (the BPO's reconciliation asks again)", () => {
  it("queues the callback again only for the BPO's service account: anyone else is refused before anything is queued", async () => {
    const lead = await makeLead(t, brandId, { stage: "Lost", bpoSourceLeadId: ++seq, bpoSourceLeadName: `LEAD/${seq}`, bpoSourceUrl: "https://bpo.example.com" });
    const ask = { contractVersion: CONTRACT_VERSION, bpoSourceUrl: "https://bpo.example.com", bpoSourceLeadId: seq };
    await expect(t.c.outcomeResends.resend({ id: manager.id, name: manager.login }, ask)).rejects.toMatchObject({ kind: "forbidden", code: "service_account_required" });
    expect(await outcomeRows(lead.id)).toHaveLength(0);
    expect((await leadOf(lead.id))?.callbackStatus).toBe("none");

    const service = await t.user("service_account");
    expect(await t.c.outcomeResends.resend({ id: service.id, name: service.login }, ask)).toMatchObject({ outcome: "lost", queued: true, callbackStatus: "pending" });
    expect(await outcomeRows(lead.id)).toHaveLength(1);
  });
});

describe("BPO connection (Admin)", () => {
  it("never returns the key, stores it encrypted, and Test Connection pings the BPO", async () => {
    const got = await t.as(admin).get("/api/bpo-connection");
    expect(got.body).toMatchObject({ configured: true, url: bpo.url, hasKey: true });
    expect(JSON.stringify(got.body)).not.toContain(BPO_KEY);
    expect((await t.c.store.repos.bpoConnection.get())?.keySealed).not.toContain(BPO_KEY);
    const test = await t.as(admin).post("/api/bpo-connection/test");
    expect(test.body).toMatchObject({ ok: true, instance: "bpo-test", message: expect.stringContaining('Connected to BPO instance "bpo-test"') });
    expect(bpo.calls.at(-1)).toMatchObject({ method: "system.ping", auth: `Bearer ${BPO_KEY}` });
  });

  it("reports a wrong key readably and refuses non-Admins", async () => {
    await t.as(admin).put("/api/bpo-connection", { url: bpo.url, key: "bsk_wrong-key-0000" });
    const test = await t.as(admin).post("/api/bpo-connection/test");
    expect(test.body).toMatchObject({ ok: false, message: "Connection failed: Missing or invalid service key" });
    await t.as(admin).put("/api/bpo-connection", { url: bpo.url, key: BPO_KEY });
    expect((await t.as(manager).get("/api/bpo-connection")).status).toBe(403);
    expect((await t.as(manager).get("/api/outbox/dead")).status).toBe(403);
  });
});

describe("dealer worker delivering outcomes", () => {
  beforeAll(() => {
    outbox = startDealerOutbox(t.c);
  });

  it("delivers the outcome to the BPO and marks the lead's callback delivered", async () => {
    const { lead } = await deliverableLead({ endorsed: true });
    await t.as(manager).post(`/api/leads/${lead.id}/mark-won`);
    await waitFor(async () => (await leadOf(lead.id))?.callbackStatus === "delivered");
    expect(bpo.outcomeCalls().filter((c) => c.params.dealerLeadId === lead.id)).toEqual([
      expect.objectContaining({ params: expect.objectContaining({ outcome: "won", bpoSourceLeadId: lead.bpoSourceLeadId }), auth: `Bearer ${BPO_KEY}` }),
    ]);
    expect((await outcomeRows(lead.id))[0]?.status).toBe("sent");
  });

  it("retries while the BPO is down and delivers once, after it comes back", async () => {
    await bpo.down();
    const { lead } = await deliverableLead({ endorsed: true });
    await t.as(manager).post(`/api/leads/${lead.id}/mark-won`);
    await waitFor(async () => ((await outcomeRows(lead.id))[0]?.attempts ?? 0) >= 2);
    expect(await leadOf(lead.id)).toMatchObject({ callbackStatus: "pending", callbackError: expect.stringContaining("Cannot reach") });
    await bpo.up();
    await waitFor(async () => (await leadOf(lead.id))?.callbackStatus === "delivered");
    await new Promise((r) => setTimeout(r, 500));
    expect(bpo.outcomeCalls().filter((c) => c.params.dealerLeadId === lead.id)).toHaveLength(1);
    expect((await leadOf(lead.id))?.callbackError).toBeNull();
  });

  it("a BPO still reading only contract 1 gets the same outcome resent as version 1, with the reason's label", async () => {
    bpo.mode = "v1-only";
    try {
      const lead = await makeLead(t, brandId, { stage: "Qualified", bpoSourceLeadId: ++seq, bpoSourceLeadName: `LEAD/${seq}`, bpoSourceUrl: "https://bpo.example.com" });
      const reason = (await t.c.store.repos.catalog.listLostReasons()).find((r) => r.code === "financing_declined")!;
      await t.as(manager).post(`/api/leads/${lead.id}/mark-lost`, { lostReasonId: reason.id, notes: "Bank said no" }).expect(200);
      await waitFor(async () => (await leadOf(lead.id))?.callbackStatus === "delivered");
      const calls = bpo.outcomeCalls().filter((c) => c.params.dealerLeadId === lead.id).map((c) => c.params);
      expect(calls).toEqual([
        expect.objectContaining({ contractVersion: 2, lostReason: { code: "financing_declined", label: reason.name } }),
        expect.objectContaining({ contractVersion: 1, lostReason: reason.name, lostNotes: "Bank said no", outcome: "lost" }),
      ]);
    } finally {
      bpo.mode = "ok";
    }
  });

  it("an outcome queued as contract 1 before the change is still delivered, as it was queued", async () => {
    const lead = await makeLead(t, brandId, { stage: "Qualified", bpoSourceLeadId: ++seq, bpoSourceLeadName: `LEAD/${seq}`, bpoSourceUrl: "https://bpo.example.com" });
    const v1 = { contractVersion: 1, bpoSourceLeadId: lead.bpoSourceLeadId, dealerCode: "TEST", dealerLeadId: lead.id, dealerLeadName: lead.reference, outcome: "lost", lostReason: "Price", lostNotes: null, saleOrderName: null, occurredAt: new Date().toISOString() };
    await t.c.store.transaction(async (r) => {
      await r.outbox.add({ topic: "bpo.applyDealerOutcome", payload: v1, correlationId: null });
      await r.leads.update(lead.id, { callbackStatus: "pending", callbackError: null });
    });
    await waitFor(async () => (await leadOf(lead.id))?.callbackStatus === "delivered");
    expect(bpo.outcomeCalls().filter((c) => c.params.dealerLeadId === lead.id).map((c) => c.params)).toEqual([v1]);
  });

  it("marks a refused outcome failed with the error, lists it as dead, and delivers it on replay", async () => {
    bpo.mode = "refuse";
    const { lead } = await deliverableLead({ endorsed: true });
    await t.as(manager).post(`/api/leads/${lead.id}/mark-won`);
    await waitFor(async () => (await leadOf(lead.id))?.callbackStatus === "failed");
    expect((await leadOf(lead.id))?.callbackError).toContain("already closed differently");
    expect(bpo.outcomeCalls().filter((c) => c.params.dealerLeadId === lead.id)).toHaveLength(1);

    const dead = await t.as(admin).get("/api/outbox/dead");
    const row = (dead.body.messages as { id: string; payload: { dealerLeadId: number }; lastError: string }[]).find((m) => m.payload.dealerLeadId === lead.id);
    expect(row).toMatchObject({ lastError: expect.stringContaining("already closed differently") });

    bpo.mode = "ok";
    const replay = await t.as(admin).post(`/api/outbox/${row!.id}/replay`);
    expect(replay.body).toEqual({ id: row!.id, status: "pending" });
    await waitFor(async () => (await leadOf(lead.id))?.callbackStatus === "delivered");
    expect(bpo.outcomeCalls().filter((c) => c.params.dealerLeadId === lead.id)).toHaveLength(2);
    expect((await t.as(admin).post(`/api/outbox/${row!.id}/replay`)).status).toBe(404);
  });
});
