import { actInOneTask, startForTests, mainNavLink } from "@crm/test-kit";
import type { Locator, Page } from "playwright-core";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { dayIn } from "@crm/platform/core";
import { makeBrand, makeLead } from "./helpers/factories";

// Days as the floor sees them (BUSINESS_TIMEZONE defaults to Asia/Manila).
const isoDay = (offsetDays: number) => dayIn("Asia/Manila", new Date(Date.now() + offsetDays * 86_400_000));

jest.setTimeout(60_000);

describe("Call Logs and My Activities in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;

  startForTests(() => startBpoBrowser(), (started) => ([b, t] = [started, started.t]));

  const loginAs = (user: TestUser, to: string): Promise<Page> => b.loginAs(user, { to, context: { viewport: { width: 1280, height: 800 } } });

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
    await b.screenshot(page, "call-logs.png", { fullPage: true });

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

  it("when a supervisor picks an agent right after Clear, before the cleared list has landed, the pick stays and Apply filters by it", async () => {
    const brand = await makeBrand(t, "FAST");
    const agent = await t.user("agent", "Fiona Fast");
    const other = await t.user("agent", "Quinn Quick");
    const supervisor = await t.user("supervisor", "Sue Swift");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Rapid Reyes" });
    const otherLead = await makeLead(t, brand.id, { userId: other.id, contactName: "Speedy Santos" });
    await t.as(agent).post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 0, result: "busy", summary: "Busy tone at noon" }).expect(201);
    await t.as(other).post(`/api/leads/${otherLead.id}/call-logs`, { durationMinutes: 4, result: "answered", summary: "Asked for the Coolray brochure" }).expect(201);

    const page = await loginAs(supervisor, `/call-logs?result=busy&userId=${agent.id}`);
    const table = page.getByRole("table", { name: "Call logs" });
    const filters = page.getByRole("form", { name: "Filter call logs" });
    await table.getByText("Busy tone at noon").waitFor();
    const agentSelect = filters.getByLabel("Agent");
    await agentSelect.locator("option", { hasText: "Quinn Quick" }).waitFor({ state: "attached" });
    // Clear and the pick in one task, as a quick hand (or a busy browser) does: the router has not committed
    // the cleared address when the pick arrives.
    await actInOneTask(page, [{ click: filters.getByRole("button", { name: "Clear" }) }, { select: agentSelect, value: String(other.id) }]);
    // Clear has landed once its button is gone (it shows only while the address holds filters).
    await filters.getByRole("button", { name: "Clear" }).waitFor({ state: "detached" });
    expect(new URL(page.url()).search).toBe("");
    expect(await agentSelect.inputValue()).toBe(String(other.id));
    expect(await filters.getByLabel("Result").inputValue()).toBe("");

    await filters.getByRole("button", { name: "Apply filters" }).click();
    await table.getByText("Busy tone at noon").waitFor({ state: "detached" });
    expect(await table.getByText("Asked for the Coolray brochure").isVisible()).toBe(true);
    expect(new URL(page.url()).searchParams.get("userId")).toBe(String(other.id));
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
    await t.as(agent).post(`/api/leads/${lead.id}/schedule-visit`, { dueDate: isoDay(5), dueTime: "15:00", summary: "Showroom visit with spouse" }).expect(201);

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
    await b.screenshot(page, "my-activities.png", { fullPage: true });

    await item.getByRole("button", { name: "Mark done: Call back about the quotation" }).click();

    await item.waitFor({ state: "detached" });
    expect(await overdueSection.count()).toBe(0);
    expect((await t.c.store.repos.activities.findById(overdue.body.id))?.done).toBe(true);
    await page.reload();
    await page.getByText("Send the brochure").waitFor();
    expect(await page.getByText("Call back about the quotation").count()).toBe(0);
  });

  it("a Supervisor opens Reports, filters the lead source report by brand and sees each source's leads and outcomes; an Agent has no Reports", async () => {
    const kia = await makeBrand(t, "RPTK");
    const other = await makeBrand(t, "RPTO");
    const referral = (await t.c.store.repos.catalog.listSources(false)).find((s) => s.code === "referral")!;
    const won = await makeLead(t, kia.id, { stage: "Won" });
    await t.c.store.repos.leads.update(won.id, { sourceId: referral.id });
    await makeLead(t, kia.id, { stage: "Lost" });
    await makeLead(t, other.id);
    const supervisor = await t.user("supervisor", "Rita Reports");

    const page = await loginAs(supervisor, "/");
    await (await mainNavLink(page, "Reports")).click();
    await page.getByRole("heading", { name: "Lead source report", level: 1 }).waitFor();
    await page.getByRole("form", { name: "Report filters" }).getByLabel("Brand").selectOption({ label: `Brand ${kia.code}` });
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("status").filter({ hasText: "2 leads · 1 won · 1 lost · win rate 50.0%" }).waitFor();
    const table = page.getByRole("table", { name: "Leads by source", exact: true });
    const row = (name: string) => table.getByRole("row").filter({ hasText: name });
    expect((await row("Referral").getByRole("cell").allTextContents()).slice(2)).toEqual(["1", "50%", "0", "1", "0", "0", "100.0%"]);
    expect((await row("Inbound Call").getByRole("cell").allTextContents()).slice(2)).toEqual(["1", "50%", "0", "0", "1", "0", "0.0%"]);
    expect(new URL(page.url()).searchParams.get("brandId")).toBe(String(kia.id));
    await b.screenshot(page, "lead-source-report.png", { fullPage: true });

    const agent = await t.user("agent", "Andy NoReports");
    const agentPage = await loginAs(agent, "/");
    await agentPage.getByRole("navigation").getByRole("link", { name: "Call Logs" }).waitFor();
    expect(await agentPage.getByRole("navigation").getByRole("link", { name: "Reports" }).count()).toBe(0);
  });
});

/** The computed background colour (the service's tsconfig has no DOM lib, so the browser global is typed here). */
function backgroundOf(locator: Locator): Promise<string> {
  type Win = { getComputedStyle(el: unknown): { backgroundColor: string } };
  return locator.evaluate((el) => (globalThis as unknown as Win).getComputedStyle(el).backgroundColor);
}
