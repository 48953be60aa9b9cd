import { type DealerTestApp, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";
import { makeBrand, makeLead, makeProduct } from "./helpers/factories";

let t: DealerTestApp;
let user: TestUser;
let manager: TestUser;
let brandId: number;
let productId: number;

beforeAll(async () => {
  t = await startDealerTestApp();
  user = await t.user("dealer_user");
  manager = await t.user("dealer_manager");
  brandId = (await makeBrand(t)).id;
  productId = (await makeProduct(t, brandId, { listPrice: 1_250_000 })).id;
});
afterAll(() => t.close());

const bodies = (res: { body: { messages: { body: string }[] } }) => res.body.messages.map((m) => m.body);

describe("sale order flow and Mark Won (dealer-1)", () => {
  it("refuses Mark Won while no linked order is delivered, and accepts it after confirm and delivery", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id, stage: "Negotiation", productId });
    const early = await t.as(user).post(`/api/leads/${lead.id}/mark-won`);
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe("won_needs_delivery");
    expect(early.body.error.message).toContain("none of its sale orders is delivered");

    const quote = await t.as(user).post(`/api/leads/${lead.id}/convert-to-quotation`);
    expect(quote.status).toBe(201);
    expect(quote.body).toMatchObject({ state: "draft", leadId: lead.id, amountTotal: 1_250_000 });
    expect(quote.body.name).toMatch(/^S\d{5}$/);
    expect(quote.body.lines).toEqual([expect.objectContaining({ productId, quantity: 1, unitPrice: 1_250_000 })]);

    const confirmed = await t.as(user).post(`/api/sale-orders/${quote.body.id}/confirm`);
    expect(confirmed.body.state).toBe("sale");
    const stillRefused = await t.as(user).post(`/api/leads/${lead.id}/mark-won`);
    expect(stillRefused.body.error.code).toBe("won_needs_delivery");

    const delivered = await t.as(user).post(`/api/sale-orders/${quote.body.id}/deliver`, { deliveryDate: "2026-11-20" });
    expect(delivered.body).toMatchObject({ state: "done", deliveryDate: "2026-11-20" });

    const won = await t.as(user).post(`/api/leads/${lead.id}/mark-won`);
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ isWon: true, stage: { name: "Won" }, callbackStatus: "none" });

    const orderChatter = await t.as(user).get(`/api/sale-orders/${quote.body.id}/messages`);
    expect(bodies(orderChatter)).toEqual(
      expect.arrayContaining(["Status: Quotation → Sales Order", "Status: Sales Order → Delivered"]),
    );
    const leadChatter = await t.as(user).get(`/api/leads/${lead.id}/messages`);
    expect(bodies(leadChatter)).toEqual(
      expect.arrayContaining([`Sale order ${quote.body.name}: Sales Order → Delivered on 2026-11-20`, "Marked as Won (vehicle delivered)", "Stage: Negotiation → Won"]),
    );
  });

  it("refuses Convert to Quotation on a lead without a vehicle", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id, stage: "Negotiation" });
    const res = await t.as(user).post(`/api/leads/${lead.id}/convert-to-quotation`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("lead_has_no_product");
    expect(await t.c.store.repos.orders.listForLead(lead.id)).toEqual([]);
  });

  it("lets quotation lines change while draft and refuses it once confirmed", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id, productId });
    const quote = await t.as(user).post(`/api/leads/${lead.id}/convert-to-quotation`);
    const edited = await t.as(user).put(`/api/sale-orders/${quote.body.id}/lines`, { lines: [{ productId, quantity: 2, unitPrice: 1_200_000 }] });
    expect(edited.status).toBe(200);
    expect(edited.body.amountTotal).toBe(2_400_000);
    await t.as(user).post(`/api/sale-orders/${quote.body.id}/confirm`);
    const late = await t.as(user).put(`/api/sale-orders/${quote.body.id}/lines`, { lines: [{ productId, quantity: 3 }] });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe("order_not_draft");
  });

  it("cancels a confirmed order and refuses to deliver it afterwards", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id, productId });
    const quote = await t.as(user).post(`/api/leads/${lead.id}/convert-to-quotation`);
    await t.as(user).post(`/api/sale-orders/${quote.body.id}/confirm`);
    expect((await t.as(user).post(`/api/sale-orders/${quote.body.id}/cancel`)).body.state).toBe("cancel");
    const deliver = await t.as(user).post(`/api/sale-orders/${quote.body.id}/deliver`, { deliveryDate: "2026-11-21" });
    expect(deliver.status).toBe(422);
    expect(deliver.body.error.code).toBe("order_state_refused");
  });
});

describe("Mark Lost wizard", () => {
  it("requires a reason and writes nothing without one", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id });
    const res = await t.as(user).post(`/api/leads/${lead.id}/mark-lost`, { notes: "changed mind" });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([expect.objectContaining({ path: "lostReasonId", message: "Lost Reason is required" })]);
    expect((await t.c.store.repos.leads.findById(lead.id))!.isLost).toBe(false);
  });

  it("closes the lead with the reason and posts reason and notes to the chatter", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id, stage: "Qualified" });
    const reasons = await t.as(manager).get("/api/lost-reasons");
    const price = reasons.body.lostReasons.find((r: { code: string }) => r.code === "price");
    const res = await t.as(manager).post(`/api/leads/${lead.id}/mark-lost`, { lostReasonId: price.id, notes: "Found a cheaper unit" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isLost: true, stage: { name: "Lost" }, lostReason: { name: "Price" }, lostNotes: "Found a cheaper unit" });
    const chatter = await t.as(user).get(`/api/leads/${lead.id}/messages`);
    expect(bodies(chatter)).toEqual(expect.arrayContaining(["Marked as Lost. Reason: Price\nFound a cheaper unit", "Stage: Qualified → Lost"]));
  });
});
