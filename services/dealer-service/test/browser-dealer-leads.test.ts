import { actInOneTask, expectChatterBesideThenUnderForm, expectReadOnlyField, until } from "@crm/test-kit";
import { type DealerBrowser, endorseLead, startDealerBrowser } from "./helpers/dealer-browser";
import type { TestUser } from "./helpers/dealer-test-app";
import { makeBrand, makeLead, makeProduct, stageByName } from "./helpers/factories";

describe("Dealer leads in a real browser", () => {
  let h: DealerBrowser;
  let admin: TestUser;
  let seller: TestUser;
  let brand: { id: number; code: string };

  beforeAll(async () => {
    h = await startDealerBrowser();
    admin = await h.t.user("dealer_admin", "Ada Admin");
    seller = await h.t.user("dealer_user", "Sam Seller");
    brand = await makeBrand(h.t, "MITS");
    await makeProduct(h.t, brand.id, { defaultCode: "MIR-G4-GLX" });
  });
  afterAll(() => h?.close());

  it("when a dealer user filters All Leads by Endorsed from BPO, only endorsed leads show and the CSV export link carries the filters and downloads those rows", async () => {
    const endorsed = await endorseLead(h.t, admin, { brandCode: "MITS", contactName: "Erika Endorsed", productCode: "MIR-G4-GLX" });
    const manual = await makeLead(h.t, brand.id, { contactName: "Wally Walkin", userId: seller.id });
    const page = await h.loginAs(seller, { screenshot: "dealer-login.png" });
    const board = page.getByRole("region", { name: "All Leads by stage" });
    await board.getByRole("article", { name: "Erika Endorsed" }).waitFor();
    await board.getByRole("article", { name: "Wally Walkin" }).waitFor();
    await h.screenshot(page, "dealer-all-leads.png");

    // The box follows the URL, which the router updates in a transition: click, then wait for the state
    // (Playwright's check() asserts the new state at once and fails when the render comes a moment later).
    const endorsedOnly = page.getByLabel("Endorsed from BPO", { exact: true });
    await endorsedOnly.click();
    await page.waitForURL(/endorsed=true/);
    await endorsedOnly.and(page.locator(":checked")).waitFor();
    const today = new Date().toISOString().slice(0, 10);
    await page.getByRole("group", { name: "Created", exact: true }).getByLabel("From", { exact: true }).fill(today);

    await board.getByRole("article", { name: "Wally Walkin" }).waitFor({ state: "detached" });
    expect(await board.getByRole("article", { name: "Erika Endorsed" }).isVisible()).toBe(true);
    expect(await board.getByRole("region", { name: /Negotiation/ }).getByRole("article", { name: "Erika Endorsed" }).count()).toBe(1);
    const link = page.getByRole("link", { name: "Export CSV" });
    const href = (await link.getAttribute("href"))!;
    const url = new URL(href, h.base);
    expect(url.pathname).toBe("/api/leads/export.csv");
    expect(url.searchParams.get("endorsed")).toBe("true");
    expect(url.searchParams.get("createdFrom")).toBe(today);
    expect(await link.getAttribute("download")).not.toBeNull();

    // The link is a real download with the signed-in user's session: fetch it and read the rows.
    const res = await page.request.get(url.toString());
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe("name,bpo_source_lead_name,bpo_source_url,source_id,create_date,user_id");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(endorsed.dealerLeadName);
    expect(lines[1]).toContain(endorsed.params.bpoSourceLeadName);
    expect(lines.join("\n")).not.toContain(manual.reference);

    // The same filters apply to the list view.
    await page.getByRole("link", { name: "List" }).click();
    const table = page.getByRole("table", { name: "Leads" });
    await table.getByRole("link", { name: endorsed.dealerLeadName }).waitFor();
    expect(await table.getByRole("row").count()).toBe(2);
    expect(new URL(page.url()).searchParams.get("endorsed")).toBe("true");
    await h.screenshot(page, "dealer-leads-list.png");
  });

  it("shows the BPO Origin tab with a link to the BPO for an endorsed lead, and no such tab for a manual lead", async () => {
    const endorsed = await endorseLead(h.t, admin, { brandCode: "MITS", contactName: "Olivia Origin", bpoSourceUrl: "https://bpo.example.com" });
    // Created through the API as the form would, so its chatter has the creation line.
    const manual = (await h.t.as(seller).post("/api/leads", { contactName: "Manny Manual", mobile: "+639171234567", brandId: brand.id }).expect(201)).body as { id: number; reference: string };
    const page = await h.loginAs(seller);

    await page.goto(`${h.base}/leads/${manual.id}`);
    await page.getByRole("heading", { name: `${manual.reference} · Manny Manual` }).waitFor();
    await page.getByRole("tab", { name: "Details" }).waitFor();
    expect(await page.getByRole("tab", { name: "BPO Origin" }).count()).toBe(0);
    expect(await page.getByLabel("Customer Name").inputValue()).toBe("Manny Manual");
    await page.getByText("Lead created manually").waitFor();
    await h.screenshot(page, "dealer-lead-form.png");

    await page.goto(`${h.base}/leads/${endorsed.dealerLeadId}`);
    await page.getByRole("heading", { name: `${endorsed.dealerLeadName} · Olivia Origin` }).waitFor();
    await page.getByRole("tab", { name: "BPO Origin" }).click();
    const panel = page.getByRole("tabpanel");
    const link = panel.getByRole("link", { name: "https://bpo.example.com" });
    expect(await link.getAttribute("href")).toBe("https://bpo.example.com");
    const record = panel.getByRole("link", { name: `Open ${endorsed.params.bpoSourceLeadName} in the BPO CRM` });
    expect(await record.getAttribute("href")).toBe(`https://bpo.example.com/leads/${endorsed.params.bpoSourceLeadId}`);
    expect(await panel.getByText(String(endorsed.params.bpoSourceLeadId), { exact: true }).isVisible()).toBe(true);
    expect(await panel.getByText(endorsed.params.bpoSourceLeadName, { exact: true }).isVisible()).toBe(true);
    await page.getByText(`Lead endorsed from BPO CRM https://bpo.example.com (source lead ${endorsed.params.bpoSourceLeadName}, without S.Q.)`).waitFor();
    await h.screenshot(page, "dealer-bpo-origin.png");
  });

  it("when a drag is refused by the server, shows the server's message and snaps the card back", async () => {
    const lead = await makeLead(h.t, brand.id, { contactName: "Dora Dragged", userId: seller.id });
    const page = await h.loginAs(seller);
    const board = page.getByRole("region", { name: "All Leads by stage" });
    const newColumn = board.getByRole("region", { name: /^New/ });
    const card = newColumn.getByRole("listitem").filter({ has: page.getByRole("article", { name: "Dora Dragged" }) });
    await card.waitFor();

    await card.dragTo(board.getByRole("region", { name: /^Negotiation/ }));

    const alert = page.getByRole("alert").filter({ hasText: `${lead.reference} was not moved` });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Leads can only move forward one stage at a time. From "New" the only allowed next stage is "Qualified".');
    await newColumn.getByRole("article", { name: "Dora Dragged" }).waitFor();
    expect(await board.getByRole("region", { name: /^Negotiation/ }).getByRole("article", { name: "Dora Dragged" }).count()).toBe(0);
    expect((await h.t.c.store.repos.leads.findById(lead.id))?.stageId).toBe((await stageByName(h.t, "New")).id);

    // The one allowed step goes through and stays.
    await newColumn.getByRole("listitem").filter({ has: page.getByRole("article", { name: "Dora Dragged" }) }).dragTo(board.getByRole("region", { name: /^Qualified/ }));
    await page.getByRole("status").filter({ hasText: `${lead.reference} moved to Qualified` }).waitFor();
    expect((await h.t.c.store.repos.leads.findById(lead.id))?.stageId).toBe((await stageByName(h.t, "Qualified")).id);
  });

  it("when a card is dropped on Won before delivery it snaps back with Mark Won's reason; dropped on the folded Lost column it asks for a reason first", async () => {
    // Each file's users stay under the login rate limit (10 per login): these tests sign in as their own users.
    const closer = await h.t.user("dealer_user", "Cleo Closer");
    const lead = await makeLead(h.t, brand.id, { contactName: "Clara Closing", userId: closer.id, stage: "Negotiation" });
    const page = await h.loginAs(closer);
    const board = page.getByRole("region", { name: "All Leads by stage" });
    const column = (stage: string) => board.getByRole("region", { name: new RegExp(`^${stage}\\b`) });
    const card = () => column("Negotiation").getByRole("listitem").filter({ has: page.getByRole("article", { name: "Clara Closing" }) });
    await card().waitFor();

    await card().dragTo(column("Won"));
    const alert = page.getByRole("alert").filter({ hasText: `${lead.reference} was not moved` });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("none of its sale orders is delivered");
    await column("Negotiation").getByRole("article", { name: "Clara Closing" }).waitFor();

    await card().dragTo(column("Lost"));
    const dialog = page.getByRole("dialog", { name: `Mark ${lead.reference} as Lost` });
    await dialog.waitFor();
    expect(await dialog.getByRole("button", { name: "Mark Lost" }).isDisabled()).toBe(true);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await column("Negotiation").getByRole("article", { name: "Clara Closing" }).waitFor();
    expect((await h.t.c.store.repos.leads.findById(lead.id))?.isLost).toBe(false);

    await card().dragTo(column("Lost"));
    await dialog.getByLabel("Lost Reason").selectOption({ label: "Price" });
    await dialog.getByRole("button", { name: "Mark Lost" }).click();
    await page.getByRole("status").filter({ hasText: `${lead.reference} marked Lost.` }).waitFor();
    await column("Negotiation").getByRole("article", { name: "Clara Closing" }).waitFor({ state: "detached" });
    expect(await h.t.c.store.repos.leads.findById(lead.id)).toMatchObject({ isLost: true, isWon: false });
  });

  it("shows the model name the BPO sent on a card whose vehicle was not matched", async () => {
    await endorseLead(h.t, admin, { brandCode: "MITS", contactName: "Unmatched Uma", productCode: "NO-SUCH-CODE", vehicleModelName: "Xpander Cross Zeta" });
    const page = await h.loginAs(await h.t.user("dealer_user", "Vic Viewer"));
    const card = page.getByRole("region", { name: "All Leads by stage" }).getByRole("article", { name: "Unmatched Uma" });
    await card.getByText("Xpander Cross Zeta (as endorsed)").waitFor();
  });

  it("lets a Dealer Manager delete a lead without orders, refuses one with a sale order in place, and shows a salesperson no Delete", async () => {
    const manager = await h.t.user("dealer_manager", "Dee Manager");
    const owner = await h.t.user("dealer_user", "Otis Owner");
    const product = await makeProduct(h.t, brand.id, { defaultCode: "DEL-1" });
    const withOrder = await makeLead(h.t, brand.id, { contactName: "Ordered Olive", userId: owner.id, productId: product.id });
    await h.t.as(owner).post(`/api/leads/${withOrder.id}/convert-to-quotation`).expect(201);
    const plain = await makeLead(h.t, brand.id, { contactName: "Plain Paolo", userId: owner.id });

    const sellerPage = await h.loginAs(owner);
    await sellerPage.goto(`${h.base}/leads/${plain.id}`);
    await sellerPage.getByRole("button", { name: "Archive" }).waitFor();
    expect(await sellerPage.getByRole("button", { name: "Delete", exact: true }).count()).toBe(0);

    const page = await h.loginAs(manager);
    await page.goto(`${h.base}/leads/${withOrder.id}`);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${withOrder.reference}?` });
    await dialog.getByRole("button", { name: "Delete" }).click();
    await dialog.getByRole("alert").filter({ hasText: "has 1 linked sale order(s) and cannot be deleted; archive it instead." }).waitFor();
    expect(await h.t.c.store.repos.leads.findById(withOrder.id)).not.toBeNull();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await page.goto(`${h.base}/leads/${plain.id}`);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog", { name: `Delete ${plain.reference}?` }).getByRole("button", { name: "Delete" }).click();
    await page.getByRole("status").filter({ hasText: `${plain.reference} deleted.` }).waitFor();
    await page.getByRole("region", { name: "All Leads by stage" }).waitFor();
    expect(await h.t.c.store.repos.leads.findById(plain.id)).toBeNull();
  });

  it("creates a manual lead from the form (endorsement sources cannot be picked) and tracks an edit in the chatter", async () => {
    const page = await h.loginAs(seller);
    await page.getByRole("link", { name: "New lead" }).click();
    await page.getByRole("heading", { name: "New lead" }).waitFor();
    // Required fields are checked before anything is sent.
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Customer Name is required").waitFor();
    expect(await page.getByText("Brand is required").isVisible()).toBe(true);

    const sources = await page.getByLabel("Lead Source").locator("option").allTextContents();
    expect(sources).toContain("Inbound Call");
    expect(sources.filter((x) => x.includes("Endorsed"))).toEqual([]);
    await page.getByLabel("Customer Name").fill("Freda Formfill");
    await page.getByLabel("Mobile").fill("+63 917 555 0101");
    await page.getByLabel("Brand").selectOption({ label: "Brand MITS" });
    await page.getByLabel("Vehicle", { exact: true }).selectOption({ index: 1 });
    await page.getByLabel("Lead Source").selectOption({ label: "Inbound Call" });
    await page.getByRole("button", { name: "Save" }).click();

    await page.getByRole("heading", { name: /· Freda Formfill$/ }).waitFor();
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const created = await h.t.c.store.repos.leads.findView(id);
    expect(created).toMatchObject({ contactName: "Freda Formfill", userId: seller.id, stage: { name: "New" }, source: { code: "inbound_call" }, bpoSourceLeadId: null });
    expect(created?.productId).not.toBeNull();

    await page.getByLabel("Mobile").fill("+63 917 555 0202");
    await page.getByRole("group", { name: "Save bar" }).getByText("Unsaved changes", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Mobile:").waitFor();
    expect(await page.getByRole("region", { name: "Chatter" }).getByText("+63 917 555 0101 → +63 917 555 0202").isVisible()).toBe(true);
    expect((await h.t.c.store.repos.leads.findById(id))?.mobile).toBe("+63 917 555 0202");
  });

  it("does not show Configuration to a Dealer User, even at its address", async () => {
    const page = await h.loginAs(seller);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "My Pipeline" }).waitFor();
    expect(await nav.getByRole("link", { name: "Configuration" }).count()).toBe(0);
    expect(await page.getByText("Dealer User", { exact: true }).isVisible()).toBe(true);

    await page.goto(`${h.base}/config/bpo-connection`);
    await page.getByText("Only a Dealer Admin can open Configuration.").waitFor();
    expect(await page.getByLabel("BPO URL").count()).toBe(0);
  });

  it("when the BPO endorses a lead while a dealer user watches All Leads, its card appears without reload", async () => {
    const page = await h.loginAs(seller);
    const board = page.getByRole("region", { name: "All Leads by stage" });
    await page.getByText("Live updates on").waitFor();
    const before = await board.getByRole("region", { name: /^Negotiation/ }).getByRole("article").count();

    await endorseLead(h.t, admin, { brandCode: "MITS", contactName: "Livia Liveboard" });

    await board.getByRole("region", { name: /^Negotiation/ }).getByRole("article", { name: "Livia Liveboard" }).waitFor();
    expect(await board.getByRole("region", { name: /^Negotiation/ }).getByRole("article").count()).toBe(before + 1);
  });

  it("when a manager changes a lead that a salesperson has open, the form shows it and keeps what the salesperson is typing", async () => {
    const lead = await makeLead(h.t, brand.id, { contactName: "Tessa Typing", userId: seller.id });
    const manager = await h.t.user("dealer_manager", "Mona Manager");
    const page = await h.loginAs(seller);
    await page.goto(`${h.base}/leads/${lead.id}`);
    await page.getByRole("heading", { name: `${lead.reference} · Tessa Typing` }).waitFor();
    await page.getByText("Live", { exact: true }).waitFor();
    await page.getByLabel("Customer notes").fill("Prefers a call after 6 pm");

    await h.t.as(manager).patch(`/api/leads/${lead.id}`, { city: "Makati" }).expect(200);

    // City is not a tracked field (no chatter line), so wait for the input itself.
    const city = page.getByLabel("City");
    expect(await until(() => city.inputValue(), (v) => v === "Makati")).toBe("Makati");
    expect(await page.getByLabel("Customer notes").inputValue()).toBe("Prefers a call after 6 pm");
    await page.getByRole("group", { name: "Save bar" }).getByText("Unsaved changes", { exact: true }).waitFor();
  });

  it("lets a salesperson pick the lead's customer record by typing part of a mobile, with the keyboard", async () => {
    await h.t.as(seller).post("/api/partners", { name: "Carmela Picked", mobile: "+639178884444", email: "carmela@example.com" }).expect(201);
    const lead = await makeLead(h.t, brand.id, { contactName: "Carmela P.", userId: seller.id });
    const page = await h.loginAs(seller);
    await page.goto(`${h.base}/leads/${lead.id}`);
    const picker = page.getByRole("combobox", { name: "Customer record" });
    await picker.waitFor();
    expect(await picker.inputValue()).toBe("");

    await picker.fill("8884");
    const option = page.getByRole("listbox", { name: "Customer record" }).getByRole("option", { name: /Carmela Picked/ });
    await option.waitFor();
    expect(await option.textContent()).toContain("+639178884444");
    await h.screenshot(page, "dealer-customer-picker.png");
    await picker.press("Enter");
    expect(await picker.inputValue()).toBe("Carmela Picked");
    await page.getByRole("group", { name: "Save bar" }).getByText("Unsaved changes", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Save" }).click();

    await page.getByRole("region", { name: "Chatter" }).getByText("Carmela Picked").waitFor();
    const saved = await h.t.c.store.repos.leads.findView(lead.id);
    expect(saved?.partner?.name).toBe("Carmela Picked");

    // Escape gives up a search and shows the picked customer again.
    await picker.fill("nobody-like-this");
    await page.getByText("Nothing matches").waitFor();
    await picker.press("Escape");
    expect(await picker.inputValue()).toBe("Carmela Picked");
  });
  it("places the chatter beside the form at 1440 px and under it at 1024 px, and shows a lead the salesperson may only read as read-only fields, not inputs", async () => {
    const other = await h.t.user("dealer_user", "Otto Other");
    const lead = await makeLead(h.t, brand.id, { contactName: "Layla Layout", userId: other.id });
    const page = await h.loginAs(seller, { width: 1440 });
    await page.goto(`${h.base}/leads/${lead.id}`);
    await page.getByRole("heading", { name: `${lead.reference} · Layla Layout`, level: 1 }).waitFor();
    // The same checks as the BPO's lead form (browser-lead-form): one layout and one read-only look in both apps.
    await expectReadOnlyField(page, "Customer Name", "Layla Layout");
    await expectChatterBesideThenUnderForm(page);
  });

  it("when a dealer user picks a brand and a stage in quick succession, before the first has landed, both filters apply", async () => {
    const quick = await makeBrand(h.t, "QUIK");
    await makeLead(h.t, brand.id, { contactName: "Nimble Kept", userId: seller.id });
    await makeLead(h.t, quick.id, { contactName: "Nimble Other Brand", userId: seller.id });
    await makeLead(h.t, brand.id, { contactName: "Nimble Other Stage", userId: seller.id, stage: "Negotiation" });
    const page = await h.loginAs(seller);
    const board = page.getByRole("region", { name: "All Leads by stage" });
    await board.getByRole("article", { name: "Nimble Other Stage" }).waitFor();
    const filters = page.getByRole("search", { name: "Filter leads" });
    await filters.getByLabel("Brand").locator("option", { hasText: quick.code }).first().waitFor({ state: "attached" });
    const newStage = await stageByName(h.t, "New");
    // Both picks in one task: the router has not landed the brand when the stage comes.
    await actInOneTask(page, [
      { select: filters.getByLabel("Brand"), value: String(brand.id) },
      { select: filters.getByLabel("Stage"), value: String(newStage.id) },
    ]);
    await page.waitForURL((u) => u.searchParams.get("stageId") === String(newStage.id));
    await board.getByRole("article", { name: "Nimble Other Stage" }).waitFor({ state: "detached" });
    expect(new URL(page.url()).searchParams.get("brandId")).toBe(String(brand.id));
    await board.getByRole("article", { name: "Nimble Other Brand" }).waitFor({ state: "detached" });
    expect(await board.getByRole("article", { name: "Nimble Kept" }).isVisible()).toBe(true);
    expect(await filters.getByLabel("Brand").inputValue()).toBe(String(brand.id));
  });
});
