import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeDealership, sourceByCode } from "./helpers/factories";

let t: BpoTestApp;
let agent: TestUser;
let brandId: number;
let sourceId: number;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent", "Ana Agent");
  brandId = (await makeBrand(t, "CHERY")).id;
  sourceId = (await sourceByCode(t, "inbound_call")).id;
});
afterAll(() => t.close());

const countLeads = () => t.c.store.db.lead.count();

describe("manual lead intake (bpo-1)", () => {
  it("creates a lead in New, unclaimed, with the source it was given and a LEAD/ reference", async () => {
    const res = await t.as(agent).post("/api/leads", { contactName: "Juan Dela Cruz", mobile: "+63 917 555 0101", brandId, sourceId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      contactName: "Juan Dela Cruz",
      mobile: "+63 917 555 0101",
      user: null,
      stage: { name: "New" },
      source: { code: "inbound_call" },
      brand: { id: brandId, code: "CHERY" },
      isWon: false,
      isLost: false,
    });
    expect(res.body.reference).toMatch(/^LEAD\/\d{5}$/);
  });

  it("claims the new lead for its creator when asked", async () => {
    const res = await t.as(agent).post("/api/leads", { contactName: "Maria Santos", mobile: "09171234567", brandId, sourceId, claim: true });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({ id: agent.id, name: "Ana Agent" });
  });

  it("never deduplicates manual leads: the same customer twice gives two leads", async () => {
    const body = { contactName: "Pedro Penduko", mobile: "09170000001", email: "pedro@example.com", brandId, sourceId };
    const a = await t.as(agent).post("/api/leads", body);
    const b = await t.as(agent).post("/api/leads", body);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it("with a missing mobile answers 400 naming the field and writes no row", async () => {
    const before = await countLeads();
    const res = await t.as(agent).post("/api/leads", { contactName: "No Phone", brandId, sourceId });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.issues).toEqual([{ path: "mobile", message: "Mobile is required" }]);
    expect(await countLeads()).toBe(before);
  });

  it("names every missing required field at once", async () => {
    const res = await t.as(agent).post("/api/leads", {});
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["brandId", "contactName", "mobile", "sourceId"]);
    expect(res.body.error.message).toContain("Customer Name is required");
    expect(res.body.error.message).toContain("Interested Brand is required");
    expect(res.body.error.message).toContain("Source is required");
  });

  it("without a source answers 400 naming Source and writes no row (bpo-3: the source is required on every lead)", async () => {
    const before = await countLeads();
    const res = await t.as(agent).post("/api/leads", { contactName: "No Source", mobile: "09170009999", brandId });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.issues).toEqual([{ path: "sourceId", message: "Source is required" }]);
    expect(await countLeads()).toBe(before);
  });

  it("refuses an archived source by name of the field", async () => {
    const archived = (await t.as(await t.user("manager")).post("/api/lead-sources", { code: "old_promo", name: "Old Promo", sourceType: "campaign", active: false })).body as { id: number };
    const res = await t.as(agent).post("/api/leads", { contactName: "Archived Source", mobile: "09170008888", brandId, sourceId: archived.id });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "sourceId", message: "Unknown or archived source" }]);
  });

  it("refuses an unknown brand, unknown fields and a budget min above max without writing", async () => {
    const before = await countLeads();
    const unknownBrand = await t.as(agent).post("/api/leads", { contactName: "X", mobile: "0917", brandId: 999999, sourceId });
    expect(unknownBrand.status).toBe(400);
    expect(unknownBrand.body.error.code).toBe("unknown_brand");
    const extra = await t.as(agent).post("/api/leads", { contactName: "X", mobile: "0917", brandId, sourceId, isWon: true });
    expect(extra.status).toBe(400);
    const budget = await t.as(agent).post("/api/leads", { contactName: "X", mobile: "0917", brandId, sourceId, budgetMin: 10, budgetMax: 5 });
    expect(budget.status).toBe(400);
    expect(budget.body.error.issues[0].path).toBe("budgetMin");
    expect(await countLeads()).toBe(before);
  });

  it("refuses a NUL character in text with 400 instead of failing in the database", async () => {
    const before = await countLeads();
    const res = await t.as(agent).post("/api/leads", { contactName: "a\u0000b", mobile: "0917", brandId, sourceId });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("nul_character");
    expect(await countLeads()).toBe(before);
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const res = await t
      .as(agent)
      .post("/api/leads")
      .set("content-type", "application/json")
      .send('{"contactName": "oops"');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("malformed_json");
  });

  it("stores every optional field a salesperson captures", async () => {
    const dealership = await makeDealership(t, brandId);
    const referral = await sourceByCode(t, "referral");
    const res = await t.as(agent).post("/api/leads", {
      contactName: "Full Fields",
      mobile: "09175550000",
      brandId,
      email: "Full@Example.com",
      phone: "02 8123 4567",
      street: "1 Ayala Ave",
      city: "Makati",
      zipCode: "1226",
      countryCode: "ph",
      stateCode: "NCR",
      dealershipId: dealership.id,
      preferredColor: "Red",
      quantity: 2,
      expectedPrice: 1_250_000,
      budgetMin: 1_000_000,
      budgetMax: 1_500_000,
      customerNotes: "Wants it before Christmas",
      internalNotes: "Warm lead",
      hasTradeIn: true,
      tradeInMake: "Toyota",
      tradeInModel: "Vios",
      tradeInYear: 2016,
      tradeInMileageKm: 85000,
      tradeInExpectedValue: 350000,
      financingNeeded: true,
      financingType: "bank",
      downPayment: 250000,
      priority: 3,
      sourceId: referral.id,
      preferredDate: "2026-12-05",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: "full@example.com",
      countryCode: "PH",
      dealership: { id: dealership.id },
      expectedPrice: 1250000,
      tradeInExpectedValue: 350000,
      financingType: "bank",
      priority: 3,
      source: { code: "referral" },
      preferredDate: "2026-12-05",
    });
  });
});

