import request from "supertest";
import { RpcErrorCode, type ReceiveEndorsedLeadRequest, type ReceiveSaleOrderRequest } from "@crm/contracts";
import { hashToken, newToken } from "@crm/platform";
import { makeBrand, makeProduct } from "./helpers/factories";
import { type DealerTestApp, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";

let t: DealerTestApp;
let admin: TestUser;
let serviceKey: string;
let brand: { id: number; code: string; name: string };
let mirage: { id: number; name: string; defaultCode: string };
let bpoLeadSeq = 1000;

beforeAll(async () => {
  t = await startDealerTestApp();
  admin = await t.user("dealer_admin");
  const sa = await t.user("service_account", "BPO CRM");
  serviceKey = (await t.as(admin).post("/api/service-keys", { userId: sa.id, label: "BPO" })).body.key;
  brand = await makeBrand(t, "MITS");
  mirage = await t.c.store.repos.catalog.createProduct({ brandId: brand.id, defaultCode: "MIR-G4-GLX", name: "Mirage G4 GLX CVT", listPrice: 900_000 });
  await t.c.store.repos.catalog.createProduct({ brandId: brand.id, defaultCode: "MON-GT", name: "Montero Sport GT 4x4", listPrice: 2_300_000 });
});
afterAll(() => t.close());

const rpc = (method: string, params: object, key = serviceKey) =>
  request(t.app).post("/rpc").set("authorization", `Bearer ${key}`).send({ jsonrpc: "2.0", id: 1, method, params });

const endorsement = (over: Partial<ReceiveEndorsedLeadRequest> = {}): ReceiveEndorsedLeadRequest => {
  const n = ++bpoLeadSeq;
  return {
    contractVersion: 1,
    contactName: `Juan Dela Cruz ${n}`,
    mobile: `+63917${n}000`,
    email: `juan${n}@example.com`,
    phone: null,
    street: "12 Rizal St",
    city: "Dasmariñas",
    zipCode: "4114",
    countryCode: "PH",
    stateCode: "CAV",
    brandCode: "MITS",
    productCode: "MIR-G4-GLX",
    vehicleModelName: "Mirage G4 GLX",
    preferredColor: "Red",
    quantity: 1,
    expectedPrice: 850_000,
    budgetMin: 800_000,
    budgetMax: 900_000,
    customerNotes: "Wants delivery before Christmas",
    internalNotes: "Hot lead",
    hasTradeIn: true,
    tradeIn: { make: "Toyota", model: "Vios", year: 2015, mileageKm: 90_000, expectedValue: 250_000 },
    financingNeeded: true,
    financingType: "bank",
    downPayment: 200_000,
    priority: 2,
    endorsementType: "with_sq",
    bpoSourceLeadId: n,
    bpoSourceLeadName: `LEAD/0${n}`,
    bpoSourceUrl: "https://bpo.example.com",
    ...over,
  };
};

describe("dealer.receiveEndorsedLead", () => {
  it("creates the lead in Negotiation with every pre-filled field, the BPO origin and the service account as creator", async () => {
    const input = endorsement();
    const res = await rpc("dealer.receiveEndorsedLead", input);
    expect(res.body.error).toBeUndefined();
    expect(res.body.result).toMatchObject({ dealerLeadName: expect.stringMatching(/./), created: true, saleOrderName: expect.stringMatching(/./) });
    const lead = await t.as(admin).get(`/api/leads/${res.body.result.dealerLeadId}`);
    expect(lead.body).toMatchObject({
      contactName: input.contactName,
      mobile: input.mobile,
      email: input.email,
      street: "12 Rizal St",
      city: "Dasmariñas",
      zipCode: "4114",
      country: { code: "PH" },
      state: { code: "CAV" },
      brand: { code: "MITS" },
      product: { defaultCode: "MIR-G4-GLX" },
      vehicleModelText: "Mirage G4 GLX",
      preferredColor: "Red",
      expectedPrice: 850_000,
      budgetMin: 800_000,
      budgetMax: 900_000,
      customerNotes: "Wants delivery before Christmas",
      internalNotes: "Hot lead",
      hasTradeIn: true,
      tradeInMake: "Toyota",
      tradeInModel: "Vios",
      tradeInYear: 2015,
      tradeInMileageKm: 90_000,
      tradeInExpectedValue: 250_000,
      financingNeeded: true,
      financingType: "bank",
      downPayment: 200_000,
      priority: 2,
      source: { code: "endorsed_with_sq" },
      stage: { name: "Negotiation" },
      bpoSourceLeadId: input.bpoSourceLeadId,
      bpoSourceLeadName: input.bpoSourceLeadName,
      bpoSourceUrl: "https://bpo.example.com",
      createdBy: { name: "BPO CRM" },
      callbackStatus: "none",
    });
  });

  it("writes the exact first chatter line and a draft quotation with the product line for the with-S.Q. variant", async () => {
    const input = endorsement();
    const res = await rpc("dealer.receiveEndorsedLead", input);
    const id = res.body.result.dealerLeadId;
    const messages = await t.c.store.repos.messages.list({ leadId: id });
    expect(messages.at(-1)?.body).toBe(`Lead endorsed from BPO CRM https://bpo.example.com (source lead ${input.bpoSourceLeadName}, with S.Q.)`);
    const orders = await t.c.store.repos.orders.listForLead(id);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ name: res.body.result.saleOrderName, state: "draft", lines: [{ productId: mirage.id, quantity: 1, unitPrice: 850_000 }] });
  });

  it("creates no sale order for the without-S.Q. variant and says so in the first chatter line", async () => {
    const input = endorsement({ endorsementType: "without_sq" });
    const res = await rpc("dealer.receiveEndorsedLead", input);
    expect(res.body.result).toMatchObject({ saleOrderName: null, created: true });
    const id = res.body.result.dealerLeadId;
    expect(await t.c.store.repos.orders.listForLead(id)).toHaveLength(0);
    const messages = await t.c.store.repos.messages.list({ leadId: id });
    expect(messages.map((m) => m.body)).toEqual([`Lead endorsed from BPO CRM https://bpo.example.com (source lead ${input.bpoSourceLeadName}, without S.Q.)`]);
    expect((await t.c.store.repos.leads.findById(id))?.sourceId).toBe((await t.c.store.repos.catalog.findSourceByCode("endorsed_without_sq"))?.id);
  });

  it("matches the product by fuzzy name within the brand when the code is unknown, and leaves it empty when nothing matches", async () => {
    const fuzzy = await rpc("dealer.receiveEndorsedLead", endorsement({ productCode: "NOPE", vehicleModelName: "montero sport gt" }));
    const lead = await t.c.store.repos.leads.findView(fuzzy.body.result.dealerLeadId);
    expect(lead?.product?.defaultCode).toBe("MON-GT");

    const none = await rpc("dealer.receiveEndorsedLead", endorsement({ productCode: null, vehicleModelName: "Xpander Cross" }));
    const bare = await t.c.store.repos.leads.findView(none.body.result.dealerLeadId);
    expect(bare).toMatchObject({ product: null, vehicleModelText: "Xpander Cross" });
    const orders = await t.c.store.repos.orders.listForLead(bare!.id);
    expect(orders[0]?.lines).toEqual([]);
  });

  it("does not match a product of another brand", async () => {
    const other = await makeBrand(t, "OTHR");
    await makeProduct(t, other.id, { defaultCode: "ONLY-OTHER" });
    const res = await rpc("dealer.receiveEndorsedLead", endorsement({ productCode: "ONLY-OTHER", vehicleModelName: null }));
    expect((await t.c.store.repos.leads.findView(res.body.result.dealerLeadId))?.product).toBeNull();
  });

  it("reuses the partner with the same mobile, then the one with the same email, else creates one", async () => {
    const first = endorsement();
    const a = await t.c.store.repos.leads.findById((await rpc("dealer.receiveEndorsedLead", first)).body.result.dealerLeadId);
    const sameMobile = await t.c.store.repos.leads.findById(
      (await rpc("dealer.receiveEndorsedLead", endorsement({ mobile: first.mobile, email: "different@example.com" }))).body.result.dealerLeadId,
    );
    const sameEmail = await t.c.store.repos.leads.findById(
      (await rpc("dealer.receiveEndorsedLead", endorsement({ mobile: "+639990000001", email: first.email }))).body.result.dealerLeadId,
    );
    const fresh = await t.c.store.repos.leads.findById((await rpc("dealer.receiveEndorsedLead", endorsement())).body.result.dealerLeadId);
    expect(a?.partnerId).toEqual(expect.any(Number));
    expect(sameMobile?.partnerId).toBe(a?.partnerId);
    expect(sameEmail?.partnerId).toBe(a?.partnerId);
    expect(fresh?.partnerId).not.toBe(a?.partnerId);
    expect(await t.c.store.repos.partners.findById(fresh!.partnerId!)).toMatchObject({ name: fresh?.contactName, mobile: fresh?.mobile });
  });

  it("refuses an unknown brand code with the brand_code_not_configured application error", async () => {
    const res = await rpc("dealer.receiveEndorsedLead", endorsement({ brandCode: "NOBRAND" }));
    expect(res.body.error).toMatchObject({
      code: RpcErrorCode.Refused,
      message: 'brand code not configured: "NOBRAND" has no matching brand on this dealership (add it under Configuration → Brands)',
      data: { code: "brand_code_not_configured" },
    });
  });

  it("returns the existing lead with created=false when the same BPO lead is endorsed again", async () => {
    const input = endorsement();
    const first = await rpc("dealer.receiveEndorsedLead", input);
    const again = await rpc("dealer.receiveEndorsedLead", { ...input, contactName: "Changed Name" });
    expect(again.body.result).toEqual({ ...first.body.result, created: false });
  });

  it("creates one lead when two identical endorsements arrive at the same moment", async () => {
    const input = endorsement();
    const results = await Promise.all(Array.from({ length: 4 }, () => rpc("dealer.receiveEndorsedLead", input)));
    expect(results.map((r) => r.body.error)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(results.map((r) => r.body.result.dealerLeadId)).size).toBe(1);
    expect(results.filter((r) => r.body.result.created)).toHaveLength(1);
    const rows = await t.c.store.repos.leads.list({ text: input.contactName }, null, 10);
    expect(rows).toHaveLength(1);
  });

  it("answers invalid params with -32602 naming the field", async () => {
    const res = await rpc("dealer.receiveEndorsedLead", { ...endorsement(), mobile: "" });
    expect(res.body.error).toMatchObject({ code: RpcErrorCode.InvalidParams, message: expect.stringContaining("mobile") });
  });
});

