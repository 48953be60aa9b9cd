import { makeBrand, makeLead, makeProduct } from "./helpers/factories";
import { type DealerTestApp, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";

let t: DealerTestApp;
let seller: TestUser;
let other: TestUser;
let brandId: number;
let productId: number;

beforeAll(async () => {
  t = await startDealerTestApp();
  seller = await t.user("dealer_user", "Sam Seller");
  other = await t.user("dealer_user", "Olga Other");
  brandId = (await makeBrand(t)).id;
  productId = (await makeProduct(t, brandId)).id;
});
afterAll(() => t.close());

describe("GET /api/leads/:id/mark-won-check", () => {
  it("answers with Mark Won's own refusal while no sale order is delivered, and changes nothing", async () => {
    const lead = await makeLead(t, brandId, { userId: seller.id, productId, stage: "Negotiation" });
    const check = await t.as(seller).get(`/api/leads/${lead.id}/mark-won-check`).expect(200);
    const won = await t.as(seller).post(`/api/leads/${lead.id}/mark-won`).expect(422);

    expect(check.body).toEqual({ allowed: false, code: "won_needs_delivery", reason: won.body.error.message });
    expect(check.body.reason).toContain("none of its sale orders is delivered");
    expect((await t.c.store.repos.leads.findById(lead.id))?.isWon).toBe(false);
  });

  it("asks for the last open stage first when the lead is still in New", async () => {
    const lead = await makeLead(t, brandId, { userId: seller.id, productId });
    const check = await t.as(seller).get(`/api/leads/${lead.id}/mark-won-check`).expect(200);
    expect(check.body).toEqual({ allowed: false, code: "won_from_last_stage", reason: 'Move the lead to "Negotiation" before marking it Won.' });
  });

  it("allows Mark Won once the order is delivered, and Mark Won then succeeds", async () => {
    const lead = await makeLead(t, brandId, { userId: seller.id, productId, stage: "Negotiation" });
    const order = (await t.as(seller).post(`/api/leads/${lead.id}/convert-to-quotation`).expect(201)).body;
    await t.as(seller).post(`/api/sale-orders/${order.id}/confirm`).expect(200);
    await t.as(seller).post(`/api/sale-orders/${order.id}/deliver`, { deliveryDate: "2026-11-20" }).expect(200);

    const check = await t.as(seller).get(`/api/leads/${lead.id}/mark-won-check`).expect(200);
    expect(check.body).toEqual({ allowed: true, code: null, reason: null });
    await t.as(seller).post(`/api/leads/${lead.id}/mark-won`).expect(200);
    const after = await t.as(seller).get(`/api/leads/${lead.id}/mark-won-check`).expect(200);
    expect(after.body).toMatchObject({ allowed: false, code: "lead_closed" });
  });

  it("tells a Dealer User the lead is not theirs", async () => {
    const lead = await makeLead(t, brandId, { userId: seller.id, productId, stage: "Negotiation" });
    const check = await t.as(other).get(`/api/leads/${lead.id}/mark-won-check`).expect(200);
    expect(check.body).toMatchObject({ allowed: false, code: "not_your_lead" });
  });

  it("answers 404 for a lead that does not exist", async () => {
    await t.as(seller).get("/api/leads/999999/mark-won-check").expect(404);
  });
});
