import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { connectTiggoDealership } from "./helpers/cross-service-fixtures";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { type RunningDealer, connectDealerCallbacks, startRunningDealer } from "./helpers/running-dealer";
import { closeInOrder } from "./helpers/test-file";
import { type BpoOutbox, startBpoOutbox } from "../src/jobs/outbox-jobs";
import { leadEventKind } from "../src/domain/lead-live-events";
import { type DealerOutbox, startDealerOutbox } from "../../dealer-service/src/jobs/outbox-jobs";
import { type LoopbackServer, listenOnLoopback, until } from "@crm/test-kit";

/** BPO and a real dealer-service over real HTTP, with the BPO worker's outbox delivering endorsements. */
let t: BpoTestApp;
let dealer: RunningDealer;
let outbox: BpoOutbox;
let dealerOutbox: DealerOutbox;
let bpoServer: LoopbackServer;
let agent: TestUser;
let manager: TestUser;
let chery: { id: number };
let jaecoo: { id: number };
let dealershipId: number;

beforeAll(async () => {
  [t, dealer] = await Promise.all([
    startBpoTestApp({ OUTBOX_BACKOFF_MS: "200", OUTBOX_ATTEMPTS: "20", OUTBOX_POLL_MS: "100", PUBLIC_URL: "https://bpo.example.test" }),
    startRunningDealer(),
  ]);
  agent = await t.user("agent", "Ana Agent");
  manager = await t.user("manager");
  chery = await makeBrand(t, "CHERY");
  jaecoo = await makeBrand(t, "JAECOO");
  dealershipId = await connectTiggoDealership(t, manager, dealer, chery.id);
  outbox = startBpoOutbox(t.c);
  // The dealer calls back over real HTTP with a key this BPO issued to it.
  bpoServer = await listenOnLoopback(t.app);
  await connectDealerCallbacks(t, manager, dealershipId, dealer, bpoServer.url);
  dealerOutbox = startDealerOutbox(dealer.d.c);
});
afterAll(() => closeInOrder([() => dealerOutbox.close(), () => bpoServer.close(), () => outbox.close(), () => dealer.stop(), () => t.close()]));

const claimedLead = async (brandId: number, extra: { vehicle?: boolean } = {}) => {
  const lead = await makeLead(t, brandId, { userId: agent.id, stage: "Qualified", email: "juan@example.com" });
  if (extra.vehicle) {
    const vm = (await t.c.store.repos.catalog.listVehicleModels({ brandId }))[0]!;
    await t.c.store.repos.leads.update(lead.id, { vehicleModelId: vm.id });
  }
  return lead;
};
const bpoLead = (id: number) => t.c.store.repos.leads.findById(id);

