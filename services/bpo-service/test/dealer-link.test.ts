import request from "supertest";
import { CONTRACT_VERSION, RpcErrorCode } from "@crm/contracts";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { type RunningDealer, startRunningDealer } from "./helpers/running-dealer";

let t: BpoTestApp;
let dealer: RunningDealer;
let manager: TestUser;
let agent: TestUser;
let brandId: number;

beforeAll(async () => {
  [t, dealer] = await Promise.all([startBpoTestApp(), startRunningDealer()]);
  manager = await t.user("manager");
  agent = await t.user("agent");
  brandId = (await makeBrand(t, "CHERY")).id;
});
afterAll(async () => {
  await dealer.stop();
  await t.close();
});

const rpc = (key: string | null, body: unknown) => {
  const r = request(t.app).post("/rpc").set("content-type", "application/json");
  return (key ? r.set("authorization", `Bearer ${key}`) : r).send(typeof body === "string" ? body : JSON.stringify(body));
};

describe("dealership connection on the BPO", () => {
  it("stores the dealer's key sealed, never returns it, and Test Connection pings the real dealer-service", async () => {
    const d = await makeDealership(t, brandId);
    const set = await t.as(manager).put(`/api/dealerships/${d.id}/connection`, { url: dealer.url, key: dealer.serviceKey });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ dealershipId: d.id, url: dealer.url, hasKey: true });
    const stored = await t.c.store.repos.dealerLinks.findConnection(d.id);
    expect(stored!.rpcKeySealed).not.toContain(dealer.serviceKey);
    expect(JSON.stringify((await t.as(manager).get(`/api/dealerships/${d.id}/connection`)).body)).not.toContain(dealer.serviceKey);

    const test = await t.as(manager).post(`/api/dealerships/${d.id}/connection/test`);
    expect(test.status).toBe(200);
    expect(test.body.ok).toBe(true);
    expect(test.body.checks.map((c: { name: string }) => c.name)).toEqual(["reach", "authenticate", "contract"]);
    expect(test.body.checks[1].detail).toBe(`Accepted as ${dealer.serviceAccountLogin}`);
  });

  it("the dealership list says which dealerships are connected, without their keys", async () => {
    const linked = await makeDealership(t, brandId);
    const unlinked = await makeDealership(t, brandId);
    await t.as(manager).put(`/api/dealerships/${linked.id}/connection`, { url: dealer.url, key: dealer.serviceKey });
    const res = await t.as(agent).get(`/api/dealerships?brandId=${brandId}`);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.dealerships.map((d: { id: number; connected: boolean }) => [d.id, d.connected]));
    expect(byId.get(linked.id)).toBe(true);
    expect(byId.get(unlinked.id)).toBe(false);
    expect(JSON.stringify(res.body)).not.toContain(dealer.serviceKey);
    expect(JSON.stringify(res.body)).not.toMatch(/rpcKeySealed|rpcUrl/);
  });

  it("Test Connection says so when the dealership refuses the key, or cannot be reached", async () => {
    const wrongKey = await makeDealership(t, brandId);
    await t.as(manager).put(`/api/dealerships/${wrongKey.id}/connection`, { url: dealer.url, key: "dsk_this-is-not-the-right-key" });
    const refused = await t.as(manager).post(`/api/dealerships/${wrongKey.id}/connection/test`);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.checks).toEqual([
      { name: "reach", ok: true, detail: `${dealer.url} answered` },
      { name: "authenticate", ok: false, detail: "The dealership refused the service key. Ask its admin for a new key." },
    ]);
    const down = await makeDealership(t, brandId);
    await t.as(manager).put(`/api/dealerships/${down.id}/connection`, { url: "http://127.0.0.1:9", key: dealer.serviceKey });
    const unreachable = await t.as(manager).post(`/api/dealerships/${down.id}/connection/test`);
    expect(unreachable.body.ok).toBe(false);
    expect(unreachable.body.checks[0].detail).toMatch(/^Cannot reach http:\/\/127\.0\.0\.1:9/);
  });

  it("an unconfigured dealership is refused with a readable message; Agents cannot touch connections", async () => {
    const d = await makeDealership(t, brandId);
    const res = await t.as(manager).post(`/api/dealerships/${d.id}/connection/test`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("dealership_not_configured");
    expect((await t.as(agent).put(`/api/dealerships/${d.id}/connection`, { url: dealer.url, key: dealer.serviceKey })).status).toBe(403);
    expect((await t.as(agent).post(`/api/dealerships/${d.id}/peer-keys`, {})).status).toBe(403);
  });
});

