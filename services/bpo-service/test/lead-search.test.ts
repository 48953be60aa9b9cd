import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { phoneSuffixOf, searchTermsOf } from "../src/domain/lead-search-service";

let t: BpoTestApp;
let agent: TestUser;
let otherAgent: TestUser;
let supervisor: TestUser;

beforeAll(async () => {
  t = await startBpoTestApp();
  agent = await t.user("agent", "Ana Agent");
  otherAgent = await t.user("agent", "Oscar Other");
  supervisor = await t.user("supervisor");
});
afterAll(() => t.close());

interface Row {
  id: number;
  reference: string;
  contactName: string;
  mobile: string;
  email: string | null;
  stageName: string;
  brandName: string;
  userName: string | null;
  dealershipName: string | null;
  restricted: boolean;
  active: boolean;
}
const search = async (user: TestUser, query: Record<string, string | number>) => {
  const res = await t.as(user).get(`/api/leads?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`);
  expect(res.status).toBe(200);
  return res.body as { rows: Row[]; nextCursor: string | null };
};
const ids = (rows: Row[]) => rows.map((r) => r.id);

describe("reading what was typed", () => {
  it("reduces every way of writing a Philippine mobile number to the same national number", () => {
    for (const typed of ["+63 917 123 4567", "639171234567", "09171234567", "9171234567", "(0917) 123-4567"]) {
      expect(searchTermsOf(typed)?.phoneSuffix).toBe("9171234567");
    }
    expect(phoneSuffixOf("4567")).toBe("4567");
    expect(phoneSuffixOf("0123")).toBe("0123");
  });

  it("takes a short number for a reference, a LEAD/ number for a reference only, and refuses too few digits of a phone", () => {
    expect(searchTermsOf("42")).toEqual({ reference: "LEAD/00042" });
    expect(searchTermsOf("LEAD/00042")).toEqual({ reference: "LEAD/00042" });
    expect(searchTermsOf("lead/123456")).toEqual({ reference: "LEAD/123456" });
    expect(searchTermsOf("4567")).toEqual({ reference: "LEAD/04567", phoneSuffix: "4567" });
    expect(() => searchTermsOf("+63")).toThrow(/at least 4 digits/);
  });
});

