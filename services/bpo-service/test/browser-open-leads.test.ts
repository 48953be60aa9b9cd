import { startForTests, watchDom } from "@crm/test-kit";
import type { Page } from "playwright-core";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, makeLead, inboundCallId } from "./helpers/factories";
import { dayIn } from "@crm/platform/core";

describe("Open Leads in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;

  startForTests(() => startBpoBrowser(), (started) => ([b, t] = [started, started.t]));

  const loginAs = (user: TestUser, screenshot?: string): Promise<Page> => b.loginAs(user, { context: { viewport: { width: 1280, height: 800 } }, screenshot });

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
    await b.screenshot(pageB, "open-leads.png");
    // B's stream is open (and so subscribed) before A claims.
    await pageB.getByText("Live updates on").waitFor();
    const navigationsOnB: string[] = [];
    pageB.on("framenavigated", (f) => navigationsOnB.push(f.url()));
    // Timed from the claim's write on the server (claimed_at) to the card leaving B's DOM, by B's own clock: the
    // test's polling of both pages, slow on a loaded machine, is not part of it.
    const goneOnB = await watchDom(pageB, `article[aria-label="Maria Santos"]`, { gone: true });
    await pageA.getByRole("button", { name: `Claim Lead ${lead.reference} Maria Santos` }).click();
    await pageA.getByRole("status").filter({ hasText: "You claimed" }).waitFor();

    const claimedAt = (await t.c.store.repos.leads.findById(lead.id))!.claimedAt!.getTime();
    expect((await goneOnB.reachedAt()) - claimedAt).toBeLessThan(1000);
    await cardOnB.waitFor({ state: "detached" });
    expect(navigationsOnB).toEqual([]);
    expect(await pageB.getByRole("article", { name: "Jose Rizal" }).isVisible()).toBe(true);
    expect(await pageA.getByRole("article", { name: "Maria Santos" }).count()).toBe(0);
    await b.screenshot(pageB, "open-leads-after-claim.png");
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
    await b.screenshot(page, "open-leads-claim-conflict.png");
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

  it("shows each waiting lead's activity pill on its card, and an archived brand's waiting leads in a column marked archived", async () => {
    const brand = await makeBrand(t, "PILL");
    const planner = await t.user("manager", "Pill Manager");
    const day = (offset: number) => dayIn("Asia/Manila", new Date(Date.now() + offset * 86_400_000));
    for (const [name, offset] of [["Overdue Oscar", -1], ["Today Tina", 0], ["Planned Paul", 3]] as const) {
      const lead = await makeLead(t, brand.id, { contactName: name });
      await t.c.store.repos.activities.create({ leadId: lead.id, type: "call", summary: "Call back", note: null, dueDate: day(offset), assigneeId: planner.id, createdById: planner.id });
    }
    await makeLead(t, brand.id, { contactName: "Quiet Quinn" });
    const retired = await makeBrand(t, "OLDB");
    await makeLead(t, retired.id, { contactName: "Orphan Olive" });
    await t.c.store.repos.catalog.updateBrand(retired.id, { active: false });

    const page = await loginAs(await t.user("agent", "Ivy Agent"));
    const column = page.getByRole("region", { name: /Brand PILL/ });
    for (const [state, name, label] of [["overdue", "Overdue Oscar", "Overdue"], ["today", "Today Tina", "Today"], ["planned", "Planned Paul", "Planned"]] as const) {
      const pill = column.getByRole("article", { name }).locator(`.uk-pill--${state}`);
      await pill.waitFor();
      expect(await pill.textContent()).toBe(label);
    }
    expect(await column.getByRole("article", { name: "Quiet Quinn" }).locator(".uk-pill").count()).toBe(0);
    const archived = page.getByRole("region", { name: /Brand OLDB \(archived\)/ });
    await archived.getByRole("article", { name: "Orphan Olive" }).waitFor();
    await b.screenshot(page, "open-leads-activity-pills.png");
  });

  it("tells the user a wrong password was refused and stays on the login page", async () => {
    const frank = await t.user("agent", "Frank Agent");
    const record = await t.c.store.repos.users.findById(frank.id);
    const context = await b.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${b.base}/`);
    await page.getByLabel("Login").fill(record!.login);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();

    const alert = page.getByRole("alert");
    await alert.waitFor();
    await b.screenshot(page, "login-error.png");
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

    await t.as(henry).post("/api/leads", { contactName: "Walk-in Wendy", mobile: "+639171112222", brandId: brand.id, sourceId: await inboundCallId(t) }).expect(201);

    await column.getByRole("article", { name: "Walk-in Wendy" }).waitFor();
    expect(await column.getByLabel("1 waiting").isVisible()).toBe(true);
  });

  it("serves the UI for client routes but keeps /api answers JSON", async () => {
    const deep = await fetch(`${b.base}/some/client/route`, { headers: { accept: "text/html" } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const api = await fetch(`${b.base}/api/no-such-thing`, { headers: { accept: "text/html" } });
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toContain("application/json");
  });
});

async function expectText(page: Page, text: string) {
  await page.getByText(text, { exact: false }).first().waitFor();
}