describe("POST /rpc on the BPO", () => {
  let key: string;
  let dealershipId: number;

  beforeAll(async () => {
    const d = await makeDealership(t, brandId, "RPCDLR");
    dealershipId = d.id;
    const issued = await t.as(manager).post(`/api/dealerships/${d.id}/peer-keys`, { label: "callbacks" });
    expect(issued.status).toBe(201);
    key = issued.body.key;
  });

  it("answers system.ping for a key it issued, naming the dealership", async () => {
    const res = await rpc(key, { jsonrpc: "2.0", id: 1, method: "system.ping", params: { contractVersion: CONTRACT_VERSION } });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ service: "bpo", caller: "RPCDLR", contractVersion: CONTRACT_VERSION });
  });

  it("refuses a wrong or revoked key with a JSON-RPC auth error and changes nothing", async () => {
    const wrong = await rpc("bpok_wrong", { jsonrpc: "2.0", id: 1, method: "system.ping", params: { contractVersion: CONTRACT_VERSION } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe(RpcErrorCode.Unauthenticated);
    const none = await rpc(null, { jsonrpc: "2.0", id: 1, method: "system.ping", params: {} });
    expect(none.status).toBe(401);

    const extra = await t.as(manager).post(`/api/dealerships/${dealershipId}/peer-keys`, { label: "to revoke" });
    await t.as(manager).post(`/api/dealerships/${dealershipId}/peer-keys/${extra.body.id}/revoke`);
    const revoked = await rpc(extra.body.key, { jsonrpc: "2.0", id: 1, method: "system.ping", params: { contractVersion: CONTRACT_VERSION } });
    expect(revoked.status).toBe(401);
  });

  it("speaks JSON-RPC 2.0 errors: parse error, invalid request, unknown method, invalid params, batches, notifications", async () => {
    expect((await rpc(key, '{"jsonrpc": "2.0", "method": "system.ping", "params": {')).body.error.code).toBe(RpcErrorCode.ParseError);
    expect((await rpc(key, { jsonrpc: "2.0", id: 1, method: 1, params: "bar" })).body.error.code).toBe(RpcErrorCode.InvalidRequest);
    expect((await rpc(key, { jsonrpc: "2.0", id: 1, method: "no.such" })).body.error.code).toBe(RpcErrorCode.MethodNotFound);
    const invalid = await rpc(key, { jsonrpc: "2.0", id: 1, method: "system.ping", params: { contractVersion: 99 } });
    expect(invalid.body.error.code).toBe(RpcErrorCode.InvalidParams);
    expect(invalid.body.error.data.issues[0]).toEqual({ path: "contractVersion", message: `contractVersion must be ${CONTRACT_VERSION}` });
    const batch = await rpc(key, [
      { jsonrpc: "2.0", id: 1, method: "system.ping", params: { contractVersion: CONTRACT_VERSION } },
      { jsonrpc: "2.0", id: 2, method: "no.such" },
    ]);
    expect(batch.body.map((r: { id: number }) => r.id).sort()).toEqual([1, 2]);
    expect((await rpc(key, [])).body.error.code).toBe(RpcErrorCode.InvalidRequest);
    const badBatch = await rpc(key, [1, 2]);
    expect(badBatch.body).toHaveLength(2);
    expect(badBatch.body[0].error.code).toBe(RpcErrorCode.InvalidRequest);
    const notification = await rpc(key, { jsonrpc: "2.0", method: "system.ping", params: { contractVersion: CONTRACT_VERSION } });
    expect(notification.status).toBe(204);
  });
});

