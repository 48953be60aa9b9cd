import { expectLeavingDirtyFormAsksFirst } from "@crm/test-kit";
import { type DealerBrowser, startDealerBrowser } from "./helpers/dealer-browser";
import type { TestUser } from "./helpers/dealer-test-app";
import { makeBrand, makeLead } from "./helpers/factories";

/** Issue 15: what a full day's use of the dealer UI hit (lost edits, long text, unasked destructive actions, focus). */
describe("Dealer UI in a full day's use, in a real browser", () => {
  let h: DealerBrowser;
  let seller: TestUser;
  let brand: { id: number; code: string };

  beforeAll(async () => {
    h = await startDealerBrowser();
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
    await expectLeavingDirtyFormAsksFirst(page, { field: page.getByLabel("Customer Name"), value: "Gwen Edited", link: nav.getByRole("link", { name: "My Pipeline" }) });
    await page.getByRole("heading", { name: "My Pipeline", level: 1 }).waitFor();
    expect((await h.t.c.store.repos.leads.findById(lead.id))!.contactName).toBe("Guarded Gwen");
  });
});
