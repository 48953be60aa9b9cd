import type { Page } from "playwright-core";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, makeLead, stageByName } from "./helpers/factories";

describe("Supervisor and Manager lead actions in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;
  let brandId: number;

  beforeAll(async () => {
    b = await startBpoBrowser();
    t = b.t;
    brandId = (await makeBrand(t, "SUP")).id;
  });

  afterAll(() => b?.close());

  async function openLead(user: TestUser, lead: { id: number; contactName: string }): Promise<Page> {
    const page = await b.loginAs(user, { to: `/leads/${lead.id}`, context: { viewport: { width: 1440, height: 1000 } } });
    await page.getByRole("heading", { name: lead.contactName, level: 1 }).waitFor();
    return page;
  }

  const admin = (page: Page) => page.getByRole("group", { name: "Supervisor actions" });
  const chatter = (page: Page) => page.getByRole("region", { name: "Chatter" });

  it("an agent sees no supervisor actions on their own lead", async () => {
    const agent = await t.user("agent", "Andy Agent");
    const lead = await makeLead(t, brandId, { userId: agent.id, contactName: "Agent Only" });
    const page = await openLead(agent, lead);
    await page.getByRole("group", { name: "Lead actions" }).getByRole("button", { name: "Log Call" }).waitFor();
    expect(await admin(page).count()).toBe(0);
    for (const hidden of ["Reassign", "Override stage", "Archive", "Restore"]) expect(await page.getByRole("button", { name: hidden, exact: true }).count()).toBe(0);
  });

  it("a supervisor reassigns an agent's lead to another agent, then archives it after confirming (Cancel leaves it) and restores it, each step in the chatter", async () => {
    const from = await t.user("agent", "Frida From");
    await t.user("agent", "Tomas To");
    const supervisor = await t.user("supervisor", "Sofia Supervisor");
    const lead = await makeLead(t, brandId, { userId: from.id, contactName: "Handed Over" });
    const page = await openLead(supervisor, lead);
    expect(await admin(page).getByRole("button", { name: "Override stage" }).count()).toBe(0);

    await admin(page).getByRole("button", { name: "Reassign" }).click();
    const dialog = page.getByRole("dialog", { name: "Reassign lead" });
    await dialog.getByLabel("Salesperson").selectOption({ label: "Tomas To" });
    await b.screenshot(page, "reassign-wizard.png");
    await dialog.getByRole("button", { name: "Reassign" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(`${lead.reference} assigned to Tomas To.`).waitFor();
    await chatter(page).getByText(/Frida From → Tomas To/).first().waitFor();
    expect((await t.c.store.repos.leads.findView(lead.id))?.user?.name).toBe("Tomas To");

    // Archive asks first: Cancel changes nothing, and the red Archive in the question does it.
    await admin(page).getByRole("button", { name: "Archive" }).click();
    const ask = page.getByRole("dialog", { name: `Archive ${lead.reference}?` });
    await ask.getByRole("button", { name: "Cancel" }).click();
    await ask.waitFor({ state: "detached" });
    expect((await t.c.store.repos.leads.findById(lead.id))?.active).toBe(true);
    await admin(page).getByRole("button", { name: "Archive" }).click();
    expect(await ask.getByRole("button", { name: "Archive" }).getAttribute("class")).toContain("uk-button--danger");
    await b.screenshot(page, "archive-confirm.png");
    await ask.getByRole("button", { name: "Archive" }).click();
    await admin(page).getByRole("button", { name: "Restore" }).waitFor();
    await chatter(page).getByText("Archived by Sofia Supervisor").waitFor();
    expect((await t.c.store.repos.leads.findById(lead.id))?.active).toBe(false);

    await admin(page).getByRole("button", { name: "Restore" }).click();
    await admin(page).getByRole("button", { name: "Archive" }).waitFor();
    await chatter(page).getByText("Restored by Sofia Supervisor").waitFor();
    expect((await t.c.store.repos.leads.findById(lead.id))?.active).toBe(true);
  });

  it("a manager has no button that bypasses the forward-only rule: a skipped stage clicked on the statusbar is refused with the rule's message", async () => {
    const agent = await t.user("agent", "Olga Owner");
    const manager = await t.user("manager", "Marco Manager");
    const lead = await makeLead(t, brandId, { userId: agent.id, contactName: "Forward Fiona", stage: "Qualified" });
    const page = await openLead(manager, lead);
    await admin(page).getByRole("button", { name: "Reassign" }).waitFor();
    expect(await page.getByRole("button", { name: "Override stage" }).count()).toBe(0);

    await page.getByRole("list", { name: "Stage" }).getByRole("button", { name: "New", exact: true }).click();
    await page.getByText('Leads can only move forward one stage at a time. From "Qualified" the only allowed next stage is "Negotiation".').waitFor();
    expect((await t.c.store.repos.leads.findById(lead.id))?.stageId).toBe((await stageByName(t, "Qualified")).id);
  });

  it("on an endorsed lead the agent cannot close it, while a manager marks it Lost and the chatter says it was endorsed", async () => {
    const agent = await t.user("agent", "Edna Endorser");
    const manager = await t.user("manager", "Mina Manager");
    const lead = await makeLead(t, brandId, { userId: agent.id, contactName: "Endorsed Ella", stage: "Negotiation" });
    await t.c.store.repos.leads.update(lead.id, { endorsementStatus: "delivered", dealerLeadName: "DLEAD/00042" });

    const agentPage = await openLead(agent, lead);
    await agentPage.getByRole("group", { name: "Lead actions" }).getByRole("button", { name: "Log Call" }).waitFor();
    for (const hidden of ["Mark as Won", "Mark as Lost", "Endorse w/ S.Q.", "Endorse w/o S.Q."]) expect(await agentPage.getByRole("button", { name: hidden, exact: true }).count()).toBe(0);

    const page = await openLead(manager, lead);
    await page.getByRole("group", { name: "Lead actions" }).getByRole("button", { name: "Mark as Lost" }).click();
    const dialog = page.getByRole("dialog", { name: `Mark ${lead.reference} as Lost` });
    await dialog.getByLabel("Lost Reason").selectOption({ label: "Competitor" });
    await dialog.getByRole("button", { name: "Mark as Lost" }).click();
    await dialog.waitFor({ state: "hidden" });
    await chatter(page).getByText("Marked as Lost (closed by Manager Mina Manager although endorsed to a dealership). Reason: Competitor").waitFor();
    expect((await t.c.store.repos.leads.findById(lead.id))?.isLost).toBe(true);
  });
});