describe("bpo.applyDealerOutcome", () => {
  let key: string;
  let dealershipId: number;
  const call = (params: object) =>
    rpc(key, { jsonrpc: "2.0", id: 7, method: "bpo.applyDealerOutcome", params: { contractVersion: CONTRACT_VERSION, dealerCode: "OUTDLR", occurredAt: new Date().toISOString(), ...params } });

  beforeAll(async () => {
    const d = await makeDealership(t, brandId, "OUTDLR");
    dealershipId = d.id;
    key = (await t.as(manager).post(`/api/dealerships/${d.id}/peer-keys`, {})).body.key;
  });

  const endorsedLead = async () => {
    const lead = await makeLead(t, brandId, { userId: agent.id, stage: "Negotiation" });
    await t.c.store.repos.leads.update(lead.id, { endorsedDealershipId: dealershipId, endorsementStatus: "delivered", dealerLeadName: "DLEAD/00001" });
    return lead;
  };

  it("a dealer Won flips the endorsed BPO lead to Won with a chatter entry, and a repeat changes nothing", async () => {
    const lead = await endorsedLead();
    const res = await call({ bpoSourceLeadId: lead.id, dealerLeadId: 1, dealerLeadName: "DLEAD/00001", outcome: "won", saleOrderName: "S00004" });
    expect(res.body.result).toEqual({ bpoLeadId: lead.id, bpoLeadName: lead.reference, applied: true });
    const after = await t.c.store.repos.leads.findView(lead.id);
    expect(after).toMatchObject({ isWon: true, isLost: false, stage: { name: "Won" }, dealerSoName: "S00004" });
    const messages = await t.c.store.repos.messages.listForLead(lead.id);
    expect(messages.map((m) => m.body)).toContain("Dealer OUTDLR marked DLEAD/00001 as Won (sale order S00004).");

    const again = await call({ bpoSourceLeadId: lead.id, dealerLeadId: 1, dealerLeadName: "DLEAD/00001", outcome: "won", saleOrderName: "S00004" });
    expect(again.body.result.applied).toBe(false);
    expect(await t.c.store.repos.messages.listForLead(lead.id)).toHaveLength(messages.length);
  });

  it("a dealer Lost closes the BPO lead as Lost with the dealer's reason", async () => {
    const lead = await endorsedLead();
    const res = await call({ bpoSourceLeadId: lead.id, dealerLeadId: 2, dealerLeadName: "DLEAD/00002", outcome: "lost", lostReason: "Financing", lostNotes: "Loan denied" });
    expect(res.body.result.applied).toBe(true);
    const after = await t.c.store.repos.leads.findById(lead.id);
    expect(after).toMatchObject({ isLost: true, lostReason: "financing" });
    expect((await t.c.store.repos.messages.listForLead(lead.id)).map((m) => m.body)).toContain("Dealer OUTDLR marked DLEAD/00002 as Lost. Reason: Financing\nLoan denied");
  });

  it("contract 2: the dealer's reason code maps explicitly to the BPO's reason, and its label is kept on the lead", async () => {
    const lead = await endorsedLead();
    const res = await call({ contractVersion: 2, bpoSourceLeadId: lead.id, dealerLeadId: 4, dealerLeadName: "DLEAD/00004", outcome: "lost", lostReason: { code: "financing_declined", label: "Financing declined" }, lostNotes: "Bank said no" });
    expect(res.body.result.applied).toBe(true);
    expect(await t.c.store.repos.leads.findById(lead.id)).toMatchObject({ isLost: true, lostReason: "financing", lostNotes: "Bank said no", dealerLostReasonCode: "financing_declined", dealerLostReasonLabel: "Financing declined" });
    expect((await t.c.store.repos.messages.listForLead(lead.id)).map((m) => m.body)).toContain("Dealer OUTDLR marked DLEAD/00004 as Lost. Reason: Financing declined\nBank said no");
    const form = await t.as(agent).get(`/api/leads/${lead.id}`);
    expect(form.body).toMatchObject({ lostReason: "financing", dealerLostReasonLabel: "Financing declined", dealerLostReasonCode: "financing_declined" });
  });

  it("contract 2: each seeded dealer reason code lands on its BPO reason; an unknown code is Other with the dealer's label kept", async () => {
    const expected: [string, string][] = [
      ["price", "price"], ["competitor", "competitor"], ["financing_declined", "financing"], ["model_unavailable", "model_unavailable"],
      ["timing", "timing"], ["customer_cancelled", "other"], ["unreachable", "other"], ["other", "other"], ["wife_said_no", "other"],
    ];
    for (const [i, [code, bpoReason]] of expected.entries()) {
      const lead = await endorsedLead();
      const label = `Dealer label ${code}`;
      const res = await call({ contractVersion: 2, bpoSourceLeadId: lead.id, dealerLeadId: 100 + i, dealerLeadName: `DLEAD/0${100 + i}`, outcome: "lost", lostReason: { code, label } });
      expect(res.body.error).toBeUndefined();
      expect(await t.c.store.repos.leads.findById(lead.id)).toMatchObject({ lostReason: bpoReason, dealerLostReasonCode: code, dealerLostReasonLabel: label });
    }
  });

  it("contract 1 is still read during the change: a label-only reason keeps the label and falls back to Other when it is not a BPO label", async () => {
    const lead = await endorsedLead();
    const res = await call({ contractVersion: 1, bpoSourceLeadId: lead.id, dealerLeadId: 5, dealerLeadName: "DLEAD/00005", outcome: "lost", lostReason: "Bought from a competitor" });
    expect(res.body.result.applied).toBe(true);
    expect(await t.c.store.repos.leads.findById(lead.id)).toMatchObject({ lostReason: "other", dealerLostReasonCode: null, dealerLostReasonLabel: "Bought from a competitor" });
  });

  it("refuses an unknown contract version, or a version 2 reason without its code, with a readable message and no change", async () => {
    const lead = await endorsedLead();
    const v3 = await call({ contractVersion: 3, bpoSourceLeadId: lead.id, dealerLeadId: 6, dealerLeadName: "DLEAD/00006", outcome: "won" });
    expect(v3.body.error).toMatchObject({ code: RpcErrorCode.InvalidParams, message: expect.stringContaining("contractVersion must be one of 1, 2") });
    const noCode = await call({ contractVersion: 2, bpoSourceLeadId: lead.id, dealerLeadId: 6, dealerLeadName: "DLEAD/00006", outcome: "lost", lostReason: { label: "Price" } });
    expect(noCode.body.error).toMatchObject({ code: RpcErrorCode.InvalidParams, message: expect.stringContaining("lostReason.code") });
    expect(await t.c.store.repos.leads.findById(lead.id)).toMatchObject({ isWon: false, isLost: false });
  });

  it("refuses a callback for an unknown lead, or for a lead endorsed to another dealership, clearly", async () => {
    const unknown = await call({ bpoSourceLeadId: 999999, dealerLeadId: 1, dealerLeadName: "DLEAD/00001", outcome: "won" });
    expect(unknown.body.error).toMatchObject({ code: RpcErrorCode.NotFound, data: { code: "unknown_lead" } });
    const notOurs = await makeLead(t, brandId, { userId: agent.id });
    const refused = await call({ bpoSourceLeadId: notOurs.id, dealerLeadId: 1, dealerLeadName: "DLEAD/00001", outcome: "won" });
    expect(refused.body.error.data.code).toBe("unknown_lead");
    expect((await t.c.store.repos.leads.findById(notOurs.id))!.isWon).toBe(false);
  });

  it("a Lost after Won is refused and the lead stays Won", async () => {
    const lead = await endorsedLead();
    await call({ bpoSourceLeadId: lead.id, dealerLeadId: 3, dealerLeadName: "DLEAD/00003", outcome: "won" });
    const res = await call({ bpoSourceLeadId: lead.id, dealerLeadId: 3, dealerLeadName: "DLEAD/00003", outcome: "lost", lostReason: "Price" });
    expect(res.body.error).toMatchObject({ code: RpcErrorCode.Conflict, data: { code: "lead_closed_differently" } });
    expect((await t.c.store.repos.leads.findById(lead.id))!.isWon).toBe(true);
  });
});
