import type { Page } from "playwright-core";
import { expectLeavingDirtyFormAsksFirst } from "@crm/test-kit";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, makeLead } from "./helpers/factories";

/** Issue 15: what a full day's use of the BPO UI hit (lost edits, long text, unasked destructive actions, focus). */
describe("BPO UI in a full day's use, in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;

  beforeAll(async () => {
    b = await startBpoBrowser();
    t = b.t;
  });
  afterAll(() => b?.close());

  const openAs = (user: TestUser, to: string, width = 1440): Promise<Page> => b.loginAs(user, { to, context: { viewport: { width, height: 900 }, timezoneId: "Asia/Manila" } });

  it("when an agent leaves a lead with unsaved edits by a menu link, the back button or a reload, it asks first and Stay keeps the edit", async () => {
    const brand = await makeBrand(t, "GRD");
    const agent = await t.user("agent", "Gina Guard");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Guarded Gabriel" });
    const page = await openAs(agent, "/pipeline");
    await page.getByRole("article", { name: /Guarded Gabriel/ }).getByRole("link", { name: "Guarded Gabriel" }).click();
    await page.getByRole("heading", { name: "Guarded Gabriel", level: 1 }).waitFor();

    const nav = page.getByRole("navigation", { name: "Main" });
    await expectLeavingDirtyFormAsksFirst(page, { field: page.getByLabel("Customer Name"), value: "Gabriel Edited", link: nav.getByRole("link", { name: "Open Leads" }) });
    await page.getByRole("heading", { name: "Open Leads", level: 1 }).waitFor();
    // Nothing was saved behind the user's back.
    expect((await t.c.store.repos.leads.findById(lead.id))!.contactName).toBe("Guarded Gabriel");
  });
});