describe("who may push", () => {
  it("refuses a key that belongs to a non-service-account user", async () => {
    const user = await t.user("dealer_manager");
    const key = newToken("dsk_");
    await t.c.store.repos.users.createServiceKey({ userId: user.id, keyHash: hashToken(key), label: "misissued" });
    const res = await rpc("dealer.receiveEndorsedLead", endorsement(), key);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe(RpcErrorCode.Unauthenticated);
    await expect(t.c.endorsements.receiveEndorsedLead({ id: user.id, name: user.login }, endorsement())).rejects.toMatchObject({ code: "service_account_required" });
  });
});

describe("dealer.receiveSaleOrder", () => {
  const order = (over: Partial<ReceiveSaleOrderRequest> = {}): ReceiveSaleOrderRequest => {
    const n = ++bpoLeadSeq;
    return {
      contractVersion: 1,
      bpoSourceLeadId: n,
      bpoSourceLeadName: `LEAD/0${n}`,
      bpoSourceUrl: "https://bpo.example.com",
      customer: { name: `Maria ${n}`, mobile: `+63918${n}000`, email: `maria${n}@example.com` },
      brandCode: "MITS",
      productCode: "MIR-G4-GLX",
      vehicleModelName: "Mirage G4 GLX",
      quantity: 1,
      unitPrice: 880_000,
      ...over,
    };
  };

  it("creates a confirmed sales order for the matched vehicle and a new customer", async () => {
    const res = await rpc("dealer.receiveSaleOrder", order());
    expect(res.body.result).toMatchObject({ created: true, saleOrderName: expect.stringMatching(/./) });
    const so = await t.c.store.repos.orders.findById(res.body.result.saleOrderId);
    expect(so).toMatchObject({ state: "sale", leadId: null, partnerId: res.body.result.partnerId, amountTotal: 880_000, lines: [{ productId: mirage.id }] });
  });

  it("never creates two orders for the same BPO lead, even when pushed twice at once", async () => {
    const input = order();
    const [a, b] = await Promise.all([rpc("dealer.receiveSaleOrder", input), rpc("dealer.receiveSaleOrder", input)]);
    expect(a.body.result.saleOrderId).toBe(b.body.result.saleOrderId);
    expect([a.body.result.created, b.body.result.created].sort()).toEqual([false, true]);
    const again = await rpc("dealer.receiveSaleOrder", input);
    expect(again.body.result).toEqual({ ...a.body.result, created: false });
  });

  it("links the order to the dealer lead endorsed from the same BPO lead and reuses its customer", async () => {
    const e = endorsement({ endorsementType: "without_sq" });
    const lead = await t.c.store.repos.leads.findById((await rpc("dealer.receiveEndorsedLead", e)).body.result.dealerLeadId);
    const res = await rpc("dealer.receiveSaleOrder", order({ bpoSourceLeadId: e.bpoSourceLeadId, customer: { name: e.contactName, mobile: e.mobile } }));
    expect(res.body.result.partnerId).toBe(lead?.partnerId);
    expect((await t.c.store.repos.orders.findById(res.body.result.saleOrderId))?.leadId).toBe(lead?.id);
  });

  it("refuses an unknown brand code clearly", async () => {
    const res = await rpc("dealer.receiveSaleOrder", order({ brandCode: "NOBRAND" }));
    expect(res.body.error).toMatchObject({ message: 'brand code not configured: "NOBRAND" has no matching brand on this dealership (add it under Configuration → Brands)', data: { code: "brand_code_not_configured" } });
  });

  it("keeps the order a draft quotation without lines when no vehicle matches", async () => {
    const res = await rpc("dealer.receiveSaleOrder", order({ productCode: null, vehicleModelName: "Unknown Model" }));
    expect(await t.c.store.repos.orders.findById(res.body.result.saleOrderId)).toMatchObject({ state: "draft", lines: [] });
  });
});
