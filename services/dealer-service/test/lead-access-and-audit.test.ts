import request from "supertest";
import { type DealerTestApp, TEST_PASSWORD, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";
import { makeBrand, makeLead, makeProduct, sourceByCode } from "./helpers/factories";

let t: DealerTestApp;
let user: TestUser;
let otherUser: TestUser;
let manager: TestUser;
let brandId: number;

beforeAll(async () => {
  t = await startDealerTestApp();
  user = await t.user("dealer_user", "Una User");
  otherUser = await t.user("dealer_user", "Otto Other");
  manager = await t.user("dealer_manager", "Mina Manager");
  brandId = (await makeBrand(t)).id;
});
afterAll(() => t.close());

describe("manual lead creation", () => {
  it("creates a lead in New owned by its creator, with the chosen source and created_by kept", async () => {
    const referral = await sourceByCode(t, "referral");
    const res = await t.as(user).post("/api/leads", { contactName: "Ana Cruz", mobile: "+63 917 555 0101", brandId, sourceId: referral.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      contactName: "Ana Cruz",
      stage: { name: "New" },
      source: { code: "referral" },
      user: { id: user.id },
      createdBy: { id: user.id },
      bpoSourceLeadId: null,
    });
    expect(res.body.reference).toMatch(/^DLEAD\/\d{5}$/);
  });

  it("answers 400 naming the missing mobile and writes no lead", async () => {
    const before = await t.c.store.repos.leads.list({}, null, 1000);
    const res = await t.as(user).post("/api/leads", { contactName: "No Mobile", brandId });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "mobile", message: "Mobile is required" }]);
    expect(res.body.error.message).toContain("mobile: Mobile is required");
    expect(await t.c.store.repos.leads.list({}, null, 1000)).toHaveLength(before.length);
  });

  it("refuses an endorsement source on a manual lead", async () => {
    const endorsed = await sourceByCode(t, "endorsed_with_sq");
    const res = await t.as(user).post("/api/leads", { contactName: "Fake Endorse", mobile: "0917 000 1111", brandId, sourceId: endorsed.id });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("source_not_manual");
  });
});

describe("who may edit a lead (dealer-2 access matrix)", () => {
  it("refuses a Dealer User editing another user's lead and leaves it unchanged", async () => {
    const lead = await makeLead(t, brandId, { userId: otherUser.id, contactName: "Original Name" });
    const res = await t.as(user).patch(`/api/leads/${lead.id}`, { contactName: "Hijacked" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("not_your_lead");
    expect((await t.c.store.repos.leads.findById(lead.id))!.contactName).toBe("Original Name");
  });

  it("lets a Dealer Manager edit any user's lead", async () => {
    const lead = await makeLead(t, brandId, { userId: otherUser.id, contactName: "Original Name" });
    const res = await t.as(manager).patch(`/api/leads/${lead.id}`, { contactName: "Corrected Name" });
    expect(res.status).toBe(200);
    expect(res.body.contactName).toBe("Corrected Name");
  });

  it("lets a Dealer User read a colleague's lead (All Leads) but not move its stage", async () => {
    const lead = await makeLead(t, brandId, { userId: otherUser.id });
    expect((await t.as(user).get(`/api/leads/${lead.id}`)).status).toBe(200);
    const stages = (await t.as(user).get("/api/stages")).body.stages as { id: number; name: string }[];
    const move = await t.as(user).post(`/api/leads/${lead.id}/stage`, { stageId: stages.find((s) => s.name === "Qualified")!.id });
    expect(move.status).toBe(403);
  });

  it("does not let a Dealer User reassign their own lead to someone else", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id });
    const res = await t.as(user).patch(`/api/leads/${lead.id}`, { userId: otherUser.id });
    expect(res.status).toBe(403);
    expect((await t.c.store.repos.leads.findById(lead.id))!.userId).toBe(user.id);
  });
});

