import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from "playwright-core";
import { DEFAULT_WEB_DIST_DIR } from "../src/http/web-app";
import { type BpoTestApp, TEST_PASSWORD, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { dayIn } from "../src/domain/activity-service";
import { makeBrand, makeLead } from "./helpers/factories";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = path.resolve(__dirname, "../../../artifacts/screenshots");
// Days as the floor sees them (BUSINESS_TIMEZONE defaults to Asia/Manila).
const isoDay = (offsetDays: number) => dayIn("Asia/Manila", new Date(Date.now() + offsetDays * 86_400_000));

jest.setTimeout(60_000);

describe("Call Logs and My Activities in a real browser", () => {
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

  async function loginAs(user: TestUser, to: string): Promise<Page> {
    const record = await t.c.store.repos.users.findById(user.id);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${base}${to}`);
    await page.getByLabel("Login").fill(record!.login);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("user-name").waitFor();
    return page;
  }

  it("when calls are logged through the API, the Call Logs list shows them with a link to the lead and filters them by result and agent", async () => {
    const brand = await makeBrand(t, "CALL");
    const agent = await t.user("agent", "Carla Caller");
    const other = await t.user("agent", "Oscar Other");
    const supervisor = await t.user("supervisor", "Sam Supervisor");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Lito Lapid" });
    const otherLead = await makeLead(t, brand.id, { userId: other.id, contactName: "Nora Aunor" });
    await t.as(agent).post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 7, result: "answered", summary: "Wants a test drive of the Tiggo 7 on Saturday" }).expect(201);
    await t.as(agent).post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 0, result: "busy", summary: "Line busy, will retry after lunch" }).expect(201);
    await t.as(other).post(`/api/leads/${otherLead.id}/call-logs`, { durationMinutes: 3, result: "voicemail", summary: "Left a voicemail about financing" }).expect(201);

    const page = await loginAs(supervisor, "/call-logs");
    const table = page.getByRole("table", { name: "Call logs" });
    await table.getByText("Wants a test drive of the Tiggo 7 on Saturday").waitFor();
    expect(await table.getByRole("row").count()).toBe(4); // header + 3 calls
    const leadLink = table.getByRole("row").filter({ hasText: "Tiggo 7" }).getByRole("link", { name: `${lead.reference} Lito Lapid` });
    expect(await leadLink.getAttribute("href")).toBe(`/leads/${lead.id}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, "call-logs.png"), fullPage: true });

    const filters = page.getByRole("form", { name: "Filter call logs" });
    await filters.getByLabel("Result").selectOption("busy");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await table.getByText("Wants a test drive").waitFor({ state: "detached" });
    expect(await table.getByText("Line busy, will retry after lunch").isVisible()).toBe(true);
    expect(await table.getByRole("row").count()).toBe(2);
    expect(page.url()).toContain("result=busy");

    await filters.getByRole("button", { name: "Clear" }).click();
    await filters.getByLabel("Agent").selectOption({ label: "Oscar Other" });
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await table.getByText("Line busy").waitFor({ state: "detached" });
    expect(await table.getByText("Left a voicemail about financing").isVisible()).toBe(true);
    expect(await table.getByRole("row").count()).toBe(2);

    // An agent only ever sees their own calls, and gets no agent filter.
    const agentPage = await loginAs(agent, "/call-logs");
    await agentPage.getByRole("table", { name: "Call logs" }).getByText("Line busy").waitFor();
    expect(await agentPage.getByText("Left a voicemail about financing").count()).toBe(0);
    expect(await agentPage.getByRole("form", { name: "Filter call logs" }).getByLabel("Agent").count()).toBe(0);
  });

  it("when there are more calls than one page, Load more appends the older ones", async () => {
    const brand = await makeBrand(t, "PAGE");
    const agent = await t.user("agent", "Paula Pager");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Many Calls" });
    for (let i = 1; i <= 53; i++) {
      await t.as(agent).post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 1, result: "no_answer", summary: `Attempt ${String(i).padStart(2, "0")}` }).expect(201);
    }
    const page = await loginAs(agent, "/call-logs");
    const table = page.getByRole("table", { name: "Call logs" });
    await table.getByText("Attempt 53").waitFor();
    expect(await table.getByRole("row").count()).toBe(51); // header + 50
    expect(await table.getByText("Attempt 03").count()).toBe(0);

    await page.getByRole("button", { name: "Load more" }).click();

    await table.getByText("Attempt 01").waitFor();
    expect(await table.getByRole("row").count()).toBe(54);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    expect(await page.getByText("53 calls shown").isVisible()).toBe(true);
  });

  it("when an activity is overdue, My Activities shows it in red, and Mark done removes it and completes it", async () => {
    const brand = await makeBrand(t, "ACT");
    const agent = await t.user("agent", "Dina Doer");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Vilma Santos" });
    const overdue = await t.as(agent).post(`/api/leads/${lead.id}/activities`, { type: "call", summary: "Call back about the quotation", dueDate: isoDay(-2) }).expect(201);
    await t.as(agent).post(`/api/leads/${lead.id}/activities`, { type: "task", summary: "Send the brochure", dueDate: isoDay(0) }).expect(201);
    await t.as(agent).post(`/api/leads/${lead.id}/schedule-visit`, { dueDate: isoDay(5), summary: "Showroom visit with spouse" }).expect(201);

    const page = await loginAs(agent, "/activities");
    const overdueSection = page.getByRole("region", { name: /Overdue/ });
    const item = overdueSection.getByRole("listitem", { name: "Overdue: Call back about the quotation" });
    await item.waitFor();
    const pill = item.locator(".uk-pill--overdue");
    expect(await pill.textContent()).toBe("Overdue");
    expect(await backgroundOf(pill)).toBe("rgb(254, 226, 226)"); // red (uk-pill--overdue)
    expect(await page.getByRole("region", { name: /Today/ }).getByText("Send the brochure").isVisible()).toBe(true);
    expect(await page.getByRole("region", { name: /Planned/ }).getByText("Showroom visit with spouse").isVisible()).toBe(true);
    expect(await item.getByRole("link", { name: `${lead.reference} Vilma Santos` }).getAttribute("href")).toBe(`/leads/${lead.id}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, "my-activities.png"), fullPage: true });

    await item.getByRole("button", { name: "Mark done: Call back about the quotation" }).click();

    await item.waitFor({ state: "detached" });
    expect(await overdueSection.count()).toBe(0);
    expect((await t.c.store.repos.activities.findById(overdue.body.id))?.done).toBe(true);
    await page.reload();
    await page.getByText("Send the brochure").waitFor();
    expect(await page.getByText("Call back about the quotation").count()).toBe(0);
  });
});

/** The computed background colour (the service's tsconfig has no DOM lib, so the browser global is typed here). */
function backgroundOf(locator: Locator): Promise<string> {
  type Win = { getComputedStyle(el: unknown): { backgroundColor: string } };
  return locator.evaluate((el) => (globalThis as unknown as Win).getComputedStyle(el).backgroundColor);
}