describe("Leads search", () => {
  it("finds one lead by its mobile however the number is written, and by its last 4 or more digits", async () => {
    const brand = await makeBrand(t, "PHONE");
    const lead = await makeLead(t, brand.id, { mobile: "+63 917 555 0142" });
    await makeLead(t, brand.id, { mobile: "+63 917 555 0143" });
    for (const q of ["+63 917 555 0142", "639175550142", "09175550142", "9175550142", "0142", "50142", "917-555-0142"]) {
      const { rows } = await search(supervisor, { q, brandId: brand.id });
      expect({ q, found: ids(rows) }).toEqual({ q, found: [lead.id] });
    }
  });

  it("finds a lead by its landline phone, whatever the mobile is", async () => {
    const brand = await makeBrand(t, "LANDL");
    const lead = await makeLead(t, brand.id, { mobile: "+639170001111" });
    await t.c.store.repos.leads.update(lead.id, { phone: "(02) 8123-9876" });
    const { rows } = await search(supervisor, { q: "81239876", brandId: brand.id });
    expect(ids(rows)).toEqual([lead.id]);
  });

  it("matches e-mail addresses case-insensitively, stored in either case", async () => {
    const brand = await makeBrand(t, "MAIL");
    const upper = await makeLead(t, brand.id, { email: "Juan.DelaCruz@Example.COM" });
    const lower = await makeLead(t, brand.id, { email: "juana@example.com" });
    expect(ids((await search(supervisor, { q: "juan.delacruz@example.com", brandId: brand.id })).rows)).toEqual([upper.id]);
    expect(ids((await search(supervisor, { q: "JUANA@EXAMPLE.COM", brandId: brand.id })).rows)).toEqual([lower.id]);
    // A bare word may be the start of an address.
    expect(ids((await search(supervisor, { q: "juan.dela", brandId: brand.id })).rows)).toEqual([upper.id]);
  });

  it("finds a customer by any part of the name, ignoring accents and case, with % and _ taken literally", async () => {
    const brand = await makeBrand(t, "NAME");
    const jose = await makeLead(t, brand.id, { contactName: "José María Dela Peña" });
    await makeLead(t, brand.id, { contactName: "Maria Santos" });
    const pct = await makeLead(t, brand.id, { contactName: "Promo 100% Buyer" });
    expect(ids((await search(supervisor, { q: "jose", brandId: brand.id })).rows)).toEqual([jose.id]);
    expect(ids((await search(supervisor, { q: "PENA", brandId: brand.id })).rows)).toEqual([jose.id]);
    expect(ids((await search(supervisor, { q: "peña dela", brandId: brand.id })).rows)).toEqual([jose.id]);
    expect(ids((await search(supervisor, { q: "maría", brandId: brand.id })).rows).sort()).toHaveLength(2);
    expect(ids((await search(supervisor, { q: "100%", brandId: brand.id })).rows)).toEqual([pct.id]);
    expect(ids((await search(supervisor, { q: "10_", brandId: brand.id })).rows)).toEqual([]);
  });

  it("finds a lead by its reference, written in full or as its number", async () => {
    const brand = await makeBrand(t, "REF");
    const lead = await makeLead(t, brand.id);
    const n = Number(lead.reference.split("/")[1]);
    expect(ids((await search(supervisor, { q: lead.reference, brandId: brand.id })).rows)).toEqual([lead.id]);
    expect(ids((await search(supervisor, { q: String(n), brandId: brand.id })).rows)).toEqual([lead.id]);
    expect(ids((await search(supervisor, { q: lead.reference.toLowerCase(), brandId: brand.id })).rows)).toEqual([lead.id]);
  });

  it("searches open, won, lost and archived leads alike, newest first, with stage, brand, owner and dealership", async () => {
    const brand = await makeBrand(t, "ALL");
    const dealer = await makeDealership(t, brand.id, "ALLD");
    const mobile = "+639188880001";
    const open = await makeLead(t, brand.id, { mobile });
    const won = await makeLead(t, brand.id, { mobile, stage: "Won", userId: agent.id });
    const lost = await makeLead(t, brand.id, { mobile, stage: "Lost" });
    const archived = await makeLead(t, brand.id, { mobile });
    await t.c.store.repos.leads.update(archived.id, { active: false, dealershipId: dealer.id });
    const { rows } = await search(supervisor, { q: "9188880001" });
    expect(ids(rows)).toEqual([archived.id, lost.id, won.id, open.id]);
    expect(rows[0]).toMatchObject({ brandName: "Brand ALL", dealershipName: "Dealer ALLD", stageName: "New", active: false });
    expect(rows[2]).toMatchObject({ stageName: "Won", userName: "Ana Agent" });
    expect(ids((await search(supervisor, { q: "9188880001", archived: "true" })).rows)).toEqual([archived.id]);
    expect(ids((await search(supervisor, { q: "9188880001", archived: "false" })).rows)).toEqual([lost.id, won.id, open.id]);
  });

  it("shows an agent a match held by another agent as a row naming its owner, without the contact details", async () => {
    const brand = await makeBrand(t, "VIS");
    const mine = await makeLead(t, brand.id, { mobile: "+639177770001", email: "mine@example.com", userId: agent.id });
    const theirs = await makeLead(t, brand.id, { mobile: "+639177770001", email: "theirs@example.com", userId: otherAgent.id });
    const pool = await makeLead(t, brand.id, { mobile: "+639177770001" });
    const { rows } = await search(agent, { q: "09177770001" });
    expect(ids(rows)).toEqual([pool.id, theirs.id, mine.id]);
    expect(rows[1]).toMatchObject({ restricted: true, userName: "Oscar Other", mobile: "", email: null });
    expect(rows[2]).toMatchObject({ restricted: false, mobile: "+639177770001", email: "mine@example.com" });
    expect(rows[0]).toMatchObject({ restricted: false });
    // Opening it is still refused by the existing rule.
    expect((await t.as(agent).get(`/api/leads/${theirs.id}`)).status).toBe(403);
    // A Supervisor sees everything in full.
    expect((await search(supervisor, { q: "09177770001" })).rows.every((r) => !r.restricted && r.mobile !== "")).toBe(true);
  });

  it("lists only the pool and their own leads to an agent browsing without a search", async () => {
    const brand = await makeBrand(t, "BROWSE");
    const mine = await makeLead(t, brand.id, { userId: agent.id });
    await makeLead(t, brand.id, { userId: otherAgent.id });
    const pool = await makeLead(t, brand.id);
    expect(ids((await search(agent, { brandId: brand.id })).rows)).toEqual([pool.id, mine.id]);
    expect((await search(supervisor, { brandId: brand.id })).rows).toHaveLength(3);
  });
});

