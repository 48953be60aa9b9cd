import { actInOneTask, startForTests } from "@crm/test-kit";
import type { BpoTestApp } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";

describe("Finding a customer in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;

  startForTests(() => startBpoBrowser(), (started) => ([b, t] = [started, started.t]));

  it("an agent presses /, types the last digits of a caller's number and finds the lead, with a colleague's lead shown as held by them", async () => {
    const brand = await makeBrand(t, "FIND");
    const dealer = await makeDealership(t, brand.id, "FINDD");
    const agent = await t.user("agent", "Sam Searcher");
    const colleague = await t.user("agent", "Carla Colleague");
    const mine = await makeLead(t, brand.id, { contactName: "Liza Soberano", mobile: "+63 917 246 8135", userId: agent.id });
    await t.c.store.repos.leads.update(mine.id, { dealershipId: dealer.id });
    const held = await makeLead(t, brand.id, { contactName: "Liza Held", mobile: "09172468135", userId: colleague.id });
    await makeLead(t, brand.id, { contactName: "Someone Else", mobile: "+639170000999" });

    const page = await b.loginAs(agent, { to: "/call-logs", context: { viewport: { width: 1440, height: 900 } } });
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.keyboard.press("/");
    const box = page.getByRole("searchbox", { name: /Find a customer/ });
    expect(await box.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    await box.fill("8135");
    await box.press("Enter");

    await page.getByRole("heading", { name: "Leads", level: 1 }).waitFor();
    expect(page.url()).toContain("/leads?q=8135");
    const table = page.getByRole("table", { name: "Leads" });
    const myRow = table.getByRole("row").filter({ hasText: "Liza Soberano" });
    await myRow.waitFor();
    await expectRowToShow(myRow, ["FIND", "New", "Sam Searcher", "Dealer FINDD", "+63 917 246 8135"]);
    const heldRow = table.getByRole("row").filter({ hasText: "Liza Held" });
    await heldRow.getByText("Carla Colleague").waitFor();
    expect(await heldRow.getByRole("link").count()).toBe(0);
    expect(await heldRow.textContent()).not.toContain("2468135");
    expect(await table.getByRole("row").filter({ hasText: "Someone Else" }).count()).toBe(0);
    await b.screenshot(page, "leads-search.png");

    // The CSV export link carries the same search.
    expect(await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toBe("/api/leads/export.csv?q=8135");
    await myRow.getByRole("link", { name: mine.reference }).click();
    await page.getByRole("heading", { name: "Liza Soberano", level: 1 }).waitFor();
    expect(held.id).not.toBe(mine.id);
  });

  it("a supervisor narrows the list with filters that stay in the URL", async () => {
    const brand = await makeBrand(t, "FLT");
    const other = await makeBrand(t, "FLT2");
    const supervisor = await t.user("supervisor", "Sue Pervisor");
    await makeLead(t, brand.id, { contactName: "Filter Kept" });
    await makeLead(t, other.id, { contactName: "Filter Dropped" });
    const page = await b.loginAs(supervisor, { to: "/leads?q=filter", context: { viewport: { width: 1440, height: 900 } } });
    const table = page.getByRole("table", { name: "Leads" });
    await table.getByText("Filter Dropped").waitFor();
    await page.getByRole("search", { name: "Search and filter leads" }).getByLabel("Brand").selectOption({ label: "Brand FLT" });
    await table.getByText("Filter Dropped").waitFor({ state: "detached" });
    await table.getByText("Filter Kept").waitFor();
    expect(page.url()).toContain(`brandId=${brand.id}`);
    await page.reload();
    await table.getByText("Filter Kept").waitFor();
    expect(await table.getByText("Filter Dropped").count()).toBe(0);
  });
  it("two choices made in quick succession both apply, a choice takes the search box as it reads, and a search from the header resets the filters shown", async () => {
    const brand = await makeBrand(t, "QCK");
    const other = await makeBrand(t, "QCK2");
    const supervisor = await t.user("supervisor", "Quincy Quick");
    await makeLead(t, brand.id, { contactName: "Quick Kept" });
    await makeLead(t, other.id, { contactName: "Quick Other Brand" });
    const archived = await makeLead(t, brand.id, { contactName: "Quick Archived" });
    await t.c.store.repos.leads.update(archived.id, { active: false });
    await makeLead(t, brand.id, { contactName: "Slowpoke Lead" });
    const page = await b.loginAs(supervisor, { to: "/leads", context: { viewport: { width: 1440, height: 900 } } });
    const table = page.getByRole("table", { name: "Leads" });
    const filters = page.getByRole("search", { name: "Search and filter leads" });
    await table.getByText("Quick Archived").waitFor();
    await filters.getByLabel("Brand").locator("option", { hasText: "Brand QCK" }).first().waitFor({ state: "attached" });

    // Typed but not submitted, then two choices in one task: the router has not landed the first when the second comes.
    await filters.getByLabel("Search", { exact: true }).fill("Quick");
    await actInOneTask(page, [
      { select: filters.getByLabel("Brand"), value: String(brand.id) },
      { select: filters.getByLabel("Archived"), value: "false" },
    ]);
    await page.waitForURL((u) => u.searchParams.get("archived") === "false");
    await table.getByText("Quick Archived").waitFor({ state: "detached" });
    const params = new URL(page.url()).searchParams;
    expect([params.get("q"), params.get("brandId"), params.get("archived")]).toEqual(["Quick", String(brand.id), "false"]);
    expect(await table.getByText("Quick Other Brand").count()).toBe(0);
    expect(await table.getByText("Slowpoke Lead").count()).toBe(0);
    expect(await table.getByText("Quick Kept").isVisible()).toBe(true);

    // Someone else moved the address: the form shows what it now holds, not the earlier picks.
    const box = page.getByRole("searchbox", { name: /Find a customer/ });
    await box.fill("Slowpoke");
    await box.press("Enter");
    await table.getByText("Slowpoke Lead").waitFor();
    expect(new URL(page.url()).search).toBe("?q=Slowpoke");
    expect(await filters.getByLabel("Brand").inputValue()).toBe("");
    expect(await filters.getByLabel("Archived").inputValue()).toBe("");
    expect(await filters.getByLabel("Search", { exact: true }).inputValue()).toBe("Slowpoke");
  });
});

async function expectRowToShow(row: import("playwright-core").Locator, texts: string[]) {
  const text = (await row.textContent()) ?? "";
  for (const s of texts) expect(text).toContain(s);
}
