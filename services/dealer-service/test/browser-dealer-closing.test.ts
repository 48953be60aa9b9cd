import { mainNavLink } from "@crm/test-kit";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type DealerBrowser, endorseLead, startDealerBrowser } from "./helpers/dealer-browser";
import type { TestUser } from "./helpers/dealer-test-app";
import { makeBrand, makeLead, makeProduct } from "./helpers/factories";

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe("Closing dealer leads and configuring the dealership in a real browser", () => {
  let h: DealerBrowser;
  let admin: TestUser;
  let manager: TestUser;
  let seller: TestUser;
  let brandId: number;
  let productId: number;

  beforeAll(async () => {
    h = await startDealerBrowser();
    admin = await h.t.user("dealer_admin", "Ada Admin");
    manager = await h.t.user("dealer_manager", "Mia Manager");
    seller = await h.t.user("dealer_user", "Sam Seller");
    brandId = (await makeBrand(h.t, "MITS")).id;
    productId = (await makeProduct(h.t, brandId, { defaultCode: "MIR-G4-GLX", listPrice: 900_000 })).id;
  });
  afterAll(() => h?.close());

  it("when Mark Won is tried before delivery, explains the server's reason at the disabled button and the lead stays open", async () => {
    const lead = await makeLead(h.t, brandId, { contactName: "Nina Notyet", userId: seller.id, productId, stage: "Negotiation" });
    const page = await h.loginAs(seller);
    await page.goto(`${h.base}/leads/${lead.id}`);
    const won = page.getByRole("button", { name: "Mark Won" });
    await won.waitFor();

    const reason = page.getByText(`Lead ${lead.reference} cannot be marked Won yet: none of its sale orders is delivered. Confirm and deliver the sale order first.`);
    await reason.waitFor();
    expect(await won.isDisabled()).toBe(true);
    // The explanation is tied to the button for screen readers too.
    expect(await won.getAttribute("aria-describedby")).toBe("mark-won-reason");
    await h.screenshot(page, "dealer-mark-won-refused.png");
    const after = await h.t.c.store.repos.leads.findById(lead.id);
    expect(after).toMatchObject({ isWon: false, isLost: false, closedAt: null });
  });

  it("when a salesperson clicks a stage on the statusbar, the next stage moves the lead, while a skipped stage and an early Won show the server's refusal in place", async () => {
    const lead = await makeLead(h.t, brandId, { contactName: "Stefan Steps", userId: seller.id, productId });
    const page = await h.loginAs(seller);
    await page.goto(`${h.base}/leads/${lead.id}`);
    const bar = page.getByRole("list", { name: "Stage" });

    await bar.getByRole("button", { name: "Negotiation", exact: true }).click();
    await page.locator("p.form-error[role=alert]").filter({ hasText: 'Leads can only move forward one stage at a time. From "New" the only allowed next stage is "Qualified".' }).waitFor();
    expect((await h.t.c.store.repos.leads.findView(lead.id))?.stage.name).toBe("New");

    await bar.getByRole("button", { name: "Qualified", exact: true }).click();
    await bar.locator("[aria-current=step]").filter({ hasText: "Qualified" }).waitFor();
    expect((await h.t.c.store.repos.leads.findView(lead.id))?.stage.name).toBe("Qualified");

    await bar.getByRole("button", { name: "Won", exact: true }).click();
    await page.locator("p.form-error[role=alert]").filter({ hasText: 'Move the lead to "Negotiation" before marking it Won.' }).waitFor();
    expect(await h.t.c.store.repos.leads.findById(lead.id)).toMatchObject({ isWon: false, closedAt: null });
    expect(await bar.getByRole("button", { name: "Lost", exact: true }).count()).toBe(0);
  });

  it("converts an endorsed lead to a quotation, edits, confirms and delivers it, then Mark Won makes the lead Won and shows the BPO callback as pending", async () => {
    const endorsed = await endorseLead(h.t, admin, { brandCode: "MITS", contactName: "Wendy Winner", productCode: "MIR-G4-GLX", expectedPrice: 850_000 });
    const page = await h.loginAs(manager);
    await page.goto(`${h.base}/leads/${endorsed.dealerLeadId}`);
    await page.getByRole("heading", { name: `${endorsed.dealerLeadName} · Wendy Winner` }).waitFor();

    await page.getByRole("button", { name: "Convert to Quotation" }).click();
    await page.getByRole("heading", { name: /^Quotation / }).waitFor();
    const orderId = Number(new URL(page.url()).pathname.split("/").pop());
    // Lines are editable while a quotation.
    await page.getByLabel("Line 1 unit price").fill("880000");
    await page.getByRole("button", { name: "Save lines" }).click();
    await page.getByRole("status").filter({ hasText: "lines saved" }).waitFor();
    expect((await h.t.c.store.repos.orders.findById(orderId))?.lines[0]).toMatchObject({ productId, unitPrice: 880_000 });
    await h.screenshot(page, "dealer-sale-order.png");

    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("heading", { name: /^Sales Order / }).waitFor();
    expect(await page.getByLabel("Line 1 unit price").count()).toBe(0);
    await page.getByRole("button", { name: "Deliver" }).click();
    const dialog = page.getByRole("dialog", { name: /^Deliver / });
    expect(await dialog.getByLabel("Delivery date").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await dialog.getByRole("button", { name: "Record delivery" }).click();
    await page.getByRole("heading", { name: /^Delivered / }).waitFor();
    expect((await h.t.c.store.repos.orders.findById(orderId))?.state).toBe("done");

    await page.getByRole("link", { name: "Back to the lead" }).click();
    // Enabled now: the server's check allows it once the order is delivered.
    await page.getByRole("button", { name: "Mark Won", disabled: false }).click();

    await page.getByRole("status", { name: "BPO callback status" }).filter({ hasText: "BPO callback (Won): Pending" }).waitFor();
    expect(await page.getByRole("button", { name: "Mark Won" }).count()).toBe(0);
    const lead = await h.t.c.store.repos.leads.findById(endorsed.dealerLeadId);
    expect(lead).toMatchObject({ isWon: true, isLost: false, callbackStatus: "pending" });
    await page.getByText("Marked as Won (vehicle delivered)").waitFor();
  });

  it("does not let Mark Lost be submitted without a reason, then marks the lead Lost once one is picked", async () => {
    const lead = await makeLead(h.t, brandId, { contactName: "Larry Lost", userId: seller.id, stage: "Qualified" });
    const page = await h.loginAs(seller);
    await page.goto(`${h.base}/leads/${lead.id}`);
    await page.getByRole("button", { name: "Mark Lost" }).click();
    const dialog = page.getByRole("dialog", { name: `Mark ${lead.reference} as Lost` });
    await dialog.waitFor();
    const submit = dialog.getByRole("button", { name: "Mark Lost" });

    expect(await submit.isDisabled()).toBe(true);
    expect(await dialog.getByText("Pick a Lost Reason to mark the lead Lost.").isVisible()).toBe(true);
    await dialog.getByLabel("Notes").fill("Went quiet");
    await dialog.getByLabel("Notes").press("Enter");
    expect(await submit.isDisabled()).toBe(true);
    expect((await h.t.c.store.repos.leads.findById(lead.id))?.isLost).toBe(false);

    await dialog.getByLabel("Lost Reason").selectOption({ label: "Price" });
    await submit.click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Lost: Price").waitFor();
    expect(await h.t.c.store.repos.leads.findById(lead.id)).toMatchObject({ isLost: true, lostNotes: "Went quiet", callbackStatus: "none" });
  });

  it("lets an Admin add a brand and its product, and shows an issued service key once", async () => {
    await h.t.user("service_account", "BPO CRM peer");
    const page = await h.loginAs(admin);
    await page.goto(`${h.base}/config/brands`);
    await page.getByRole("button", { name: "New brand" }).click();
    const brandDialog = page.getByRole("dialog", { name: "New brand" });
    await brandDialog.getByRole("button", { name: "Save" }).click();
    await brandDialog.getByText("Code is required").waitFor();
    await brandDialog.getByLabel("Code").fill("chery");
    await brandDialog.getByLabel("Name").fill("Chery");
    await brandDialog.getByRole("button", { name: "Save" }).click();
    await page.getByRole("table", { name: "Brands" }).getByRole("cell", { name: "CHERY", exact: true }).waitFor();

    await page.getByRole("link", { name: "Products" }).click();
    await page.getByRole("button", { name: "New product" }).click();
    const productDialog = page.getByRole("dialog", { name: "New product" });
    await productDialog.getByLabel("Brand").selectOption({ label: "Chery" });
    await productDialog.getByLabel("Internal reference").fill("TIGGO7PRO");
    await productDialog.getByLabel("Name").fill("Chery Tiggo 7 Pro");
    await productDialog.getByLabel("List price").fill("1398000");
    await productDialog.getByRole("button", { name: "Save" }).click();
    await page.getByRole("table", { name: "Products" }).getByRole("cell", { name: "Chery Tiggo 7 Pro", exact: true }).waitFor();
    const chery = await h.t.c.store.repos.catalog.findBrandByCode("CHERY");
    expect((await h.t.c.store.repos.catalog.listProducts({ brandId: chery!.id })).map((p) => ({ code: p.defaultCode, price: p.listPrice }))).toEqual([{ code: "TIGGO7PRO", price: 1_398_000 }]);

    await page.getByRole("link", { name: "Service keys" }).click();
    await page.getByRole("button", { name: "Issue a key" }).click();
    const keyDialog = page.getByRole("dialog", { name: "Issue a service key" });
    await keyDialog.getByLabel("Service account").selectOption({ index: 1 });
    await keyDialog.getByLabel("Label").fill("BPO production");
    await keyDialog.getByRole("button", { name: "Issue key" }).click();
    const key = await page.getByLabel("New service key").inputValue();
    expect(key).toMatch(/^dsk_/);
    await page.getByRole("button", { name: "I have copied it" }).click();
    await page.getByRole("table", { name: "Service keys" }).getByRole("cell", { name: "BPO production", exact: true }).waitFor();
    expect(await page.content()).not.toContain(key);
  });

  it("when the server refuses a lost reason's order, its message shows under the Order field and the dialog only points there", async () => {
    const page = await h.loginAs(admin);
    await (await mainNavLink(page, "Configuration")).click();
    await page.getByRole("navigation", { name: "Configuration sections" }).getByRole("link", { name: "Lost reasons" }).click();
    await page.getByRole("button", { name: "New lost reason" }).click();
    const dialog = page.getByRole("dialog", { name: "New lost reason" });
    await dialog.getByLabel("Code").fill("too_far");
    await dialog.getByLabel("Name").fill("Showroom too far");
    // A whole number passes the form's own check; the server caps the order at 10,000.
    await dialog.getByLabel("Order").fill("20000");
    await dialog.getByRole("button", { name: "Save" }).click();

    await dialog.getByRole("alert").filter({ hasText: "Some fields need attention: see the messages under them." }).waitFor();
    const order = dialog.getByLabel("Order");
    expect(await order.getAttribute("aria-invalid")).toBe("true");
    const message = await order.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby")!)?.textContent ?? "");
    expect(message).toMatch(/10000|10,000/);
    expect(await dialog.getByText(/Please check/).count()).toBe(0);
    expect((await h.t.c.store.repos.catalog.listLostReasons(true)).some((r) => r.code === "too_far")).toBe(false);
  });

  it("shows an Admin the failure when Test Connection targets a closed loopback port, and never shows the stored key back", async () => {
    const port = await closedPort();
    const page = await h.loginAs(admin);
    await (await mainNavLink(page, "Configuration")).click();
    await page.getByRole("heading", { name: "Brands", level: 2 }).waitFor();
    await page.getByRole("navigation", { name: "Configuration sections" }).getByRole("link", { name: "BPO connection" }).click();
    await page.getByText("Not configured yet").waitFor();

    await page.getByLabel("BPO URL").fill(`http://127.0.0.1:${port}`);
    await page.getByLabel("Service key").fill("bsk_secret-key-issued-by-the-bpo");
    await page.getByRole("button", { name: "Save connection" }).click();
    await page.getByText(`Configured: http://127.0.0.1:${port}`).waitFor();
    expect(await page.getByLabel("Service key").inputValue()).toBe("");
    expect(await page.content()).not.toContain("bsk_secret-key-issued-by-the-bpo");

    await page.getByRole("button", { name: "Test Connection" }).click();
    const failure = page.getByRole("alert").filter({ hasText: "Connection failed." });
    await failure.waitFor();
    expect(await failure.textContent()).toContain(`Cannot reach http://127.0.0.1:${port}`);
    await h.screenshot(page, "dealer-config.png");
  });
});
