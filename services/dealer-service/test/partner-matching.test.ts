import { readFileSync } from "node:fs";
import path from "node:path";
import request from "supertest";
import type { ReceiveEndorsedLeadRequest, ReceiveSaleOrderRequest } from "@crm/contracts";
import { type DealerTestApp, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";
import { makeBrand } from "./helpers/factories";

/** dealer-2 partner matching over the real JSON-RPC endpoint and database: placeholders never match, e-mail case never matters. */
let t: DealerTestApp;
let admin: TestUser;
let serviceKey: string;
let seq = 5000;

beforeAll(async () => {
  t = await startDealerTestApp();
  admin = await t.user("dealer_admin");
  const sa = await t.user("service_account", "BPO CRM");
  serviceKey = (await t.as(admin).post("/api/service-keys", { userId: sa.id, label: "BPO" })).body.key;
  const brand = await makeBrand(t, "PMB");
  await t.c.store.repos.catalog.createProduct({ brandId: brand.id, defaultCode: "PM-1", name: "Pm One", listPrice: 1_000_000 });
});
afterAll(() => t.close());

const rpc = async (method: string, params: object) => {
  const res = await request(t.app).post("/rpc").set("authorization", `Bearer ${serviceKey}`).send({ jsonrpc: "2.0", id: 1, method, params });
  expect(res.body.error).toBeUndefined();
  return res.body.result;
};

const endorse = async (over: Partial<ReceiveEndorsedLeadRequest>) => {
  const n = ++seq;
  const result = await rpc("dealer.receiveEndorsedLead", {
    contractVersion: 1,
    contactName: `Customer ${n}`,
    mobile: `+63917${n}00`,
    email: null,
    brandCode: "PMB",
    productCode: "PM-1",
    endorsementType: "without_sq",
    bpoSourceLeadId: n,
    bpoSourceLeadName: `LEAD/0${n}`,
    bpoSourceUrl: "https://bpo.example.com",
    ...over,
  });
  const lead = await t.c.store.repos.leads.findById(result.dealerLeadId);
  return { lead: lead!, n };
};

const pushOrder = (over: Partial<ReceiveSaleOrderRequest>) => {
  const n = ++seq;
  return rpc("dealer.receiveSaleOrder", {
    contractVersion: 1,
    bpoSourceLeadId: n,
    bpoSourceLeadName: `LEAD/0${n}`,
    bpoSourceUrl: "https://bpo.example.com",
    customer: { name: `Buyer ${n}`, mobile: `+63918${n}00` },
    brandCode: "PMB",
    productCode: "PM-1",
    quantity: 1,
    ...over,
  }) as Promise<{ partnerId: number }>;
};

describe("dealer partner matching: placeholders never match", () => {
  it("customers endorsed without a mobile (N/A, any case or spacing, Unknown) each get their own customer record", async () => {
    const placeholders = ["N/A", " n/a ", "Unknown", "N/A"];
    const partners = [];
    for (const [i, mobile] of placeholders.entries()) {
      partners.push((await endorse({ contactName: `No Mobile ${i}`, mobile })).lead.partnerId);
    }
    expect(new Set(partners).size).toBe(placeholders.length);
    for (const id of partners) expect((await t.c.store.repos.partners.findById(id!))?.name).toMatch(/^No Mobile \d$/);
  });

  it("a sale order pushed by Mark Won for a customer without a mobile gets its own customer, not another N/A customer", async () => {
    const { lead } = await endorse({ contactName: "Earlier Na", mobile: "N/A" });
    const pushed = await pushOrder({ customer: { name: "Later Na", mobile: "N/A" } });
    expect(pushed.partnerId).not.toBe(lead.partnerId);
    expect((await t.c.store.repos.partners.findById(pushed.partnerId))?.name).toBe("Later Na");
  });

  it("Mark Won's push for an endorsed lead reuses that lead's customer, even without a mobile to match on", async () => {
    const { lead, n } = await endorse({ contactName: "Endorsed Na", mobile: "N/A" });
    const pushed = await pushOrder({ bpoSourceLeadId: n, bpoSourceLeadName: `LEAD/0${n}`, customer: { name: "Endorsed Na", mobile: "N/A" } });
    expect(pushed.partnerId).toBe(lead.partnerId);
  });

  it("a real mobile still matches the customer who has it", async () => {
    const { lead } = await endorse({ contactName: "Real Mobile", mobile: "+639170001234" });
    const again = await endorse({ contactName: "Real Mobile (2nd form)", mobile: "+639170001234" });
    expect(again.lead.partnerId).toBe(lead.partnerId);
  });
});

describe("dealer partner matching: e-mails compared and stored one way", () => {
  it("matches a customer by e-mail whatever its case, and stores e-mails lowercased", async () => {
    const first = await endorse({ contactName: "Rosa Lim", mobile: "+639170005551", email: "Rosa.Lim@Example.COM" });
    expect(first.lead.email).toBe("rosa.lim@example.com");
    expect((await t.c.store.repos.partners.findById(first.lead.partnerId!))?.email).toBe("rosa.lim@example.com");
    const second = await endorse({ contactName: "Rosa Lim", mobile: "+639170005552", email: "rosa.lim@example.com" });
    expect(second.lead.partnerId).toBe(first.lead.partnerId);
    const pushed = await pushOrder({ customer: { name: "Rosa Lim", mobile: "N/A", email: "ROSA.LIM@EXAMPLE.COM" } });
    expect(pushed.partnerId).toBe(first.lead.partnerId);
  });

  it("a customer saved with a mixed-case e-mail through the API is found by the lowercased one", async () => {
    const created = await t.as(admin).post("/api/partners", { name: "Api Customer", email: "Api.Customer@Example.com" }).expect(201);
    const { lead } = await endorse({ contactName: "Api Customer", mobile: "N/A", email: "api.customer@example.com" });
    expect(lead.partnerId).toBe(created.body.id);
  });
});

describe("the lowercase_emails migration", () => {
  it("normalises e-mails stored before it (partners and leads), after which they match", async () => {
    const legacy = await t.c.store.db.$queryRaw<{ id: number }[]>`INSERT INTO partners (name, mobile, email, updated_at) VALUES ('Legacy Lee', 'N/A', ' Legacy.Lee@Example.COM ', now()) RETURNING id`;
    const sql = readFileSync(path.resolve(__dirname, "../../../prisma/dealer/migrations/20261203041000_lowercase_emails/migration.sql"), "utf8");
    for (const statement of sql.replace(/^--.*$/gm, "").split(";").filter((x) => x.trim())) await t.c.store.db.$executeRawUnsafe(statement);
    expect((await t.c.store.repos.partners.findById(legacy[0]!.id))?.email).toBe("legacy.lee@example.com");
    const { lead } = await endorse({ contactName: "Legacy Lee", mobile: "N/A", email: "LEGACY.LEE@example.com" });
    expect(lead.partnerId).toBe(legacy[0]!.id);
  });
});
