import { type DealerTestApp, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";
import { makeBrand, makeLead, makeProduct } from "./helpers/factories";

let t: DealerTestApp;
let seller: TestUser;
let brandId: number;

beforeAll(async () => {
  t = await startDealerTestApp();
  seller = await t.user("dealer_user", "Sam Seller");
  brandId = (await makeBrand(t)).id;
});
afterAll(() => t.close());

const customer = async (body: Record<string, unknown>) => (await t.as(seller).post("/api/partners", body).expect(201)).body as { id: number; name: string };

describe("customer search (the lead form's Customer record picker)", () => {
  beforeAll(async () => {
    await customer({ name: "Rosario Dela Cruz", mobile: "+639171112233", email: "rosario@example.com" });
    await customer({ name: "Roberto Santos", mobile: "+639189998877", email: "bert@mail.ph" });
    const archived = await customer({ name: "Rosalind Archived", mobile: "+639170000999" });
    await t.as(seller).patch(`/api/partners/${archived.id}`, { active: false }).expect(200);
  });

  const names = async (q: string, limit?: number) =>
    ((await t.as(seller).get(`/api/partners?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ""}`).expect(200)).body.partners as { name: string }[]).map((p) => p.name);

  it("finds customers by any part of the name, regardless of case, and leaves archived ones out", async () => {
    expect(await names("ros")).toEqual(["Rosario Dela Cruz"]);
    expect(await names("SANTOS")).toEqual(["Roberto Santos"]);
  });

  it("finds customers by part of the mobile or the e-mail", async () => {
    expect(await names("1112233")).toEqual(["Rosario Dela Cruz"]);
    expect(await names("mail.ph")).toEqual(["Roberto Santos"]);
  });

  it("treats % and _ as plain characters, not wildcards", async () => {
    expect(await names("%")).toEqual([]);
    expect(await names("_")).toEqual([]);
    await customer({ name: "100% Motors_PH" });
    expect(await names("0% m")).toEqual(["100% Motors_PH"]);
    expect(await names("s_p")).toEqual(["100% Motors_PH"]);
  });

  it("returns at most `limit` customers, by name", async () => {
    expect(await names("ro", 1)).toEqual(["Roberto Santos"]);
  });

  it("refuses a limit over 200 with a readable message", async () => {
    const res = await t.as(seller).get("/api/partners?limit=5000").expect(400);
    expect(res.body.error.issues[0].path).toBe("limit");
  });

  it("refuses a customer with an invalid e-mail and writes nothing", async () => {
    const res = await t.as(seller).post("/api/partners", { name: "Bad Mail", email: "not-an-address" }).expect(400);
    expect(res.body.error.issues).toEqual([expect.objectContaining({ path: "email", message: "Email is not a valid address" })]);
    expect(await names("Bad Mail")).toEqual([]);
  });
});

describe("a lead's customer record", () => {
  it("when a salesperson picks a customer, the chatter tracks it and Convert to Quotation bills that customer instead of matching by mobile", async () => {
    const product = await makeProduct(t, brandId);
    const picked = await customer({ name: "Picked Customer Inc.", mobile: "+639170001111" });
    // Same mobile as another customer: without a pick, matching would find that one.
    const sameMobile = await customer({ name: "Mobile Match", mobile: "+639175550000" });
    const lead = await makeLead(t, brandId, { userId: seller.id, productId: product.id, mobile: "+639175550000" });

    const res = await t.as(seller).patch(`/api/leads/${lead.id}`, { partnerId: picked.id }).expect(200);
    expect(res.body.partner).toMatchObject({ id: picked.id, name: "Picked Customer Inc." });
    const messages = (await t.as(seller).get(`/api/leads/${lead.id}/messages`).expect(200)).body.messages as { changes?: { label: string; new: string | null }[] }[];
    expect(messages.flatMap((m) => m.changes ?? [])).toContainEqual(expect.objectContaining({ label: "Customer", new: "Picked Customer Inc." }));

    const order = (await t.as(seller).post(`/api/leads/${lead.id}/convert-to-quotation`).expect(201)).body as { partnerId: number };
    expect(order.partnerId).toBe(picked.id);
    expect(order.partnerId).not.toBe(sameMobile.id);
  });

  it("refuses an unknown customer by field and leaves the lead as it was", async () => {
    const lead = await makeLead(t, brandId, { userId: seller.id });
    const res = await t.as(seller).patch(`/api/leads/${lead.id}`, { partnerId: 999999 }).expect(400);
    expect(res.body.error).toMatchObject({ code: "unknown_partner", issues: [expect.objectContaining({ path: "partnerId" })] });
    expect((await t.c.store.repos.leads.findById(lead.id))?.partnerId).toBeNull();
  });
});
