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
    await pageB.screenshot({ path: path.join(SCREENSHOTS, "open-leads.png") });
    // Let B's EventSource connect before A claims.
    await pageB.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/api/events")), undefined, { timeout: 5000 }).catch(() => undefined);
    await pageB.waitForTimeout(300);

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
});

async function expectText(page: Page, text: string) {
  await page.getByText(text, { exact: false }).first().waitFor();
}