describe("Leads list filters, paging and export", () => {
  it("filters by stage, source, owner, dealership, endorsement status and creation date", async () => {
    const brand = await makeBrand(t, "FILT");
    const dealer = await makeDealership(t, brand.id, "FILTD");
    const a = await makeLead(t, brand.id, { userId: agent.id });
    const b = await makeLead(t, brand.id, { stage: "Lost" });
    await t.c.store.repos.leads.update(b.id, { dealershipId: dealer.id, endorsementStatus: "failed" });
    const stages = await t.c.store.repos.catalog.listStages();
    const lostId = stages.find((s) => s.isLost)!.id;
    expect(ids((await search(supervisor, { brandId: brand.id, stageId: lostId })).rows)).toEqual([b.id]);
    expect(ids((await search(supervisor, { brandId: brand.id, userId: agent.id })).rows)).toEqual([a.id]);
    expect(ids((await search(supervisor, { brandId: brand.id, userId: "none" })).rows)).toEqual([b.id]);
    expect(ids((await search(supervisor, { brandId: brand.id, dealershipId: dealer.id })).rows)).toEqual([b.id]);
    expect(ids((await search(supervisor, { brandId: brand.id, endorsementStatus: "failed" })).rows)).toEqual([b.id]);
    expect(ids((await search(supervisor, { brandId: brand.id, sourceId: a.sourceId })).rows)).toEqual([b.id, a.id]);
    await t.c.store.db.$executeRaw`UPDATE leads SET created_at = '2026-01-10T02:00:00Z' WHERE id = ${a.id}`;
    // 2026-01-10 02:00 UTC is 10:00 on the 10th in Manila (the business time zone).
    expect(ids((await search(supervisor, { brandId: brand.id, createdFrom: "2026-01-10", createdTo: "2026-01-10" })).rows)).toEqual([a.id]);
    expect(ids((await search(supervisor, { brandId: brand.id, createdFrom: "2026-01-11" })).rows)).toEqual([b.id]);
  });

  it("pages by keyset without repeating or skipping a lead", async () => {
    const brand = await makeBrand(t, "PAGES");
    const all = new Set<number>();
    for (let i = 0; i < 7; i++) all.add((await makeLead(t, brand.id)).id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { rows: Row[]; nextCursor: string | null } = await search(supervisor, { brandId: brand.id, limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...ids(page.rows));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(all);
  });

  it("exports exactly the rows the list shows, masking the same details", async () => {
    const brand = await makeBrand(t, "CSV");
    await makeLead(t, brand.id, { mobile: "+639166660001", contactName: "Csv One", userId: otherAgent.id });
    await makeLead(t, brand.id, { mobile: "+639166660001", contactName: "Csv Two" });
    await makeLead(t, brand.id, { mobile: "+639166660002", contactName: "Csv Three" });
    const res = await t.as(agent).get("/api/leads/export.csv?q=09166660001");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/csv/);
    const lines = res.text.trim().split("\n");
    expect(lines[0]).toBe("reference,customer,mobile,phone,email,stage,brand,salesperson,dealership,source,endorsement,archived,created_at");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("Csv Two,+639166660001");
    expect(lines[2]).toContain("Csv One,,");
    expect(lines[2]).toContain("Oscar Other");
  });

  it("answers bad filters with a readable 400", async () => {
    const bad = async (qs: string, message: RegExp) => {
      const res = await t.as(supervisor).get(`/api/leads?${qs}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(message);
    };
    await bad("createdFrom=2026-02-01&createdTo=2026-01-01", /must not be after/);
    await bad("endorsementStatus=maybe", /Endorsement status/);
    await bad("q=%2B63", /at least 4 digits/);
    await bad("cursor=nonsense", /cursor/);
    await bad("colour=red", /colour|Unrecognized/i);
  });

  it("refuses the list without credentials", async () => {
    const request = (await import("supertest")).default;
    expect((await request(t.app).get("/api/leads")).status).toBe(401);
    expect((await request(t.app).get("/api/leads/export.csv")).status).toBe(401);
  });
});
