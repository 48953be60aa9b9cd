import { startForTests } from "@crm/test-kit";
import type { Page } from "playwright-core";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, makeLead, stageByName } from "./helpers/factories";
import { dayIn } from "@crm/platform/core";

describe("My Pipeline in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;

  startForTests(() => startBpoBrowser(), (started) => ([b, t] = [started, started.t]));

  async function pipelineAs(user: TestUser, query = ""): Promise<Page> {
    const page = await b.loginAs(user, { context: { viewport: { width: 1440, height: 900 }, timezoneId: "Asia/Manila" } });
    await page.getByRole("link", { name: "My Pipeline" }).click();
    if (query) await page.goto(`${b.base}/pipeline${query}`);
    await page.getByRole("region", { name: "Pipeline by stage" }).waitFor();
    return page;
  }

  const column = (page: Page, stage: string) => page.getByRole("region", { name: "Pipeline by stage" }).getByRole("region", { name: new RegExp(`^${stage}\\b`) });
  const stageOf = async (id: number) => (await t.c.store.repos.leads.findById(id))!.stageId;

  it("when a card is dragged past the next stage, shows the server's exact message and snaps the card back", async () => {
    const brand = await makeBrand(t, "PSK");
    const agent = await t.user("agent", "Skip Agent");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Skipping Sam" });
    await makeLead(t, brand.id, { userId: agent.id, contactName: "Qualified Quinn", stage: "Qualified" });
    await makeLead(t, brand.id, { userId: agent.id, contactName: "Lost Larry", stage: "Lost" });
    const page = await pipelineAs(agent);
    const card = column(page, "New").getByRole("article", { name: "Skipping Sam" });
    await card.waitFor();
    await page.getByText("Live updates on").waitFor();
    await b.screenshot(page, "pipeline.png");

    await card.dragTo(column(page, "Negotiation"));

    const message =
      'Leads can only move forward one stage at a time. From "New" the only allowed next stage is "Qualified". Use the Mark Won or Mark Lost buttons to close the lead instead.';
    const alert = page.getByRole("alert").filter({ hasText: message });
    await alert.waitFor();
    await column(page, "New").getByRole("article", { name: "Skipping Sam" }).waitFor();
    expect(await column(page, "Negotiation").getByRole("article", { name: "Skipping Sam" }).count()).toBe(0);
    await b.screenshot(page, "pipeline-refused-drag.png");
    expect(await stageOf(lead.id)).toBe((await stageByName(t, "New")).id);
  });

  it("shows each card's activity pill: red when overdue, yellow when due today, green when planned", async () => {
    const brand = await makeBrand(t, "PAC");
    const agent = await t.user("agent", "Pill Agent");
    const day = (offset: number) => dayIn("Asia/Manila", new Date(Date.now() + offset * 86_400_000));
    const leads = {
      overdue: await makeLead(t, brand.id, { userId: agent.id, contactName: "Overdue Olga" }),
      today: await makeLead(t, brand.id, { userId: agent.id, contactName: "Today Teo" }),
      planned: await makeLead(t, brand.id, { userId: agent.id, contactName: "Planned Pia" }),
    };
    for (const [state, offset] of [["overdue", -1], ["today", 0], ["planned", 2]] as const) {
      await t.as(agent).post(`/api/leads/${leads[state].id}/activities`, { type: "call", summary: "Follow up", dueDate: day(offset) }).expect(201);
    }
    await makeLead(t, brand.id, { userId: agent.id, contactName: "Quiet Quentin" });
    const page = await pipelineAs(agent);
    const card = (name: string) => column(page, "New").getByRole("article", { name });
    for (const [state, name, label] of [["overdue", "Overdue Olga", "Overdue"], ["today", "Today Teo", "Today"], ["planned", "Planned Pia", "Planned"]] as const) {
      const pill = card(name).locator(`.uk-pill--${state}`);
      await pill.waitFor();
      expect(await pill.textContent()).toBe(label);
    }
    await card("Quiet Quentin").waitFor();
    expect(await card("Quiet Quentin").locator(".uk-pill").count()).toBe(0);
    await b.screenshot(page, "pipeline-activity-pills.png");
  });

  it("when a card is dragged to the next stage, the lead moves there in the database", async () => {
    const brand = await makeBrand(t, "PMV");
    const agent = await t.user("agent", "Move Agent");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Moving Mia" });
    const page = await pipelineAs(agent);
    const card = column(page, "New").getByRole("article", { name: "Moving Mia" });
    await card.waitFor();

    await card.dragTo(column(page, "Qualified"));

    await page.getByRole("status").filter({ hasText: `${lead.reference} moved to Qualified` }).waitFor();
    await column(page, "Qualified").getByRole("article", { name: "Moving Mia" }).waitFor();
    expect(await column(page, "New").getByRole("article", { name: "Moving Mia" }).count()).toBe(0);
    expect(await stageOf(lead.id)).toBe((await stageByName(t, "Qualified")).id);
    const chatter = await t.c.store.repos.messages.listForLead(lead.id);
    expect(chatter.some((m) => m.changes?.some((c) => c.label === "Stage" && c.old === "New" && c.new === "Qualified"))).toBe(true);
  });

  it("moves a card with the keyboard through its Move to list, and dropping on Lost asks for a reason first", async () => {
    const brand = await makeBrand(t, "PKB");
    const agent = await t.user("agent", "Keys Agent");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Keyboard Kim", stage: "Qualified" });
    const page = await pipelineAs(agent);
    const select = page.getByLabel(`Move ${lead.reference} Keyboard Kim to stage`);
    await select.focus();
    await select.selectOption({ label: "Negotiation" });
    await page.getByRole("status").filter({ hasText: `${lead.reference} moved to Negotiation` }).waitFor();
    await column(page, "Negotiation").getByRole("article", { name: "Keyboard Kim" }).waitFor();
    expect(await stageOf(lead.id)).toBe((await stageByName(t, "Negotiation")).id);

    // The Lost column is folded by default and still takes the drop: the Mark as Lost wizard opens.
    const lost = column(page, "Lost");
    expect(await lost.getByRole("button", { name: "Show Lost" }).getAttribute("aria-expanded")).toBe("false");
    await column(page, "Negotiation").getByRole("article", { name: "Keyboard Kim" }).dragTo(lost);
    const dialog = page.getByRole("dialog", { name: `Mark ${lead.reference} as Lost` });
    await dialog.waitFor();
    expect(await dialog.getByRole("button", { name: "Mark as Lost" }).isDisabled()).toBe(true);
    await dialog.getByLabel("Lost Reason").selectOption({ label: "Timing" });
    await dialog.getByRole("button", { name: "Mark as Lost" }).click();
    await dialog.waitFor({ state: "hidden" });
    await lost.getByLabel("1 leads").waitFor();
    const after = await t.c.store.repos.leads.findById(lead.id);
    expect(after!.isLost).toBe(true);
    expect(after!.lostReason).toBe("timing");
  });

  it("lets a supervisor look at an agent's pipeline but keeps agents to their own", async () => {
    const brand = await makeBrand(t, "PTM");
    const agent = await t.user("agent", "Team Agent");
    const other = await t.user("agent", "Other Agent");
    const sup = await t.user("supervisor", "Sue Supervisor");
    await makeLead(t, brand.id, { userId: agent.id, contactName: "Team Tina" });
    await makeLead(t, brand.id, { userId: other.id, contactName: "Other Otto" });

    const page = await pipelineAs(sup);
    await page.getByLabel("Salesperson").selectOption({ label: "Team Agent" });
    await page.getByRole("heading", { name: "Team Pipeline" }).waitFor();
    await column(page, "New").getByRole("article", { name: "Team Tina" }).waitFor();
    expect(await page.getByRole("article", { name: "Other Otto" }).count()).toBe(0);
    // The card opens the lead form.
    await page.getByRole("link", { name: "Team Tina" }).click();
    await page.getByRole("heading", { name: "Team Tina", level: 1 }).waitFor();

    const agentPage = await pipelineAs(other);
    expect(await agentPage.getByLabel("Salesperson").count()).toBe(0);
    await agentPage.getByRole("article", { name: "Other Otto" }).waitFor();
    expect(await agentPage.getByRole("article", { name: "Team Tina" }).count()).toBe(0);
    await t.as(other).get(`/api/boards/pipeline?userId=${agent.id}`).expect(403);
  });

  it("shows a lead claimed elsewhere in the pipeline without a reload", async () => {
    const brand = await makeBrand(t, "PLV");
    const agent = await t.user("agent", "Live Agent");
    const lead = await makeLead(t, brand.id, { contactName: "Live Lina" });
    const page = await pipelineAs(agent);
    await page.getByText("Live updates on").waitFor();
    expect(await page.getByRole("article", { name: "Live Lina" }).count()).toBe(0);

    await t.as(agent).post(`/api/leads/${lead.id}/claim`).expect(200);

    await column(page, "New").getByRole("article", { name: "Live Lina" }).waitFor();
  });
});
