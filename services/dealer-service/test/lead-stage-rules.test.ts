import { type DealerTestApp, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";
import { makeBrand, makeLead, makeProduct, stageByName } from "./helpers/factories";

let t: DealerTestApp;
let user: TestUser;
let brandId: number;

beforeAll(async () => {
  t = await startDealerTestApp();
  user = await t.user("dealer_user");
  brandId = (await makeBrand(t)).id;
});
afterAll(() => t.close());

describe("forward-only stage rule (dealer-2)", () => {
  it("moves a lead from New to Qualified and records the change in the chatter with its author", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id });
    const res = await t.as(user).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "Qualified")).id });
    expect(res.status).toBe(200);
    expect(res.body.stage.name).toBe("Qualified");
    const chatter = await t.as(user).get(`/api/leads/${lead.id}/messages`);
    expect(chatter.body.messages[0]).toMatchObject({
      kind: "tracking",
      body: "Stage: New → Qualified",
      authorName: user.name,
      changes: [{ field: "stageId", label: "Stage", old: "New", new: "Qualified" }],
    });
  });

  it("refuses a skip (New → Negotiation) with the BPO-worded message and leaves the lead in New", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id });
    const res = await t.as(user).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "Negotiation")).id });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("stage_transition_refused");
    expect(res.body.error.message).toBe(
      'Leads can only move forward one stage at a time. From "New" the only allowed next stage is "Qualified". Use the Mark Won or Mark Lost buttons to close the lead instead.',
    );
    expect((await t.c.store.repos.leads.findById(lead.id))!.stageId).toBe((await stageByName(t, "New")).id);
  });

  it("refuses going backwards (Negotiation → Qualified)", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id, stage: "Negotiation" });
    const res = await t.as(user).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "Qualified")).id });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe(
      'Leads can only move forward one stage at a time. From "Negotiation" there is no next open stage. Use the Mark Won or Mark Lost buttons to close the lead instead.',
    );
    expect((await t.c.store.repos.leads.findById(lead.id))!.stageId).toBe((await stageByName(t, "Negotiation")).id);
  });

  it("runs Mark Won for a move into Won, so a lead without a delivered order is refused with Mark Won's reason and stays open", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id, stage: "Negotiation" });
    const res = await t.as(user).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "Won")).id });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("won_needs_delivery");
    expect(res.body.error.message).toBe(`Lead ${lead.reference} cannot be marked Won yet: none of its sale orders is delivered. Confirm and deliver the sale order first.`);
    expect((await t.c.store.repos.leads.findById(lead.id))!.isWon).toBe(false);

    const early = await makeLead(t, brandId, { userId: user.id, stage: "Qualified" });
    const fromQualified = await t.as(user).post(`/api/leads/${early.id}/stage`, { stageId: (await stageByName(t, "Won")).id });
    expect(fromQualified.body.error).toMatchObject({ code: "won_from_last_stage", message: 'Move the lead to "Negotiation" before marking it Won.' });
  });

  it("marks a lead Won when it is moved into Won once its sale order is delivered, as Mark Won does (chatter, BPO callback queued)", async () => {
    const productId = (await makeProduct(t, brandId)).id;
    const lead = await makeLead(t, brandId, { userId: user.id, stage: "Negotiation", productId, bpoSourceLeadId: 9101, bpoSourceLeadName: "LEAD/9101", bpoSourceUrl: "https://bpo.example.com" });
    const quote = await t.as(user).post(`/api/leads/${lead.id}/convert-to-quotation`);
    await t.as(user).post(`/api/sale-orders/${quote.body.id}/confirm`);
    await t.as(user).post(`/api/sale-orders/${quote.body.id}/deliver`, { deliveryDate: "2026-11-20" });

    const res = await t.as(user).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "Won")).id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isWon: true, stage: { name: "Won" }, callbackStatus: "pending" });
    const chatter = await t.as(user).get(`/api/leads/${lead.id}/messages`);
    expect(chatter.body.messages.map((m: { body: string }) => m.body)).toEqual(expect.arrayContaining(["Marked as Won (vehicle delivered)", "Stage: Negotiation → Won"]));
  });

  it("does not accept a stage through the generic edit endpoint", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id });
    const res = await t.as(user).patch(`/api/leads/${lead.id}`, { stageId: (await stageByName(t, "Negotiation")).id });
    expect(res.status).toBe(400);
    expect((await t.c.store.repos.leads.findById(lead.id))!.stageId).toBe((await stageByName(t, "New")).id);
  });
});
