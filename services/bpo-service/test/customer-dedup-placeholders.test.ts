import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { makeLead, inboundCallId } from "./helpers/factories";
import { QUOTATION, distributorTestFile, leadsOfBrand, messagesOf } from "./distributor-fixtures";

/** bpo-1 customer dedup against a real distributor simulator: placeholders never match, e-mail case never matters, names match as Odoo's ilike. */
let t: BpoTestApp;
let manager: TestUser;
const { setup, runNow } = distributorTestFile([], (app, users) => ([t, manager] = [app, users.manager]));
const dedupNotes = async (leadId: number) => (await messagesOf(t, leadId)).filter((m) => m.body.startsWith("Duplicate inbound lead"));

describe("customer dedup never matches on placeholders", () => {
  it("a remote record whose mobile or e-mail is a placeholder (N/A, Unknown, any case or spacing) creates its own lead", async () => {
    const { brand, sim } = await setup();
    const na = await makeLead(t, brand.id, { contactName: "Placeholder Pat", email: "n/a", mobile: "N/A" });
    const unknownMail = await makeLead(t, brand.id, { contactName: "Placeholder Pat", email: "unknown", mobile: "+639175559001" });
    sim.state.addQuotation({ first_name: "Placeholder", last_name: "Pat", email: "N/A", mobile: " n/a " });
    sim.state.addQuotation({ first_name: "Placeholder", last_name: "Pat", email: "Unknown", mobile: "+639175559001" });
    const run = await runNow(brand.id);
    expect(run).toMatchObject({ created: 2, deduplicated: 0 });
    expect(await dedupNotes(na.id)).toHaveLength(0);
    expect(await dedupNotes(unknownMail.id)).toHaveLength(0);
  });

  it("a remote record without a name (stored as Unknown) never folds into another nameless lead", async () => {
    const { brand, sim } = await setup();
    const nameless = await makeLead(t, brand.id, { contactName: "Unknown", email: "same@example.ph", mobile: "+639175559002" });
    sim.state.addQuotation({ first_name: false, last_name: false, email: "same@example.ph", mobile: "+639175559002" });
    sim.state.addQuotation({ first_name: "  ", last_name: false, email: "same@example.ph", mobile: "+639175559002" });
    const run = await runNow(brand.id);
    expect(run).toMatchObject({ created: 2, deduplicated: 0 });
    expect(await dedupNotes(nameless.id)).toHaveLength(0);
  });

  it("a remote name that is part of a placeholder name (\"know\" in \"Unknown\") does not match it", async () => {
    const { brand, sim } = await setup();
    const nameless = await makeLead(t, brand.id, { contactName: "Unknown", email: "kn@example.ph", mobile: "+639175559003" });
    sim.state.addQuotation({ first_name: "Know", last_name: false, email: "kn@example.ph", mobile: "+639175559003" });
    expect(await runNow(brand.id)).toMatchObject({ created: 1, deduplicated: 0 });
    expect(await dedupNotes(nameless.id)).toHaveLength(0);
  });
});

describe("customer dedup compares e-mails case-insensitively and names as Odoo's ilike", () => {
  it("a mixed-case remote e-mail matches a manual lead's lowercased one, and is stored lowercased", async () => {
    const { brand, sim } = await setup();
    const created = await t.as(manager).post("/api/leads", { contactName: "Maya Dela Rosa", mobile: "+639175559010", email: "Maya.DelaRosa@Example.PH", brandId: brand.id, sourceId: await inboundCallId(t) }).expect(201);
    const dup = sim.state.addQuotation({ first_name: "Maya", last_name: "Dela Rosa", email: "MAYA.delarosa@example.ph", mobile: "+639175559010" });
    const fresh = sim.state.addQuotation({ first_name: "Other", last_name: "Person", email: "Other.Person@Example.PH", mobile: "+639175559011" });
    expect(await runNow(brand.id)).toMatchObject({ created: 1, deduplicated: 1 });
    expect((await dedupNotes(created.body.id)).map((m) => m.body).join()).toContain(`${QUOTATION} #${dup}`);
    const stored = (await leadsOfBrand(t, brand.id)).find((l) => l.remoteId === fresh)!;
    expect(stored.email).toBe("other.person@example.ph");
  });

  it("the remote full name matches an open lead whose name contains it, in any case (contact_name ilike)", async () => {
    const { brand, sim } = await setup();
    const existing = await makeLead(t, brand.id, { contactName: "Juan Miguel DELA CRUZ Jr.", email: "jm@example.ph", mobile: "+639175559020" });
    const dup = sim.state.addQuotation({ first_name: "juan miguel", last_name: "Dela Cruz", email: "jm@example.ph", mobile: "+639175559020" });
    // Wildcards in a remote name are literal characters, not patterns.
    sim.state.addQuotation({ first_name: "%", last_name: false, email: "jm@example.ph", mobile: "+639175559020" });
    // Same name, different mobile: e-mail and mobile must still be equal.
    sim.state.addQuotation({ first_name: "Juan Miguel", last_name: "Dela Cruz", email: "jm@example.ph", mobile: "+639175559021" });
    expect(await runNow(brand.id)).toMatchObject({ created: 2, deduplicated: 1 });
    expect((await dedupNotes(existing.id)).map((m) => m.body).join()).toContain(`${QUOTATION} #${dup}`);
  });
});
