import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, stageByName } from "./helpers/factories";

/** A loopback port nothing listens on: connecting to it is refused at once, no network involved. */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

jest.setTimeout(60_000);

describe("Configuration screens in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;
  let manager: TestUser;

  beforeAll(async () => {
    b = await startBpoBrowser();
    t = b.t;
    manager = await t.user("manager", "Mona Manager");
  });

  afterAll(() => b?.close());

  const loginAs = (user: TestUser, to: string): Promise<Page> => b.loginAs(user, { to, context: { viewport: { width: 1280, height: 900 } } });

  it("when a Manager adds a lead source inline, the row is saved in the database", async () => {
    const page = await loginAs(manager, "/config/lead-sources");
    const table = page.getByRole("table", { name: "Lead sources" });
    await table.getByLabel("Code of Web Quotation").waitFor();
    expect(await table.getByLabel("Code of Web Quotation").isEditable()).toBe(false);

    await page.getByRole("button", { name: "New source" }).click();
    const row = table.getByRole("row", { name: "New lead source" });
    await row.getByLabel("Sequence of new source").fill("55");
    await row.getByLabel("Code of new source").fill("facebook_ads");
    await row.getByLabel("Name of new source").fill("Facebook Ads");
    await row.getByLabel("Source Type of new source").selectOption("social_media");
    await row.getByRole("button", { name: "Add" }).click();

    await page.getByRole("status").filter({ hasText: 'Lead source "Facebook Ads" added.' }).waitFor();
    await table.getByRole("row", { name: "Lead source facebook_ads" }).waitFor();
    const stored = await t.c.store.repos.catalog.findSourceByCode("facebook_ads");
    expect(stored).toMatchObject({ name: "Facebook Ads", sourceType: "social_media", sequence: 55, active: true });

    // Edit in place: rename, Enter saves.
    const name = table.getByLabel("Name of Facebook Ads");
    await name.fill("Facebook Lead Ads");
    await name.press("Enter");
    await table.getByLabel("Name of Facebook Lead Ads").waitFor();
    expect((await t.c.store.repos.catalog.findSourceByCode("facebook_ads"))?.name).toBe("Facebook Lead Ads");
    // The Active box archives on its own; protected sources cannot be archived or deleted from here.
    await table.getByLabel("Active: Facebook Lead Ads").uncheck();
    await table.getByRole("row", { name: "Lead source facebook_ads" }).getByText("Archived").waitFor();
    expect((await t.c.store.repos.catalog.findSourceByCode("facebook_ads"))?.active).toBe(false);
    expect(await table.getByLabel("Active: Web Quotation").isDisabled()).toBe(true);
    expect(await table.getByRole("button", { name: "Delete Web Quotation" }).count()).toBe(0);
    await dismissToasts(page);
    await b.screenshot(page, "config-lead-sources.png", { fullPage: true });
  });

  it("when the server refuses a lead source's code, its message shows under the Code cell, not as a banner under the row", async () => {
    const made = await t.as(manager).post("/api/lead-sources", { code: "old_radio", name: "Old Radio", sourceType: "social_media", sequence: 90 });
    expect(made.status).toBe(201);
    expect((await t.as(manager).delete(`/api/lead-sources/${(made.body as { id: number }).id}`)).status).toBe(204);

    const page = await loginAs(manager, "/config/lead-sources");
    const table = page.getByRole("table", { name: "Lead sources" });
    await page.getByRole("button", { name: "New source" }).click();
    const row = table.getByRole("row", { name: "New lead source" });
    await row.getByLabel("Code of new source").fill("old_radio");
    await row.getByLabel("Name of new source").fill("Radio Again");
    await row.getByLabel("Source Type of new source").selectOption("social_media");
    await row.getByRole("button", { name: "Add" }).click();

    const message = 'The code "old_radio" belonged to a deleted lead source and is never reused. Choose another code.';
    const code = row.getByLabel("Code of new source");
    await row.getByRole("alert").filter({ hasText: message }).waitFor();
    expect(await code.getAttribute("aria-invalid")).toBe("true");
    expect(await code.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby")!)?.textContent)).toBe(message);
    expect(await table.locator(".cfg-row-error").count()).toBe(0);
    expect(await page.getByText(/Please check/).count()).toBe(0);
  });

  it("when a Manager drags a lead source to the top, or moves it with the arrow keys, the new order is saved as sequences", async () => {
    const page = await loginAs(manager, "/config/lead-sources");
    const table = page.getByRole("table", { name: "Lead sources" });
    const handle = (name: string) => table.getByRole("button", { name: `Reorder ${name}: drag, or use the up and down arrow keys` });
    const order = async () => (await t.c.store.repos.catalog.listSources()).map((x) => x.name);
    await handle("Referral").waitFor();
    const before = await order();
    const first = before[0]!;

    await handle("Referral").dragTo(table.getByRole("row", { name: /^Lead source / }).first());
    await page.getByRole("status").filter({ hasText: '"Referral" moved to position 1.' }).waitFor();
    expect((await order())[0]).toBe("Referral");
    expect((await order()).slice(1, 3)).toEqual(before.filter((n) => n !== "Referral").slice(0, 2));

    // Keyboard: the handle moves its row one place per arrow press.
    await handle(first).focus();
    await handle(first).press("ArrowUp");
    await page.getByRole("status").filter({ hasText: `"${first}" moved to position 1.` }).waitFor();
    const after = await order();
    expect(after.slice(0, 2)).toEqual([first, "Referral"]);
    const sequences = (await t.c.store.repos.catalog.listSources()).map((x) => x.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
  });

  it("when a Manager deletes a lead source used by a lead, the server's refusal is shown and the row stays", async () => {
    const brand = await makeBrand(t, "DEL");
    const source = await t.c.store.repos.catalog.createSource({ code: "radio_ad", name: "Radio Ad", sourceType: "campaign", sequence: 60, active: true });
    const stage = await stageByName(t, "New");
    await t.c.store.repos.leads.create({ contactName: "Rita Radio", mobile: "+639170000001", email: null, brandId: brand.id, sourceId: source.id, stageId: stage.id, userId: null, isWon: false, isLost: false });

    const page = await loginAs(manager, "/config/lead-sources");
    const row = page.getByRole("row", { name: "Lead source radio_ad" });
    await row.getByRole("button", { name: "Delete Radio Ad" }).click();
    const dialog = page.getByRole("dialog", { name: 'Delete lead source "Radio Ad"?' });
    await dialog.getByRole("button", { name: "Delete" }).click();

    await dialog.getByRole("alert").filter({ hasText: 'Lead source "Radio Ad" is used by 1 lead(s) and cannot be deleted. Archive it instead.' }).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await row.isVisible()).toBe(true);
    expect(await t.c.store.repos.catalog.findSourceByCode("radio_ad")).not.toBeNull();
  });

  it("when an Agent opens /config/brands, the page says Managers only and the API refuses the change", async () => {
    const agent = await t.user("agent", "Andy Agent");
    const page = await loginAs(agent, "/config/brands");
    await page.getByRole("heading", { name: "Managers only" }).waitFor();
    expect(await page.getByRole("button", { name: "New brand" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Configuration" }).count()).toBe(0);
    const refused = await t.as(agent).post("/api/brands", { code: "SNEAK", name: "Sneaky" });
    expect(refused.status).toBe(403);
  });

  it("when a Manager opens an unknown section, a not-found message names it", async () => {
    const page = await loginAs(manager, "/config/bogus");
    await page.getByRole("heading", { name: "Section not found" }).waitFor();
    expect(await page.getByText("bogus").first().isVisible()).toBe(true);
    await page.getByRole("navigation", { name: "Configuration sections" }).getByRole("link", { name: "Stages" }).click();
    // The title shows before /api/stages answers: wait for the row rather than checking at once.
    await page.getByRole("row", { name: "Stage Qualified" }).waitFor();
    await b.screenshot(page, "config-stages.png");
  });

  it("when a Manager adds a stage inline, a taken name is refused in the row, and the added stage can be deleted again", async () => {
    const page = await loginAs(manager, "/config/stages");
    await page.getByRole("row", { name: "Stage Qualified" }).waitFor();
    await page.getByRole("button", { name: "New stage" }).click();
    const row = page.getByRole("row", { name: "New stage" });
    await row.getByLabel("Sequence of new stage").fill("25");
    await row.getByLabel("Name of new stage").fill("New");
    await row.getByRole("button", { name: "Add" }).click();
    await page.getByRole("alert").filter({ hasText: 'A stage named "New" already exists' }).waitFor();

    await row.getByLabel("Name of new stage").fill("Showroom Visit");
    await row.getByLabel("Name of new stage").press("Enter");
    await page.getByRole("status").filter({ hasText: 'Stage "Showroom Visit" added.' }).waitFor();
    const added = page.getByRole("row", { name: "Stage Showroom Visit" });
    await added.waitFor();
    expect(await added.getByLabel("Kind of Showroom Visit").inputValue()).toBe("open");
    expect((await t.c.store.repos.catalog.listStages()).map((s) => s.name)).toEqual(["New", "Qualified", "Showroom Visit", "Negotiation", "Won", "Lost"]);

    await added.getByRole("button", { name: "Delete Showroom Visit" }).click();
    const confirm = page.getByRole("dialog", { name: 'Delete stage "Showroom Visit"?' });
    await confirm.getByRole("button", { name: "Delete" }).click();
    // The modal hides the page from the accessibility tree while open: wait for it to close before looking at rows.
    await confirm.waitFor({ state: "detached" });
    await added.waitFor({ state: "detached" });
    expect((await t.c.store.repos.catalog.listStages()).map((s) => s.name)).not.toContain("Showroom Visit");
  });

  it("when a Manager tests a distributor connection to an unreachable URL, the failure is shown in place", async () => {
    const brand = await makeBrand(t, "CHERY");
    const port = await closedPort();
    const page = await loginAs(manager, `/config/brands?brand=${brand.id}`);
    const form = page.getByRole("form", { name: "Distributor connection" });
    await form.getByLabel("Distributor URL").fill(`http://127.0.0.1:${port}`);
    await form.getByLabel("Database").fill("chery_prod");
    await form.getByRole("textbox", { name: "Login", exact: true }).fill("bpo-sync");
    await form.getByLabel("Password or API key").fill("s3cret-distributor-pass");
    await form.getByRole("button", { name: "Save connection" }).click();
    await page.getByRole("status").filter({ hasText: "Distributor connection saved" }).waitFor();

    // The stored secret is never displayed back.
    await form.getByText("A password is stored and never shown").waitFor();
    expect(await form.getByLabel("Password or API key").inputValue()).toBe("");
    expect(await page.content()).not.toContain("s3cret-distributor-pass");

    await page.getByRole("group", { name: "Distributor tools" }).getByRole("button", { name: "Test Connection" }).click();
    const result = page.getByRole("region", { name: "Distributor connection result" });
    await result.getByText("connection failed").waitFor();
    expect(await result.textContent()).toContain(`Distributor http://127.0.0.1:${port} unreachable (ECONNREFUSED)`);
    expect(await result.getByRole("listitem").filter({ hasText: "Login" }).textContent()).toContain("Failed:");
    await dismissToasts(page);
    await b.screenshot(page, "config-brands.png", { fullPage: true });

    await page.getByRole("button", { name: "Sync now" }).click();
    await result.getByText(/Sync now failed/).waitFor();
    const runs = page.getByRole("table", { name: "Sync runs of this brand" });
    await runs.getByRole("cell", { name: "Failed" }).waitFor();
    const stored = await t.as(manager).get(`/api/distributor-sync/runs?brandId=${brand.id}`).expect(200);
    expect(stored.body.runs).toHaveLength(1);
    expect(stored.body.runs[0]).toMatchObject({ status: "failed", trigger: "manual" });
  });

  it("when a Manager points a connected brand at another database, a dialog says what will happen and nothing changes until confirmed", async () => {
    const brand = await makeBrand(t, "OMODA");
    const port = await closedPort();
    // Another Manager: the login limit counts every sign-in of one user in 15 minutes.
    const manager = await t.user("manager", "Omar Manager");
    await t.as(manager).put(`/api/brands/${brand.id}/distributor`).send({ url: `http://127.0.0.1:${port}`, db: "omoda_old", login: "bpo-sync", password: "pw-omoda" }).expect(200);
    const page = await loginAs(manager, `/config/brands?brand=${brand.id}`);
    const form = page.getByRole("form", { name: "Distributor connection" });
    await form.getByText("A password is stored and never shown").waitFor();
    await form.getByLabel("Database").fill("omoda_moved");
    await form.getByRole("button", { name: "Save connection" }).click();
    const dialog = page.getByRole("dialog", { name: "Switch this brand to another distributor?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("its pending records will be imported as new leads");
    expect((await t.as(manager).get(`/api/brands/${brand.id}/distributor`).expect(200)).body.db).toBe("omoda_old");
    await dialog.getByRole("button", { name: "Switch distributor" }).click();
    await page.getByRole("status").filter({ hasText: "Distributor connection saved" }).waitFor();
    expect((await t.as(manager).get(`/api/brands/${brand.id}/distributor`).expect(200)).body.db).toBe("omoda_moved");
  });

  it("shows the newest 20 sync runs of a brand and pages back with Load older runs until none are left", async () => {
    const brand = await makeBrand(t, "GEELY");
    const runs = t.c.store.repos.syncRuns;
    for (let i = 0; i < 23; i++) {
      const run = await runs.start(brand.id, "schedule");
      await runs.finish(run.id, { fetched: 1000 + i, created: i, deduplicated: 0, resumed: 0, skipped: 0, failed: 0, status: "succeeded", error: null, details: [] });
    }
    const page = await loginAs(manager, `/config/brands?brand=${brand.id}`);
    const table = page.getByRole("table", { name: "Sync runs of this brand" });
    await table.getByRole("cell", { name: "1022", exact: true }).waitFor();
    expect(await table.getByRole("cell", { name: "1002", exact: true }).count()).toBe(0);
    expect(await table.locator("tbody tr").count()).toBe(20);

    await page.getByRole("button", { name: "Load older runs" }).click();
    await table.getByRole("cell", { name: "1000", exact: true }).waitFor();
    expect(await table.locator("tbody tr").count()).toBe(23);
    expect(await page.getByRole("button", { name: "Load older runs" }).count()).toBe(0);
  });

  it("when a Manager changes the sync interval, the schedule setting is stored", async () => {
    const page = await loginAs(manager, "/config/brands");
    const form = page.getByRole("form", { name: "Sync interval" });
    await form.getByLabel("Interval (minutes)").fill("15");
    await form.getByRole("button", { name: "Save interval" }).click();
    await page.getByRole("status").filter({ hasText: "every 15 minute(s)" }).waitFor();
    const settings = await t.as(manager).get("/api/distributor-sync/settings").expect(200);
    expect(settings.body.intervalMinutes).toBe(15);
  });

  it("when a Manager creates a dealership with a manager e-mail, it is stored and a callback key is shown once", async () => {
    await makeBrand(t, "HYUNDAI");
    const page = await loginAs(manager, "/config/dealerships");
    await page.getByRole("button", { name: "New dealership" }).click();
    const dialog = page.getByRole("dialog", { name: "New dealership" });
    await dialog.getByLabel("Brand").selectOption({ label: "Brand HYUNDAI" });
    await dialog.getByLabel("Code").fill("HYU-MAKATI");
    await dialog.getByLabel("Name").fill("Hyundai Makati");
    await dialog.getByLabel("Manager e-mail").fill("not-an-address");
    await dialog.getByRole("button", { name: "Create dealership" }).click();
    await dialog.getByText("Manager e-mail is not a valid address").waitFor();
    await b.screenshot(page, "config-dealership-dialog.png");
    await dialog.getByLabel("Manager e-mail").fill("manager@hyundai-makati.example");
    await dialog.getByRole("button", { name: "Create dealership" }).click();
    await page.getByRole("status").filter({ hasText: "Dealership Hyundai Makati created." }).waitFor();

    const stored = (await t.c.store.repos.catalog.listDealerships({})).find((d) => d.code === "HYU-MAKATI");
    expect(stored).toMatchObject({ name: "Hyundai Makati", managerEmail: "manager@hyundai-makati.example", active: true });
    await page.getByRole("heading", { name: /Hyundai Makati/, level: 2 }).waitFor();

    await page.getByRole("button", { name: "Issue key" }).click();
    const key = page.getByLabel("New callback key");
    await key.waitFor();
    expect(await key.inputValue()).toMatch(/^bpok_/);
    await page.getByRole("table", { name: "Callback keys" }).getByRole("cell", { name: "dealer callbacks", exact: true }).waitFor();

    // Its connection: an unreachable dealer URL fails the reach check, shown in place; the key is never shown back.
    const port = await closedPort();
    const conn = page.getByRole("form", { name: "Dealer connection" });
    await conn.getByLabel("Dealer URL").fill(`http://127.0.0.1:${port}`);
    await conn.getByLabel("Service key").fill("dk_0123456789abcdef-secret");
    await conn.getByRole("button", { name: "Save connection" }).click();
    await conn.getByText("A key is stored and never shown").waitFor();
    expect(await conn.getByLabel("Service key").inputValue()).toBe("");
    await conn.getByRole("button", { name: "Test Connection" }).click();
    const result = page.getByRole("region", { name: "Dealer connection result" });
    await result.getByText("connection failed").waitFor();
    expect(await result.getByRole("listitem").filter({ hasText: "Reach" }).textContent()).toContain("Failed:");
    await dismissToasts(page);
    await b.screenshot(page, "config-dealerships.png", { fullPage: true });

    await page.getByRole("button", { name: "Revoke key dealer callbacks" }).click();
    await page.getByRole("dialog", { name: 'Revoke key "dealer callbacks"?' }).getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("table", { name: "Callback keys" }).getByText(/^Revoked/).waitFor();
    const keys = await t.as(manager).get(`/api/dealerships/${stored!.id}/peer-keys`).expect(200);
    expect(keys.body.keys[0].revokedAt).not.toBeNull();
  });

  it("when a Manager creates a user, the user is stored with the chosen role", async () => {
    const page = await loginAs(manager, "/config/users");
    await page.getByRole("table", { name: "Users" }).getByText("Mona Manager").waitFor();
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.getByLabel("Login").fill("sue.supervisor");
    await dialog.getByLabel("Name").fill("Sue Supervisor");
    await dialog.getByLabel("Role").selectOption("supervisor");
    await dialog.getByLabel("Password").fill("short");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await dialog.getByText("Password must be at least 10 characters").waitFor();
    await b.screenshot(page, "config-users-dialog.png");
    await dialog.getByLabel("Password").fill("a-long-enough-password");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await page.getByRole("table", { name: "Users" }).getByText("sue.supervisor").waitFor();

    const users = await t.c.store.repos.users.list();
    expect(users.find((u) => u.login === "sue.supervisor")).toMatchObject({ name: "Sue Supervisor", role: "supervisor", active: true });
    await dismissToasts(page);
    await b.screenshot(page, "config-users.png", { fullPage: true });
  });
});

async function dismissToasts(page: Page) {
  const dismiss = page.getByRole("button", { name: "Dismiss" });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
}
