import { CONTRACT_VERSION, DEALER_LEAD_STATUS, ZLeadStatusResponseSchema } from "@crm/contracts";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { type RunningDealer, startRunningDealer } from "./helpers/running-dealer";
import { type BpoOutbox, startBpoOutbox } from "../src/jobs/outbox-jobs";
import { until } from "@crm/test-kit";

/** dealer.leadStatus (issue 16 reconciliation): the BPO asks a real dealer-service over HTTP with its service key. */
let t: BpoTestApp;
let dealer: RunningDealer;
let outbox: BpoOutbox;
let agent: TestUser;
let dealershipId: number;
const BPO_URL = "https://bpo.example.test";

beforeAll(async () => {
  [t, dealer] = await Promise.all([startBpoTestApp({ OUTBOX_BACKOFF_MS: "200", OUTBOX_POLL_MS: "100", PUBLIC_URL: BPO_URL }), startRunningDealer()]);
  agent = await t.user("agent");
  const manager = await t.user("manager");
  const chery = await makeBrand(t, "CHERY");
  await dealer.d.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
  dealershipId = (await makeDealership(t, chery.id, "MAKATI")).id;
  await t.as(manager).put(`/api/dealerships/${dealershipId}/connection`, { url: dealer.url, key: dealer.serviceKey });
  outbox = startBpoOutbox(t.c);
});
afterAll(async () => {
  await outbox.close();
  await dealer.stop();
  await t.close();
});

describe("dealer.leadStatus across two real services", () => {
  it("answers, per BPO lead id of a batch, the dealer lead's stage, outcome and callback, and null for leads it never got", async () => {
    const lead = await makeLead(t, (await t.c.store.repos.catalog.listBrands())[0]!.id, { userId: agent.id, stage: "Qualified" });
    expect((await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: false })).status).toBe(200);
    const delivered = await until(() => t.c.store.repos.leads.findById(lead.id), (l) => l!.endorsementStatus === "delivered");
    expect(delivered!.endorsementStatus).toBe("delivered");

    const { client } = await t.c.dealerLinks.clientFor(dealershipId);
    const answer = await client.call(DEALER_LEAD_STATUS, { contractVersion: CONTRACT_VERSION, bpoSourceUrl: BPO_URL, bpoSourceLeadIds: [lead.id, 987654] }, ZLeadStatusResponseSchema);
    expect(answer.leads).toHaveLength(2);
    const [known, unknown] = answer.leads;
    expect(known).toMatchObject({
      bpoSourceLeadId: lead.id,
      lead: { dealerLeadName: delivered!.dealerLeadName, outcome: "open", active: true, callbackStatus: "none", callbackError: null, closedAt: null },
      saleOrder: null,
    });
    expect(unknown).toEqual({ bpoSourceLeadId: 987654, lead: null, saleOrder: null });
  });

  it("refuses a batch over 200 ids with an invalid-params error naming the limit", async () => {
    const { client } = await t.c.dealerLinks.clientFor(dealershipId);
    const ids = Array.from({ length: 201 }, (_, i) => i + 1);
    await expect(client.call(DEALER_LEAD_STATUS, { contractVersion: CONTRACT_VERSION, bpoSourceUrl: BPO_URL, bpoSourceLeadIds: ids }, ZLeadStatusResponseSchema)).rejects.toThrow(/At most 200 lead ids per call/);
  });
});
