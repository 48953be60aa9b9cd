import { expectLeavingDirtyFormAsksFirst, expectNoHorizontalOverflow, saveScreenshot } from "@crm/test-kit";
import { type DealerBrowser, startDealerBrowser } from "./helpers/dealer-browser";
import type { TestUser } from "./helpers/dealer-test-app";
import { makeBrand, makeLead } from "./helpers/factories";

/** Issue 15: what a full day's use of the dealer UI hit (lost edits, long text, unasked destructive actions, focus). */
describe("Dealer UI in a full day's use, in a real browser", () => {
  let h: DealerBrowser;
  let seller: TestUser;
  let brand: { id: number; code: string };

  beforeAll(async () => {
    h = await startDealerBrowser({ DEALER_CODE: "MAKATI", DEALER_NAME: "UAAGI Makati" });
    seller = await h.t.user("dealer_user", "Sol Seller");
    brand = await makeBrand(h.t, "DAYU");
  });
  afterAll(() => h?.close());

  it("when a salesperson leaves a lead with unsaved edits by a menu link, the back button or a reload, it asks first and Stay keeps the edit", async () => {
    const lead = await makeLead(h.t, brand.id, { contactName: "Guarded Gwen", userId: seller.id });
    const page = await h.loginAs(seller);
    await page.getByRole("article", { name: "Guarded Gwen" }).getByRole("link", { name: "Guarded Gwen" }).click();
    await page.getByRole("heading", { name: /Guarded Gwen/, level: 1 }).waitFor();

    const nav = page.getByRole("navigation", { name: "Main" });
    await expectLeavingDirtyFormAsksFirst(page, {
      field: page.getByLabel("Customer Name"),
      value: "Gwen Edited",
      link: nav.getByRole("link", { name: "My Pipeline" }),
      // The window as the user sees it (h.screenshot is full-page, which would pin the sticky bar mid-page).
      whileDirty: () => saveScreenshot(page, "day-use-dealer-save-bar-scrolled.png"),
    });
    await page.getByRole("heading", { name: "My Pipeline", level: 1 }).waitFor();
    expect((await h.t.c.store.repos.leads.findById(lead.id))!.contactName).toBe("Guarded Gwen");
  });

  it("the header names the dealership, a reload shows the header and a skeleton while it loads, and an empty board says why it is empty", async () => {
    const fresh = await h.t.user("dealer_user", "Nina New");
    const page = await h.loginAs(fresh);
    const header = page.getByRole("banner");
    expect(await header.getByTestId("place-name").textContent()).toBe("UAAGI Makati");

    // A reload is held at /api/auth/me: the app's header and a loading skeleton show meanwhile, not a bare word.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/api/auth/me", async (route) => {
      await held;
      await route.fallback();
    });
    await page.reload();
    await page.getByRole("status", { name: "Loading" }).waitFor();
    expect(await header.getByText("Dealer CRM").isVisible()).toBe(true);
    await h.screenshot(page, "day-use-dealer-loading-shell.png");
    release();
    await page.getByRole("heading", { name: "All Leads", level: 1 }).waitFor();

    // Nothing is assigned to Nina and no filter is set: the board says so, not "match these filters".
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My Pipeline" }).click();
    await page.getByRole("status").filter({ hasText: "No leads assigned to you yet." }).waitFor();
    await page.goto(`${h.base}/my-pipeline?q=nobody-has-this`);
    await page.getByRole("status").filter({ hasText: "No leads match these filters." }).waitFor();
    await page.goto(`${h.base}/my-pipeline/list`);
    await page.getByText("No leads assigned to you yet.").waitFor();
  });

  it("when names and notes are 300 unbroken characters, the lead form, both boards and the list stay within the window at 1440 and 1024 px", async () => {
    const word = (c: string) => c.repeat(300);
    const lead = await makeLead(h.t, brand.id, { contactName: word("W"), userId: seller.id });
    await h.t.c.store.repos.leads.update(lead.id, { customerNotes: word("n"), internalNotes: word("i") });
    await h.t.c.store.repos.messages.add({ leadId: lead.id, kind: "note", body: word("c"), authorId: seller.id });

    for (const width of [1440, 1024]) {
      const page = await h.loginAs(seller, { width });
      await page.getByRole("article", { name: word("W") }).waitFor();
      await expectNoHorizontalOverflow(page, `All Leads at ${width} px`);
      await h.screenshot(page, `day-use-dealer-all-leads-long-text-${width}.png`);

      await page.goto(`${h.base}/my-pipeline`);
      await page.getByRole("article", { name: word("W") }).waitFor();
      await expectNoHorizontalOverflow(page, `My Pipeline at ${width} px`);

      await page.goto(`${h.base}/list`);
      await page.getByRole("cell", { name: word("W") }).waitFor();
      await expectNoHorizontalOverflow(page, `the list at ${width} px`);
      await h.screenshot(page, `day-use-dealer-list-long-text-${width}.png`);

      await page.goto(`${h.base}/leads/${lead.id}`);
      await page.getByRole("heading", { name: new RegExp(word("W")), level: 1 }).waitFor();
      await page.getByText(word("c")).waitFor();
      await expectNoHorizontalOverflow(page, `lead form at ${width} px`);
      await h.screenshot(page, `day-use-dealer-lead-form-long-text-${width}.png`);
      await page.context().close();
    }
  });

  it("a mobile the server refuses is flagged under the Mobile field with a plain banner, never the API's 'Invalid body' text", async () => {
    const lead = await makeLead(h.t, brand.id, { contactName: "Valid Vera", userId: seller.id });
    const page = await h.loginAs(seller);
    await page.goto(`${h.base}/leads/${lead.id}`);
    await page.getByRole("heading", { name: /Valid Vera/, level: 1 }).waitFor();
    await page.getByLabel("Mobile").fill("call me maybe");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").filter({ hasText: "Some fields need attention: see the messages under them." }).waitFor();
    await page.getByText("Mobile may contain only digits, spaces and + ( ) - . /").waitFor();
    expect(await page.getByText("Invalid body", { exact: false }).count()).toBe(0);
    expect((await h.t.c.store.repos.leads.findById(lead.id))!.mobile).toBe(lead.mobile);
    await h.screenshot(page, "day-use-dealer-field-error.png");
  });
});
