import { startForTests } from "@crm/test-kit";
import type { Page } from "playwright-core";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, makeLead } from "./helpers/factories";

describe("Merge into… in a real browser (issue 16 part 2)", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;

  startForTests(() => startBpoBrowser(), (started) => ([b, t] = [started, started.t]));

  const openLead = async (user: TestUser, lead: { id: number; contactName: string }): Promise<Page> => {
    const page = await b.loginAs(user, { to: `/leads/${lead.id}`, context: { viewport: { width: 1440, height: 1000 }, timezoneId: "Asia/Manila" } });
    await page.getByRole("heading", { name: lead.contactName, level: 1 }).waitFor();
    return page;
  };
  const actions = (page: Page) => page.getByRole("group", { name: "Lead actions" });
  const callLogIds = async (leadId: number) => (await t.c.store.repos.callLogs.list({ leadId, limit: 50 })).map((c) => c.id).sort((x, y) => x - y);

  async function logCalls(user: TestUser, leadId: number, summaries: string[]) {
    for (const summary of summaries) await t.as(user).post(`/api/leads/${leadId}/call-logs`, { durationMinutes: 2, result: "answered", summary }).expect(201);
  }

  it("merging keeps every call log of both leads on the kept lead, takes the chosen values, and the duplicate shows archived with a link to it", async () => {
    const brand = await makeBrand(t, "BMG");
    const agent = await t.user("agent", "Mia Merger");
    const kept = await makeLead(t, brand.id, { userId: agent.id, contactName: "Carmen Reyes", mobile: "+639178881234", email: null });
    const dup = await makeLead(t, brand.id, { userId: agent.id, contactName: "Carmen R.", mobile: "+639178889999", email: "carmen@example.ph" });
    await logCalls(agent, kept.id, ["First call on the kept lead"]);
    await logCalls(agent, dup.id, ["Duplicate call one", "Duplicate call two"]);
    const allCalls = [...(await callLogIds(kept.id)), ...(await callLogIds(dup.id))].sort((x, y) => x - y);
    expect(allCalls).toHaveLength(3);

    const page = await openLead(agent, dup);
    await actions(page).getByRole("button", { name: "Merge into…" }).click();
    const dialog = page.getByRole("dialog", { name: `Merge ${dup.reference} into…` });
    // Search as you type by the last digits of the kept lead's mobile.
    const picker = dialog.getByRole("combobox", { name: "Lead to keep" });
    await picker.fill("81234");
    const list = page.getByRole("listbox", { name: "Lead to keep" });
    await list.getByRole("option", { name: new RegExp(`${kept.reference.replace("/", "\\/")} Carmen Reyes`) }).click();

    // Both side by side; the kept lead has no e-mail, so the duplicate's is chosen already.
    const table = dialog.getByRole("table", { name: "Both leads side by side" });
    await table.waitFor();
    expect(await dialog.getByRole("radio", { name: `Email: carmen@example.ph (${dup.reference})` }).isChecked()).toBe(true);
    expect(await dialog.getByRole("radio", { name: "Customer Name: Carmen Reyes (kept lead)" }).isChecked()).toBe(true);
    await dialog.getByRole("radio", { name: `Mobile: +639178889999 (${dup.reference})` }).check();
    await b.screenshot(page, "lead-merge-wizard.png");

    await dialog.getByRole("button", { name: "Review merge" }).click();
    const confirm = dialog.getByRole("region", { name: "Confirm the merge" });
    await confirm.getByText(`Taken from ${dup.reference}: Email, Mobile.`).waitFor();
    await dialog.getByRole("button", { name: `Merge into ${kept.reference}` }).click();

    // The kept lead opens, with every call log of both leads.
    await page.getByRole("heading", { name: "Carmen Reyes", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/leads/${kept.id}`);
    const calls = page.getByRole("list", { name: "Calls on this lead" });
    for (const s of ["First call on the kept lead", "Duplicate call one", "Duplicate call two"]) await calls.getByText(s).waitFor();
    expect(await callLogIds(kept.id)).toEqual(allCalls);
    expect(await callLogIds(dup.id)).toEqual([]);
    expect(await t.c.store.repos.leads.findById(kept.id)).toMatchObject({ mobile: "+639178889999", email: "carmen@example.ph", contactName: "Carmen Reyes" });

    // The duplicate says it is archived and links to the kept lead.
    await page.goto(`${b.base}/leads/${dup.id}`);
    await page.getByRole("heading", { name: "Carmen R.", level: 1 }).waitFor();
    const banner = page.getByText(`This lead was merged into ${kept.reference} and archived`);
    await banner.waitFor();
    expect(await actions(page).getByRole("button", { name: "Merge into…" }).count()).toBe(0);
    await page.getByRole("link", { name: `Open ${kept.reference}` }).click();
    await page.getByRole("heading", { name: "Carmen Reyes", level: 1 }).waitFor();
    expect(await t.c.store.repos.leads.findById(dup.id)).toMatchObject({ active: false, mergedIntoId: kept.id });
  });

  it("shows the server's refusal in the dialog (the lead to keep was archived meanwhile), and offers no Merge on a closed lead or another agent's", async () => {
    const brand = await makeBrand(t, "BMR");
    const agent = await t.user("agent", "Rey Refused");
    const other = await t.user("agent", "Olga Other");
    const supervisor = await t.user("supervisor", "Sam Supervisor");
    const kept = await makeLead(t, brand.id, { userId: agent.id, contactName: "Kept Kim", mobile: "+639175551111" });
    const dup = await makeLead(t, brand.id, { userId: agent.id, contactName: "Dup Dan", mobile: "+639175552222" });
    const lost = await makeLead(t, brand.id, { userId: agent.id, contactName: "Lost Lou", stage: "Lost" });

    const page = await openLead(agent, dup);
    await actions(page).getByRole("button", { name: "Merge into…" }).click();
    const dialog = page.getByRole("dialog", { name: `Merge ${dup.reference} into…` });
    await dialog.getByRole("combobox", { name: "Lead to keep" }).fill("Kept Kim");
    await page.getByRole("listbox", { name: "Lead to keep" }).getByRole("option", { name: /Kept Kim/ }).click();
    await dialog.getByRole("table", { name: "Both leads side by side" }).waitFor();
    // A Supervisor archives the lead to keep while the wizard is open.
    await t.as(supervisor).post(`/api/leads/${kept.id}/archive`).expect(200);
    await dialog.getByRole("button", { name: "Review merge" }).click();
    await dialog.getByRole("button", { name: `Merge into ${kept.reference}` }).click();
    await dialog.getByRole("alert").filter({ hasText: `Lead ${kept.reference} is archived: restore it before merging into it.` }).waitFor();
    expect(await t.c.store.repos.leads.findById(dup.id)).toMatchObject({ active: true, mergedIntoId: null });

    // Not on a closed lead; not for an agent who does not hold the lead.
    const lostPage = await openLead(agent, lost);
    expect(await actions(lostPage).getByRole("button", { name: "Merge into…" }).count()).toBe(0);
    const theirs = await makeLead(t, brand.id, { userId: other.id, contactName: "Their Tess" });
    const supPage = await openLead(supervisor, theirs);
    await actions(supPage).getByRole("button", { name: "Merge into…" }).waitFor();
  });
});