describe("chatter tracking", () => {
  it("records source, salesperson and contact changes as `field: old → new` with the author", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id, contactName: "Ben Santos", mobile: "0917 111 2222" });
    const inbound = await sourceByCode(t, "inbound_call");
    const res = await t.as(manager).patch(`/api/leads/${lead.id}`, { sourceId: inbound.id, userId: otherUser.id, mobile: "0917 333 4444", budgetMin: 100 });
    expect(res.status).toBe(200);
    const chatter = await t.as(manager).get(`/api/leads/${lead.id}/messages`);
    const entry = chatter.body.messages[0];
    expect(entry).toMatchObject({ kind: "tracking", authorName: "Mina Manager" });
    expect(entry.body.split("\n")).toEqual(["Salesperson: Una User → Otto Other", "Source: Walk-In → Inbound Call", "Mobile: 0917 111 2222 → 0917 333 4444"]);
    expect(new Date(entry.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("lets the salesperson correct the source of an endorsed lead, tracked in the chatter, and put the endorsement source back", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id, source: "endorsed_without_sq", bpoSourceLeadId: 4242, bpoSourceLeadName: "LEAD/04242", bpoSourceUrl: "https://bpo.example" });
    const [referral, endorsed] = [await sourceByCode(t, "referral"), await sourceByCode(t, "endorsed_without_sq")];

    expect((await t.as(user).patch(`/api/leads/${lead.id}`, { sourceId: referral.id })).status).toBe(200);
    expect((await t.as(user).patch(`/api/leads/${lead.id}`, { sourceId: endorsed.id })).status).toBe(200);

    const chatter = await t.as(user).get(`/api/leads/${lead.id}/messages`);
    expect(chatter.body.messages.map((m: { body: string }) => m.body)).toEqual(["Source: Referral → Endorsed from BPO (without S.Q.)", "Source: Endorsed from BPO (without S.Q.) → Referral"]);
    const after = await t.c.store.repos.leads.findById(lead.id);
    expect(after).toMatchObject({ sourceId: endorsed.id, bpoSourceLeadId: 4242, bpoSourceLeadName: "LEAD/04242" });
  });

  it("does not let a manual lead take an endorsement source by an edit", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id });
    const endorsed = await sourceByCode(t, "endorsed_with_sq");
    const res = await t.as(user).patch(`/api/leads/${lead.id}`, { sourceId: endorsed.id });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("source_not_manual");
    expect((await t.c.store.repos.leads.findById(lead.id))?.sourceId).toBe(lead.sourceId);
  });

  it("writes no tracking entry when only untracked fields change", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id });
    await t.as(user).patch(`/api/leads/${lead.id}`, { internalNotes: "prefers weekends" });
    const chatter = await t.as(user).get(`/api/leads/${lead.id}/messages`);
    expect(chatter.body.messages).toEqual([]);
  });
});

describe("retention", () => {
  it("refuses a hard delete while a sale order is linked, and deletes a lead without orders", async () => {
    const productId = (await makeProduct(t, brandId)).id;
    const withOrder = await makeLead(t, brandId, { userId: user.id, productId });
    await t.as(user).post(`/api/leads/${withOrder.id}/convert-to-quotation`);
    const refused = await t.as(manager).delete(`/api/leads/${withOrder.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("lead_has_orders");
    expect(await t.c.store.repos.leads.findById(withOrder.id)).not.toBeNull();

    const plain = await makeLead(t, brandId, { userId: user.id });
    expect((await t.as(manager).delete(`/api/leads/${plain.id}`)).status).toBe(204);
    expect(await t.c.store.repos.leads.findById(plain.id)).toBeNull();
  });

  it("hides an archived lead from All Leads and shows it again when restored", async () => {
    const lead = await makeLead(t, brandId, { userId: user.id, contactName: "Archie Ved" });
    await t.as(user).post(`/api/leads/${lead.id}/archive`);
    const hidden = await t.as(user).get("/api/leads?q=Archie");
    expect(hidden.body.cards).toEqual([]);
    const archived = await t.as(user).get("/api/leads?q=Archie&archived=true");
    expect(archived.body.cards.map((c: { id: number }) => c.id)).toEqual([lead.id]);
    await t.as(user).post(`/api/leads/${lead.id}/restore`);
    expect((await t.as(user).get("/api/leads?q=Archie")).body.cards).toHaveLength(1);
  });
});

describe("authentication", () => {
  it("refuses every API call without a session", async () => {
    const res = await request(t.app).get("/api/leads");
    expect(res.status).toBe(401);
  });

  it("logs a dealer user in with a httpOnly session cookie", async () => {
    const res = await request(t.app).post("/api/auth/login").send({ login: user.login, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/sid=.+HttpOnly/);
  });

  it("refuses a REST login for the service account even with the right password", async () => {
    const sa = await t.user("service_account");
    const res = await request(t.app).post("/api/auth/login").send({ login: sa.login, password: TEST_PASSWORD, kind: "api" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("service_account_not_allowed");
    expect(res.body.token).toBeUndefined();
  });
});