describe("Endorse to a dealership, end to end", () => {
  it("with S.Q.: the dealer lead lands in Negotiation with a draft quotation and the exact first chatter line", async () => {
    const lead = await claimedLead(chery.id, { vehicle: true });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: true }).set("x-correlation-id", "corr-endorse-e2e");
    expect(res.status).toBe(200);
    // The correlation id of the request travels with the outbox row into the worker's call to the dealer.
    const row = (await t.c.store.repos.outbox.listByTopic("dealer.receiveEndorsedLead")).find((r) => (r.payload as { leadId: number }).leadId === lead.id);
    expect(row!.correlationId).toBe("corr-endorse-e2e");
    expect(res.body).toMatchObject({ endorsementStatus: "pending", endorsementType: "with_sq", stage: { name: "Negotiation" } });

    const delivered = await until(() => bpoLead(lead.id), (l) => l!.endorsementStatus === "delivered");
    expect(delivered!.dealerLeadName).toMatch(/^DLEAD\/\d{5}$/);
    expect(delivered!.dealerQuotationName).toMatch(/^S\d{5}$/);

    const dealerLead = await dealer.d.c.store.repos.leads.findByBpoOrigin("https://bpo.example.test", lead.id);
    expect(dealerLead).toMatchObject({ reference: delivered!.dealerLeadName, contactName: lead.contactName, bpoSourceLeadName: lead.reference });
    const dealerChatter = await dealer.d.c.store.repos.messages.list({ leadId: dealerLead!.id });
    expect(dealerChatter.at(-1)!.body).toBe(`Lead endorsed from BPO CRM https://bpo.example.test (source lead ${lead.reference}, with S.Q.)`);

    const bpoChatter = (await t.c.store.repos.messages.listForLead(lead.id)).map((m) => m.body);
    expect(bpoChatter).toContain(`Dealer lead ${delivered!.dealerLeadName} with draft quotation ${delivered!.dealerQuotationName} created at Dealer MAKATI.`);
  });

  it("carries the customer's preferred contact time to the dealer lead and its card", async () => {
    const lead = await claimedLead(chery.id, { vehicle: true });
    expect((await t.as(agent).patch(`/api/leads/${lead.id}`, { preferredContactTime: "afternoon" })).status).toBe(200);
    expect((await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: false })).status).toBe(200);
    const delivered = await until(() => bpoLead(lead.id), (l) => l!.endorsementStatus === "delivered");
    const dealerLead = await dealer.d.c.store.repos.leads.findById(delivered!.dealerLeadId!);
    expect(dealerLead!.preferredContactTime).toBe("afternoon");
    const dm = await dealer.d.user("dealer_manager");
    const list = (await dealer.d.as(dm).get("/api/leads?endorsed=true")).body.cards as { id: number; preferredContactTime: string | null }[];
    expect(list.find((c) => c.id === dealerLead!.id)!.preferredContactTime).toBe("afternoon");
  });

  it("the dealer delivers and marks Won, or marks Lost, and the BPO lead flips to match through the callback", async () => {
    const dm = await dealer.d.user("dealer_manager");
    const endorse = async () => {
      const lead = await claimedLead(chery.id, { vehicle: true });
      await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: true });
      const delivered = await until(() => bpoLead(lead.id), (l) => l!.endorsementStatus === "delivered");
      return { lead, dealerLeadId: delivered!.dealerLeadId!, quotation: delivered!.dealerQuotationName! };
    };
    const won = await endorse();
    const order = (await dealer.d.as(dm).get(`/api/leads/${won.dealerLeadId}/sale-orders`)).body.orders[0];
    expect(order.name).toBe(won.quotation);
    expect((await dealer.d.as(dm).post(`/api/sale-orders/${order.id}/confirm`)).status).toBe(200);
    expect((await dealer.d.as(dm).post(`/api/sale-orders/${order.id}/deliver`, { deliveryDate: "2026-11-24" })).status).toBe(200);
    expect((await dealer.d.as(dm).post(`/api/leads/${won.dealerLeadId}/mark-won`)).status).toBe(200);
    const bpoWon = await until(() => t.c.store.repos.leads.findView(won.lead.id), (l) => l!.isWon);
    expect(bpoWon).toMatchObject({ isWon: true, stage: { name: "Won" }, dealerSoName: order.name });
    const dealerSide = await until(() => dealer.d.c.store.repos.leads.findById(won.dealerLeadId), (l) => l!.callbackStatus === "delivered");
    expect(dealerSide!.callbackStatus).toBe("delivered");

    const lost = await endorse();
    const reasons = (await dealer.d.as(dm).get("/api/lost-reasons")).body.lostReasons;
    const price = reasons.find((r: { code: string }) => r.code === "price");
    expect((await dealer.d.as(dm).post(`/api/leads/${lost.dealerLeadId}/mark-lost`, { lostReasonId: price.id, notes: "Too expensive" })).status).toBe(200);
    const bpoLost = await until(() => bpoLead(lost.lead.id), (l) => l!.isLost);
    expect(bpoLost).toMatchObject({ isLost: true, lostReason: "price" });
    const chatter = (await t.c.store.repos.messages.listForLead(lost.lead.id)).map((m) => m.body);
    expect(chatter.some((b) => b.startsWith("Dealer MAKATI marked DLEAD/") && b.includes("as Lost. Reason: Price"))).toBe(true);

    // A seeded dealer reason whose label is not the BPO's arrives by its code, with the dealer's label kept.
    const declined = await endorse();
    const financing = reasons.find((r: { code: string }) => r.code === "financing_declined");
    expect((await dealer.d.as(dm).post(`/api/leads/${declined.dealerLeadId}/mark-lost`, { lostReasonId: financing.id })).status).toBe(200);
    const bpoDeclined = await until(() => bpoLead(declined.lead.id), (l) => l!.isLost);
    expect(bpoDeclined).toMatchObject({ lostReason: "financing", dealerLostReasonCode: "financing_declined", dealerLostReasonLabel: financing.name });
  });

  it("tells open pages about each step: the endorse request, the delivery and the dealer's outcome", async () => {
    const lead = await claimedLead(chery.id);
    const seen: string[] = [];
    const unsubscribe = await t.c.leadEvents.subscribe((e) => {
      if (e.leadId === lead.id) seen.push(leadEventKind(e.was, e.now));
    });
    try {
      await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: false });
      // The delivery can finish before the request's own event is read, so wait for both and check them together.
      const delivered = await until(() => bpoLead(lead.id), (l) => l!.endorsementStatus === "delivered");
      await until(async () => seen.length, (n) => n >= 2);
      expect(seen).toEqual(["lead.updated", "lead.updated"]);

      const dm = await dealer.d.user("dealer_manager");
      const reasons = (await dealer.d.as(dm).get("/api/lost-reasons")).body.lostReasons;
      await dealer.d.as(dm).post(`/api/leads/${delivered!.dealerLeadId}/mark-lost`, { lostReasonId: reasons[0].id });
      await until(() => bpoLead(lead.id), (l) => l!.isLost);
      await until(async () => seen.length, (n) => n >= 3);
      expect(seen).toEqual(["lead.updated", "lead.updated", "lead.closed"]);
    } finally {
      unsubscribe();
    }
  });

  it("endorsing again returns the same dealer lead and writes no second message", async () => {
    const lead = await claimedLead(chery.id);
    await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: false });
    const first = await until(() => bpoLead(lead.id), (l) => l!.endorsementStatus === "delivered");
    const again = await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: false });
    expect(again.status).toBe(200);
    expect(again.body.dealerLeadName).toBe(first!.dealerLeadName);
    expect((await t.c.store.repos.outbox.listByTopic("dealer.receiveEndorsedLead")).filter((r) => (r.payload as { leadId: number }).leadId === lead.id)).toHaveLength(1);
  });

  it("an unknown brand code at the dealership is a permanent failure shown on the BPO lead and its chatter", async () => {
    const lead = await claimedLead(jaecoo.id);
    const d2 = await makeDealership(t, jaecoo.id, "JAECOODLR");
    await t.as(manager).put(`/api/dealerships/${d2.id}/connection`, { url: dealer.url, key: dealer.serviceKey });
    await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId: d2.id, withQuotation: true });
    const failed = await until(() => bpoLead(lead.id), (l) => l!.endorsementStatus === "failed");
    expect(failed!.endorsementStatus).toBe("failed");
    expect(failed!.endorsementError).toContain('brand code not configured: "JAECOO" has no matching brand on this dealership');
    const chatter = (await t.c.store.repos.messages.listForLead(lead.id)).map((m) => m.body);
    expect(chatter.some((b) => b.startsWith("Endorsement failed:") && b.includes("JAECOO"))).toBe(true);
    const dead = await t.as(manager).get("/api/outbox/dead");
    expect(dead.body.messages.some((m: { payload: { leadId: number } }) => m.payload.leadId === lead.id)).toBe(true);
  });

  it("when the dealer is down the endorsement waits and is delivered once after it comes back", async () => {
    await dealer.pause();
    try {
      const lead = await claimedLead(chery.id);
      await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: false });
      const waiting = await until(() => bpoLead(lead.id), (l) => (l!.endorsementError ?? "").includes("Cannot reach"));
      expect(waiting).toMatchObject({ endorsementStatus: "pending" });
      await dealer.resume();
      const delivered = await until(() => bpoLead(lead.id), (l) => l!.endorsementStatus === "delivered", 20_000);
      expect(delivered!.endorsementStatus).toBe("delivered");
      const dealerLeads = await dealer.d.c.store.db.lead.count({ where: { bpoSourceLeadId: lead.id } });
      expect(dealerLeads).toBe(1);
    } finally {
      await dealer.resume();
    }
  });

  it("is refused for an unclaimed lead, a closed lead, or a dealership without a connection", async () => {
    const pool = await makeLead(t, chery.id);
    expect((await t.as(agent).post(`/api/leads/${pool.id}/endorse`, { dealershipId, withQuotation: true })).body.error.code).toBe("lead_unclaimed");
    const lost = await makeLead(t, chery.id, { userId: agent.id, stage: "Lost" });
    expect((await t.as(agent).post(`/api/leads/${lost.id}/endorse`, { dealershipId, withQuotation: true })).body.error.code).toBe("lead_closed");
    const bare = await makeDealership(t, chery.id, "NOCONN");
    const lead = await claimedLead(chery.id);
    const res = await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId: bare.id, withQuotation: true });
    expect(res.body.error.code).toBe("dealership_not_configured");
    expect((await bpoLead(lead.id))!.endorsementStatus).toBe("none");
  });
});
