import type { Page } from "playwright-core";
import { expectEscapeReturnsFocus, expectLeavingDirtyFormAsksFirst, expectNoHorizontalOverflow, startForTests } from "@crm/test-kit";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, makeLead } from "./helpers/factories";

/** Issue 15: what a full day's use of the BPO UI hit (lost edits, long text, unasked destructive actions, focus). */
describe("BPO UI in a full day's use, in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;

  startForTests(() => startBpoBrowser(), (started) => ([b, t] = [started, started.t]));

  const openAs = (user: TestUser, to: string, width = 1440): Promise<Page> => b.loginAs(user, { to, context: { viewport: { width, height: 900 }, timezoneId: "Asia/Manila" } });

  it("when an agent leaves a lead with unsaved edits by a menu link, the back button or a reload, it asks first and Stay keeps the edit", async () => {
    const brand = await makeBrand(t, "GRD");
    const agent = await t.user("agent", "Gina Guard");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Guarded Gabriel" });
    const page = await openAs(agent, "/pipeline");
    await page.getByRole("article", { name: /Guarded Gabriel/ }).getByRole("link", { name: "Guarded Gabriel" }).click();
    await page.getByRole("heading", { name: "Guarded Gabriel", level: 1 }).waitFor();

    const nav = page.getByRole("navigation", { name: "Main" });
    await expectLeavingDirtyFormAsksFirst(page, {
      field: page.getByLabel("Customer Name"),
      value: "Gabriel Edited",
      link: nav.getByRole("link", { name: "Open Leads" }),
      whileDirty: () => b.screenshot(page, "day-use-save-bar-scrolled.png"),
    });
    await page.getByRole("heading", { name: "Open Leads", level: 1 }).waitFor();
    // Nothing was saved behind the user's back.
    expect((await t.c.store.repos.leads.findById(lead.id))!.contactName).toBe("Guarded Gabriel");
  });

  it("when names and notes are 300 unbroken characters, the lead form, Open Leads and My Pipeline stay within the window at 1440 and 1024 px", async () => {
    const brand = await makeBrand(t, "LNG");
    const agent = await t.user("agent", "Lena Long");
    const word = (c: string) => c.repeat(300);
    const claimed = await makeLead(t, brand.id, { userId: agent.id, contactName: word("W") });
    await t.c.store.repos.leads.update(claimed.id, { customerNotes: word("n"), internalNotes: word("i") });
    await t.c.store.repos.messages.add({ leadId: claimed.id, kind: "note", body: word("c"), authorId: agent.id });
    await makeLead(t, brand.id, { contactName: word("U") });

    for (const width of [1440, 1024]) {
      const page = await openAs(agent, "/", width);
      await page.getByRole("article", { name: word("U") }).waitFor();
      await expectNoHorizontalOverflow(page, `Open Leads at ${width} px`);
      await b.screenshot(page, `day-use-open-leads-long-text-${width}.png`);

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My Pipeline" }).click();
      await page.getByRole("article", { name: word("W") }).waitFor();
      await expectNoHorizontalOverflow(page, `My Pipeline at ${width} px`);
      await b.screenshot(page, `day-use-pipeline-long-text-${width}.png`);

      await page.goto(`${b.base}/leads/${claimed.id}`);
      await page.getByRole("heading", { name: word("W"), level: 1 }).waitFor();
      await page.getByText(word("c")).waitFor();
      await expectNoHorizontalOverflow(page, `lead form at ${width} px`);
      await b.screenshot(page, `day-use-lead-form-long-text-${width}.png`, { fullPage: true });
      await page.context().close();
    }
  });

  it("when Escape closes the Log Call wizard, focus is back on Log Call; its red field messages go once the fields are filled", async () => {
    const brand = await makeBrand(t, "FOC");
    const agent = await t.user("agent", "Fay Focus");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Focused Fred" });
    const page = await openAs(agent, `/leads/${lead.id}`);
    const logCall = page.getByRole("group", { name: "Lead actions" }).getByRole("button", { name: "Log Call" });
    await expectEscapeReturnsFocus(page, logCall, "Log Call");

    await logCall.click();
    const dialog = page.getByRole("dialog", { name: "Log Call" });
    await dialog.getByRole("button", { name: "Log Call" }).click();
    await dialog.getByText("Summary is required").waitFor();
    await dialog.getByLabel("Summary").fill("Talked about the test drive");
    await dialog.getByText("Summary is required").waitFor({ state: "detached" });
    expect(await dialog.getByText("Call Result is required").isVisible()).toBe(true);
  });

  it("an unclaimed lead opened from Open Leads, and New lead, keep Open Leads current in the menu and the breadcrumb; a claimed one is under My Pipeline", async () => {
    const brand = await makeBrand(t, "ORI");
    const agent = await t.user("agent", "Oria Orient");
    const pooled = await makeLead(t, brand.id, { contactName: "Pooled Paolo" });
    const mine = await makeLead(t, brand.id, { userId: agent.id, contactName: "Mine Marta" });
    const page = await openAs(agent, "/");
    const nav = page.getByRole("navigation", { name: "Main" });
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    const current = () => nav.locator("[aria-current=page]").textContent();

    await page.getByRole("article", { name: /Pooled Paolo/ }).getByRole("link", { name: "Pooled Paolo" }).click();
    await page.getByRole("heading", { name: "Pooled Paolo", level: 1 }).waitFor();
    expect(await current()).toBe("Open Leads");
    expect(await crumbs.getByRole("link").textContent()).toBe("Open Leads");
    await page.reload();
    await page.getByRole("heading", { name: "Pooled Paolo", level: 1 }).waitFor();
    expect(await current()).toBe("Open Leads");

    await page.goto(`${b.base}/leads/${mine.id}`);
    await page.getByRole("heading", { name: "Mine Marta", level: 1 }).waitFor();
    expect(await current()).toBe("My Pipeline");
    expect(await crumbs.getByRole("link").textContent()).toBe("My Pipeline");

    await nav.getByRole("link", { name: "Open Leads" }).click();
    await page.getByRole("link", { name: "New lead" }).click();
    await page.getByRole("heading", { name: "New lead", level: 1 }).waitFor();
    expect(await current()).toBe("Open Leads");
    expect(await crumbs.getByRole("link").textContent()).toBe("Open Leads");
    void pooled;
  });

  it("on the Team Pipeline, New lead keeps a button's height beside the Salesperson filter", async () => {
    const sup = await t.user("supervisor", "Sara Super");
    const page = await openAs(sup, "/pipeline", 1024);
    const filter = page.getByLabel("Salesperson");
    await filter.waitFor();
    const newLead = page.getByRole("link", { name: "New lead" }).first();
    const [button, select] = [(await newLead.boundingBox())!, (await filter.boundingBox())!];
    // Same height as the select it sits beside (both one control row), not stretched to the label + select.
    expect(button.height).toBeLessThanOrEqual(select.height + 4);
    await b.screenshot(page, "day-use-team-pipeline-1024.png");
  });

  it("Schedule Visit takes a date and a time; the visit is stored with that time of the business day and shown with it", async () => {
    const brand = await makeBrand(t, "VIS");
    const agent = await t.user("agent", "Vic Visit");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Visiting Vilma" });
    const page = await openAs(agent, `/leads/${lead.id}`);
    await page.getByRole("group", { name: "Lead actions" }).getByRole("button", { name: "Schedule Visit" }).click();
    const dialog = page.getByRole("dialog", { name: "Schedule Visit" });
    await dialog.getByLabel("Visit date").fill("2026-12-20");
    await dialog.getByLabel("Visit time").fill("14:30");
    await dialog.getByRole("button", { name: "Schedule Visit" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("list", { name: "Activities of this lead" }).getByText("at 14:30", { exact: false }).waitFor();
    const [visit] = (await t.c.store.repos.activities.listForLead(lead.id)).filter((a) => a.type === "visit");
    expect(visit).toMatchObject({ dueDate: "2026-12-20", dueTime: "14:30" });
    await b.screenshot(page, "day-use-visit-scheduled-1440.png", { fullPage: true });
  });

  it("a date preset gives the same days on Call Logs, Leads, the source report and the Floor, counted in the business time zone", async () => {
    const supervisor = await t.user("supervisor", "Dana Dates");
    // A browser far from Manila: the presets must count Manila's days, as the server does.
    const page = await b.loginAs(supervisor, { to: "/call-logs", context: { viewport: { width: 1440, height: 900 }, timezoneId: "America/Los_Angeles" } });
    const manila = (at: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Manila", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(at));
    const today = manila(Date.now());
    const week = { from: manila(Date.parse(`${today}T12:00:00Z`) - 6 * 86_400_000), to: today };
    const month = { from: `${today.slice(0, 8)}01`, to: today };

    /** Clicks `preset` in the date filter `group`; the page's URL and its From/To inputs must both come to `range`. */
    const pick = async (group: string, preset: string, keys: [string, string], range: { from: string; to: string }) => {
      const filter = page.getByRole("group", { name: group, exact: true });
      await filter.getByRole("button", { name: preset, exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get(keys[0]) === range.from && u.searchParams.get(keys[1]) === range.to);
      await filter.getByRole("button", { name: preset, exact: true }).and(page.locator("[aria-pressed=true]")).waitFor();
      expect({ from: await filter.getByLabel("From", { exact: true }).inputValue(), to: await filter.getByLabel("To", { exact: true }).inputValue() }).toEqual(range);
    };

    await page.getByRole("heading", { name: "Call Logs", level: 1 }).waitFor();
    await pick("Call date", "Last 7 days", ["from", "to"], week);
    await page.goto(`${b.base}/leads`);
    await pick("Created", "Last 7 days", ["createdFrom", "createdTo"], week);
    await page.goto(`${b.base}/reports/lead-sources`);
    await pick("Created", "Last 7 days", ["from", "to"], week);
    await pick("Created", "This month", ["from", "to"], month);
    await page.goto(`${b.base}/floor`);
    await pick("Window", "This month", ["from", "to"], month);
    expect(new URL(page.url()).searchParams.get("window")).toBe("range");
  });
});