describe("editing a lead", () => {
  it("records tracked field changes in the chatter as field: old → new with the author", async () => {
    const created = await t.as(agent).post("/api/leads", { contactName: "Old Name", mobile: "09170001111", brandId, sourceId, claim: true });
    const walkin = await sourceByCode(t, "walkin");
    const res = await t.as(agent).patch(`/api/leads/${created.body.id}`, {
      contactName: "New Name",
      email: "new@example.com",
      sourceId: walkin.id,
      preferredColor: "Blue",
    });
    expect(res.status).toBe(200);
    const msgs = (await t.as(agent).get(`/api/leads/${created.body.id}/messages`)).body.messages;
    const tracking = msgs.find((m: { kind: string }) => m.kind === "tracking");
    expect(tracking.authorName).toBe("Ana Agent");
    expect(tracking.changes).toEqual(
      expect.arrayContaining([
        { field: "contactName", label: "Customer Name", old: "Old Name", new: "New Name" },
        { field: "email", label: "Email", old: null, new: "new@example.com" },
        { field: "sourceId", label: "Source", old: "Inbound Call", new: "Walk-In" },
      ]),
    );
    // Untracked fields change silently.
    expect(tracking.changes.map((c: { field: string }) => c.field)).not.toContain("preferredColor");
    expect(tracking.body).toContain("Customer Name: Old Name → New Name");
  });

  it("an Agent must claim an unclaimed lead before editing it", async () => {
    const created = await t.as(agent).post("/api/leads", { contactName: "Pool Lead", mobile: "09170002222", brandId, sourceId });
    const res = await t.as(agent).patch(`/api/leads/${created.body.id}`, { preferredColor: "Red" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("lead_unclaimed");
  });

  it("an Agent cannot open another agent's lead", async () => {
    const other = await t.user("agent");
    const created = await t.as(other).post("/api/leads", { contactName: "Theirs", mobile: "09170003333", brandId, sourceId, claim: true });
    expect((await t.as(agent).get(`/api/leads/${created.body.id}`)).status).toBe(403);
  });
});
