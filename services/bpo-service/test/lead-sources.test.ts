import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { bpoTestFile } from "./helpers/test-file";
import { makeBrand, sourceByCode } from "./helpers/factories";

let t: BpoTestApp;
let agent: TestUser;
let manager: TestUser;

bpoTestFile(["agent", "manager"], (app, users) => ([t, agent, manager] = [app, users.agent, users.manager]));

describe("lead sources (bpo-3)", () => {
  it("ships the nine default sources in sequence order", async () => {
    const res = await t.as(agent).get("/api/lead-sources");
    expect(res.status).toBe(200);
    expect(res.body.sources.map((s: { code: string }) => s.code)).toEqual([
      "inbound_call",
      "outbound_call",
      "walkin",
      "referral",
      "source_web_quotation",
      "source_web_test_drive",
      "campaign",
      "social",
      "event",
    ]);
  });

  it("an Agent cannot create a source and nothing is written", async () => {
    const res = await t.as(agent).post("/api/lead-sources", { code: "facebook_ad", name: "Facebook Ad", sourceType: "social_media" });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe("Only a BPO Manager or above can create lead sources.");
    expect(await t.c.store.repos.catalog.findSourceByCode("facebook_ad")).toBeNull();
  });

  it("a Manager creates a source; its code must be unique, lowercase with underscores, at most 20 chars", async () => {
    const ok = await t.as(manager).post("/api/lead-sources", { code: "facebook_ad", name: "Facebook Ad", sourceType: "social_media", sequence: 85 });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ code: "facebook_ad", sourceType: "social_media", active: true });
    const dup = await t.as(manager).post("/api/lead-sources", { code: "facebook_ad", name: "Again", sourceType: "social_media" });
    expect(dup.status).toBe(409);
    const upper = await t.as(manager).post("/api/lead-sources", { code: "Facebook", name: "F", sourceType: "social_media" });
    expect(upper.status).toBe(400);
    expect(upper.body.error.issues[0]).toEqual({ path: "code", message: "Code must be lowercase letters, digits and underscores" });
    const long = await t.as(manager).post("/api/lead-sources", { code: "a_very_long_code_over_20", name: "L", sourceType: "campaign" });
    expect(long.status).toBe(400);
    const badType = await t.as(manager).post("/api/lead-sources", { code: "x1", name: "X", sourceType: "billboard" });
    expect(badType.status).toBe(400);
  });

  it("a source used by a lead cannot be deleted; archive hides it from pickers but keeps history", async () => {
    const brand = await makeBrand(t);
    const src = (await t.as(manager).post("/api/lead-sources", { code: "mall_kiosk", name: "Mall Kiosk", sourceType: "event_exhibition" })).body;
    const lead = await t.as(manager).post("/api/leads", { contactName: "K", mobile: "0917", brandId: brand.id, sourceId: src.id });
    expect(lead.status).toBe(201);
    const del = await t.as(manager).delete(`/api/lead-sources/${src.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toBe('Lead source "Mall Kiosk" is used by 1 lead(s) and cannot be deleted. Archive it instead.');
    expect(await t.c.store.repos.catalog.findSource(src.id)).not.toBeNull();

    expect((await t.as(manager).patch(`/api/lead-sources/${src.id}`, { active: false })).status).toBe(200);
    const picker = await t.as(agent).get("/api/lead-sources");
    expect(picker.body.sources.map((s: { code: string }) => s.code)).not.toContain("mall_kiosk");
    const all = await t.as(agent).get("/api/lead-sources?includeInactive=true");
    expect(all.body.sources.map((s: { code: string }) => s.code)).toContain("mall_kiosk");
    expect((await t.as(manager).get(`/api/leads/${lead.body.id}`)).body.source.code).toBe("mall_kiosk");
    // An archived source cannot be put on new leads.
    const again = await t.as(manager).post("/api/leads", { contactName: "K2", mobile: "0917", brandId: brand.id, sourceId: src.id });
    expect(again.status).toBe(400);
  });

  it("an unused source can be deleted", async () => {
    const src = (await t.as(manager).post("/api/lead-sources", { code: "typo_source", name: "Typo", sourceType: "campaign" })).body;
    expect((await t.as(manager).delete(`/api/lead-sources/${src.id}`)).status).toBe(204);
    expect(await t.c.store.repos.catalog.findSource(src.id)).toBeNull();
  });

  it("never reuses a deleted code: creating a source with it is refused, naming the code, and nothing is written", async () => {
    const src = (await t.as(manager).post("/api/lead-sources", { code: "spring_promo", name: "Spring Promo", sourceType: "campaign" })).body;
    expect((await t.as(manager).delete(`/api/lead-sources/${src.id}`)).status).toBe(204);
    const again = await t.as(manager).post("/api/lead-sources", { code: "spring_promo", name: "Spring Promo 2", sourceType: "campaign" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("source_code_retired");
    expect(again.body.error.message).toBe('The code "spring_promo" belonged to a deleted lead source and is never reused. Choose another code.');
    expect(again.body.error.issues).toEqual([{ path: "code", message: again.body.error.message }]);
    expect(await t.c.store.repos.catalog.findSourceByCode("spring_promo")).toBeNull();
  });

  it("never reuses a deleted code: renaming another source's code to it is refused and the source keeps its code", async () => {
    const gone = (await t.as(manager).post("/api/lead-sources", { code: "radio_fm", name: "Radio FM", sourceType: "campaign" })).body;
    expect((await t.as(manager).delete(`/api/lead-sources/${gone.id}`)).status).toBe(204);
    const other = (await t.as(manager).post("/api/lead-sources", { code: "radio_am", name: "Radio AM", sourceType: "campaign" })).body;
    const rename = await t.as(manager).patch(`/api/lead-sources/${other.id}`, { code: "radio_fm" });
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe("source_code_retired");
    expect((await t.c.store.repos.catalog.findSource(other.id))!.code).toBe("radio_am");
    // Its name can still change, and the code sent back unchanged is not a reuse.
    const label = await t.as(manager).patch(`/api/lead-sources/${other.id}`, { code: "radio_am", name: "Radio AM 1017" });
    expect(label.status).toBe(200);
  });

  it("a delete racing a create of the same code never lets the code be reused", async () => {
    const src = (await t.as(manager).post("/api/lead-sources", { code: "race_code", name: "Race", sourceType: "campaign" })).body;
    const [del, create] = await Promise.all([
      t.as(manager).delete(`/api/lead-sources/${src.id}`),
      t.as(manager).post("/api/lead-sources", { code: "race_code", name: "Race again", sourceType: "campaign" }),
    ]);
    expect(del.status).toBe(204);
    expect(create.status).toBe(409);
    expect(["duplicate", "source_code_retired"]).toContain(create.body.error.code);
    expect(await t.c.store.repos.catalog.findSourceByCode("race_code")).toBeNull();
  });

  it("refuses renaming the code of the distributor sources, but allows renaming their display name", async () => {
    for (const code of ["source_web_quotation", "source_web_test_drive"]) {
      const src = await sourceByCode(t, code);
      const rename = await t.as(manager).patch(`/api/lead-sources/${src.id}`, { code: "web_quote" });
      expect(rename.status).toBe(422);
      expect(rename.body.error.code).toBe("protected_source_code");
      expect(rename.body.error.message).toContain("renaming it would break the next import");
      expect((await t.c.store.repos.catalog.findSource(src.id))!.code).toBe(code);
      const label = await t.as(manager).patch(`/api/lead-sources/${src.id}`, { code, name: `${src.name} (site)` });
      expect(label.status).toBe(200);
      expect(label.body.name).toBe(`${src.name} (site)`);
    }
  });

  it("an Agent cannot edit or delete sources", async () => {
    const src = await sourceByCode(t, "campaign");
    expect((await t.as(agent).patch(`/api/lead-sources/${src.id}`, { name: "Hacked" })).status).toBe(403);
    expect((await t.as(agent).delete(`/api/lead-sources/${src.id}`)).status).toBe(403);
    expect((await t.c.store.repos.catalog.findSource(src.id))!.name).toBe("Campaign");
  });
});
