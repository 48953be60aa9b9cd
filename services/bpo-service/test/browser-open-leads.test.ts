import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { DEFAULT_WEB_DIST_DIR } from "../src/http/web-app";
import { type BpoTestApp, TEST_PASSWORD, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = path.resolve(__dirname, "../../../artifacts/screenshots");

describe("Open Leads in a real browser", () => {
  let t: BpoTestApp;
  let server: http.Server;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DEFAULT_WEB_DIST_DIR, "index.html"))) throw new Error("Build the web UI first: pnpm build:web");
    if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
    t = await startBpoTestApp();
    server = await new Promise<http.Server>((resolve) => {
      const s = t.app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await t?.close();
  });

  async function loginAs(user: TestUser, screenshot?: string): Promise<Page> {
    const record = await t.c.store.repos.users.findById(user.id);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel("Login").fill(record!.login);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    if (screenshot) await page.screenshot({ path: path.join(SCREENSHOTS, screenshot) });
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Open Leads", level: 1 }).waitFor();
    return page;
  }

  it("removes a lead claimed by one agent from another agent's Open Leads without a reload", async () => {
    const hyundai = await makeBrand(t, "HYU");
    const chery = await makeBrand(t, "CHY");
    const lead = await makeLead(t, chery.id, { contactName: "Maria Santos" });
    await makeLead(t, chery.id, { contactName: "Jose Rizal" });
    await makeLead(t, hyundai.id, { contactName: "Ana Cruz" });
    const agentA = await t.user("agent", "Alice Agent");
    const agentB = await t.user("agent", "Bob Agent");

    const pageA = await loginAs(agentA, "login.png");
    const pageB = await loginAs(agentB);
    const cardOnB = pageB.getByRole("article", { name: "Maria Santos" });
    await cardOnB.waitFor();
    await pageA.getByRole("article", { name: "Maria Santos" }).waitFor();
    await expectText(pageB, "Bob Agent");
    await pageB.getByText("Live updates on").waitFor();
    await pageB.screenshot({ path: path.join(SCREENSHOTS, "open-leads.png") });
    // B's stream is open (and so subscribed) before A claims.
    await pageB.getByText("Live updates on").waitFor();
    const navigationsOnB: string[] = [];
    pageB.on("framenavigated", (f) => navigationsOnB.push(f.url()));
    await pageA.getByRole("button", { name: `Claim Lead ${lead.reference} Maria Santos` }).click();
    await pageA.getByRole("status").filter({ hasText: "You claimed" }).waitFor();
    const claimedAt = Date.now();

    await cardOnB.waitFor({ state: "detached", timeout: 1000 });
    expect(Date.now() - claimedAt).toBeLessThan(1000);
    expect(navigationsOnB).toEqual([]);
    expect(await pageB.getByRole("article", { name: "Jose Rizal" }).isVisible()).toBe(true);
    expect(await pageA.getByRole("article", { name: "Maria Santos" }).count()).toBe(0);
    await pageB.screenshot({ path: path.join(SCREENSHOTS, "open-leads-after-claim.png") });
  });

  it("shows the server's message in a toast when the lead was already taken, and drops the card", async () => {
    const brand = await makeBrand(t, "TOY");
    const lead = await makeLead(t, brand.id, { contactName: "Pedro Penduko" });
    const carol = await t.user("agent", "Carol Agent");
    const dave = await t.user("agent", "Dave Agent");
    const page = await loginAs(dave);
    const card = page.getByRole("article", { name: "Pedro Penduko" });
    await card.waitFor();
    // Taken behind the page's back (straight in the database, so no live event reaches it).
    expect(await t.c.store.repos.leads.claimIfUnclaimed(lead.id, carol.id)).toBe(true);

    await page.getByRole("button", { name: `Claim Lead ${lead.reference} Pedro Penduko` }).click();

    const alert = page.getByRole("alert").filter({ hasText: `${lead.reference} was already claimed by Carol Agent` });
    await alert.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "open-leads-claim-conflict.png") });
    await card.waitFor({ state: "detached" });
    expect(await alert.isVisible()).toBe(true);
  });

  it("pages a long column with Load more instead of rendering every card", async () => {
    const brand = await makeBrand(t, "BIG");
    for (let i = 1; i <= 25; i++) await makeLead(t, brand.id, { contactName: `Bulk Customer ${String(i).padStart(2, "0")}` });
    const erin = await t.user("agent", "Erin Agent");
    const page = await loginAs(erin);
    const column = page.getByRole("region", { name: "Open Leads by brand" }).getByRole("region", { name: /Brand BIG/ });
    await column.getByRole("article").first().waitFor();
    expect(await column.getByRole("article").count()).toBe(20);
    expect(await column.getByLabel("25 waiting").isVisible()).toBe(true);

    await column.getByRole("button", { name: "Load more (5 left)" }).click();

    await column.getByRole("article").nth(24).waitFor();
    expect(await column.getByRole("article").count()).toBe(25);
    expect(await column.getByRole("button", { name: /Load more/ }).count()).toBe(0);
  });

  it("tells the user a wrong password was refused and stays on the login page", async () => {
    const frank = await t.user("agent", "Frank Agent");
    const record = await t.c.store.repos.users.findById(frank.id);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel("Login").fill(record!.login);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();

    const alert = page.getByRole("alert");
    await alert.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "login-error.png") });
    expect((await alert.textContent())?.length).toBeGreaterThan(0);
    expect(await page.getByRole("heading", { name: "Open Leads" }).count()).toBe(0);
  });

  it("shows a lead created by someone else without a reload", async () => {
    const brand = await makeBrand(t, "NEW");
    const grace = await t.user("agent", "Grace Agent");
    const henry = await t.user("agent", "Henry Agent");
    const page = await loginAs(grace);
    await page.getByText("Live updates on").waitFor();
    const column = page.getByRole("region", { name: /Brand NEW/ });
    await column.getByText("No leads waiting").waitFor();

    await t.as(henry).post("/api/leads", { contactName: "Walk-in Wendy", mobile: "+639171112222", brandId: brand.id }).expect(201);

    await column.getByRole("article", { name: "Walk-in Wendy" }).waitFor({ timeout: 2000 });
    expect(await column.getByLabel("1 waiting").isVisible()).toBe(true);
  });

  it("serves the UI for client routes but keeps /api answers JSON", async () => {
    const deep = await fetch(`${base}/some/client/route`, { headers: { accept: "text/html" } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const api = await fetch(`${base}/api/no-such-thing`, { headers: { accept: "text/html" } });
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toContain("application/json");
  });
});

async function expectText(page: Page, text: string) {
  await page.getByText(text, { exact: false }).first().waitFor();
}
