import { startForTests } from "@crm/test-kit";
import type { Page } from "playwright-core";
import { expectChatterBesideThenUnderForm, expectReadOnlyField } from "@crm/test-kit";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { startRunningDealer } from "./helpers/running-dealer";

describe("Lead form and its wizards in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;

  startForTests(() => startBpoBrowser(), (started) => ([b, t] = [started, started.t]));

  /** Signs in and opens a lead's form (or any path). */
  const openAs = (user: TestUser, to: string): Promise<Page> => b.loginAs(user, { to, context: { viewport: { width: 1440, height: 1000 }, timezoneId: "Asia/Manila" } });

  async function openLead(user: TestUser, lead: { id: number; contactName: string }): Promise<Page> {
    const page = await openAs(user, `/leads/${lead.id}`);
    await page.getByRole("heading", { name: lead.contactName, level: 1 }).waitFor();
    return page;
  }

  const actions = (page: Page) => page.getByRole("group", { name: "Lead actions" });
  const chatter = (page: Page) => page.getByRole("region", { name: "Chatter" });

  it("when an agent views an unclaimed lead, shows Claim but not Mark as Won; after claiming the work buttons appear", async () => {
    const brand = await makeBrand(t, "FCL");
    const agent = await t.user("agent", "Claire Agent");
    const lead = await makeLead(t, brand.id, { contactName: "Unclaimed Uma" });
    const page = await openLead(agent, lead);

    await actions(page).getByRole("button", { name: "Claim Lead" }).waitFor();
    for (const hidden of ["Mark as Won", "Mark as Lost", "Log Call", "Schedule Visit", "Endorse w/ S.Q.", "Endorse w/o S.Q.", "Archive", "Override stage"]) {
      expect(await page.getByRole("button", { name: hidden, exact: true }).count()).toBe(0);
    }
    expect(await page.getByRole("button", { name: "Save" }).count()).toBe(0);
    await page.getByText("Claim this lead to edit and work it.").waitFor();

    await actions(page).getByRole("button", { name: "Claim Lead" }).click();

    await actions(page).getByRole("button", { name: "Mark as Won" }).waitFor();
    for (const shown of ["Mark as Lost", "Log Call", "Schedule Visit", "Endorse w/ S.Q.", "Endorse w/o S.Q."]) {
      expect(await actions(page).getByRole("button", { name: shown, exact: true }).isVisible()).toBe(true);
    }
    expect(await page.getByRole("button", { name: "Claim Lead" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Archive" }).count()).toBe(0);
    expect((await t.c.store.repos.leads.findById(lead.id))!.userId).toBe(agent.id);
    await chatter(page).getByRole("listitem").filter({ hasText: /Salesperson:\s*— → Claire Agent/ }).last().waitFor();
  });

  it("when Mark as Lost has no reason it cannot be submitted; with a reason the lead is Lost and the chatter says why", async () => {
    const brand = await makeBrand(t, "FLO");
    const agent = await t.user("agent", "Lou Agent");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Losing Lorna", stage: "Qualified" });
    const page = await openLead(agent, lead);
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/mark-lost")) requests.push(r.url());
    });

    await actions(page).getByRole("button", { name: "Mark as Lost" }).click();
    const dialog = page.getByRole("dialog", { name: `Mark ${lead.reference} as Lost` });
    await dialog.waitFor();
    await dialog.getByLabel("Notes").fill("Found a cheaper unit elsewhere");
    const submit = dialog.getByRole("button", { name: "Mark as Lost" });
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByText("Choose a Lost Reason first: a lead cannot be marked Lost without one.").waitFor();
    await b.screenshot(page, "mark-lost-wizard.png");
    // Submitting the form by other means (Enter, script) does not get around the disabled button either.
    await dialog.locator("form").evaluate((f) => (f as unknown as { requestSubmit(): void }).requestSubmit());
    await page.waitForTimeout(300);
    expect(await dialog.isVisible()).toBe(true);
    expect(requests).toEqual([]);
    const still = await t.c.store.repos.leads.findById(lead.id);
    expect([still!.isLost, still!.lostReason]).toEqual([false, null]);

    await dialog.getByLabel("Lost Reason").selectOption({ label: "Competitor" });
    expect(await submit.isDisabled()).toBe(false);
    await submit.click();

    await dialog.waitFor({ state: "hidden" });
    await chatter(page).getByText("Marked as Lost. Reason: Competitor").waitFor();
    await page.getByText("Lost: Competitor — Found a cheaper unit elsewhere").waitFor();
    expect(await page.getByRole("button", { name: "Mark as Lost" }).count()).toBe(0);
    const after = await t.c.store.repos.leads.findById(lead.id);
    expect([after!.isLost, after!.lostReason, after!.lostNotes]).toEqual([true, "competitor", "Found a cheaper unit elsewhere"]);
  });

  it("when a call is logged through the Log Call wizard, it shows under Call logs, in the chatter, and its follow-up as an activity", async () => {
    const brand = await makeBrand(t, "FCA");
    const dealer = await makeDealership(t, brand.id, "FCA-QC");
    const model = await t.c.store.repos.catalog.createVehicleModel({ brandId: brand.id, name: "Tiggo 7 Pro", code: "T7P" });
    const agent = await t.user("agent", "Cal Agent");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Calling Carla", email: "carla@example.ph" });
    await t
      .as(agent)
      .patch(`/api/leads/${lead.id}`, {
        city: "Quezon City",
        street: "45 Timog Ave",
        vehicleModelId: model.id,
        dealershipId: dealer.id,
        preferredColor: "Pearl white",
        budgetMin: 1_100_000,
        budgetMax: 1_400_000,
        customerNotes: "Prefers weekend calls",
      })
      .expect(200);
    const page = await openLead(agent, lead);
    await page.getByText("No calls logged yet.").waitFor();

    await actions(page).getByRole("button", { name: "Log Call" }).click();
    const dialog = page.getByRole("dialog", { name: "Log Call" });
    await dialog.getByRole("button", { name: "Log Call" }).click();
    // Required fields are checked before any request, in place.
    await dialog.getByText("Duration is required (minutes)").waitFor();
    await dialog.getByText("Call Result is required").waitFor();
    await dialog.getByLabel("Duration (minutes)").fill("7");
    await dialog.getByLabel("Call Result").selectOption({ label: "Answered" });
    await dialog.getByLabel(/^Summary/).fill("Interested in the 1.5T variant, wants pricing");
    await dialog.getByLabel("Schedule a next activity").check();
    await dialog.getByLabel("Next activity summary").fill("Send price list");
    await dialog.getByRole("button", { name: "Log Call" }).click();
    await dialog.waitFor({ state: "hidden" });

    const calls = page.getByRole("list", { name: "Calls on this lead" });
    await calls.getByText("Interested in the 1.5T variant, wants pricing").waitFor();
    expect(await calls.getByText("Answered").isVisible()).toBe(true);
    expect(await calls.getByText("7 min").isVisible()).toBe(true);
    await chatter(page).getByText(/Call logged \(Answered, 7 min\): Interested in the 1\.5T variant/).waitFor();
    const activity = page.getByRole("list", { name: "Activities of this lead" }).getByRole("listitem").filter({ hasText: "Send price list" });
    await activity.waitFor();
    expect(await activity.locator(".uk-pill--today").textContent()).toBe("Today");
    await b.screenshot(page, "lead-form.png");
    const logs = await t.c.store.repos.callLogs.list({ leadId: lead.id, limit: 10 });
    expect(logs.map((c) => [c.durationMinutes, c.result, c.userId])).toEqual([[7, "answered", agent.id]]);

    await activity.getByRole("button", { name: "Mark done: Send price list" }).click();
    await page.getByText("No open activities.").waitFor();
    const [done] = await t.c.store.repos.activities.listForLead(lead.id);
    expect(done!.done).toBe(true);
  });

  it("when a field is edited and saved, the chatter shows the tracked change and the server's field errors show in place", async () => {
    const brand = await makeBrand(t, "FED");
    const agent = await t.user("agent", "Eddie Agent");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Editing Edna", email: "edna@old.example" });
    const page = await openLead(agent, lead);
    const form = page.getByRole("form", { name: "Lead details" });

    await form.getByLabel("Email").fill("not-an-email");
    await form.getByLabel("City").fill("Pasig");
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByText("Email is not a valid address").waitFor();
    expect(await form.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    expect((await t.c.store.repos.leads.findById(lead.id))!.city).toBeNull();

    await form.getByLabel("Email").fill("edna@new.example");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Changes saved." }).waitFor();

    await chatter(page).getByRole("listitem").filter({ hasText: /Email:\s*edna@old\.example → edna@new\.example/ }).last().waitFor();
    const saved = await t.c.store.repos.leads.findById(lead.id);
    expect([saved!.email, saved!.city]).toEqual(["edna@new.example", "Pasig"]);
    expect(await form.getByRole("group", { name: "Save bar" }).getByText("All changes saved", { exact: true }).isVisible()).toBe(true);
  });

  it("when the agent clicks the next stage on the statusbar the lead moves and the chatter tracks it; Won there opens the Mark as Won wizard", async () => {
    const brand = await makeBrand(t, "FSB");
    const agent = await t.user("agent", "Stella Agent");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Statusbar Sid" });
    const page = await openLead(agent, lead);
    const bar = page.getByRole("list", { name: "Stage" });

    await bar.getByRole("button", { name: "Qualified", exact: true }).click();
    await bar.locator("[aria-current=step]").filter({ hasText: "Qualified" }).waitFor();
    await chatter(page).getByRole("listitem").filter({ hasText: /Stage:\s*New → Qualified/ }).last().waitFor();
    const moved = await t.c.store.repos.leads.findView(lead.id);
    expect(moved?.stage.name).toBe("Qualified");

    await bar.getByRole("button", { name: "Won", exact: true }).click();
    await page.getByRole("dialog", { name: `Mark ${lead.reference} as Won` }).waitFor();
    expect((await t.c.store.repos.leads.findById(lead.id))?.isWon).toBe(false);
  });

  it("when the agent types part of a source's code or name in Source, the matching sources are offered and the pick is saved and tracked", async () => {
    const brand = await makeBrand(t, "FSR");
    const agent = await t.user("agent", "Sora Agent");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Source Santi" });
    const page = await openLead(agent, lead);
    const form = page.getByRole("form", { name: "Lead details" });
    const picker = form.getByRole("combobox", { name: "Source" });
    expect(await picker.inputValue()).toBe("Inbound Call");

    await picker.fill("outbound_c");
    const list = page.getByRole("listbox", { name: "Source" });
    await list.getByRole("option", { name: /Outbound Call/ }).waitFor();
    expect(await list.getByRole("option").count()).toBe(1);

    await picker.fill("refer");
    await list.getByRole("option", { name: /Referral/ }).click();
    expect(await picker.inputValue()).toBe("Referral");
    await form.getByRole("button", { name: "Save" }).click();
    await chatter(page).getByRole("listitem").filter({ hasText: /Source:\s*Inbound Call → Referral/ }).last().waitFor();
    expect((await t.c.store.repos.leads.findView(lead.id))?.source.name).toBe("Referral");
  });

  it("shows a change made elsewhere without a reload, and keeps what the user is typing", async () => {
    const brand = await makeBrand(t, "FLI");
    const agent = await t.user("agent", "Liv Agent");
    const sup = await t.user("supervisor", "Sam Supervisor");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Live Lorenzo" });
    const page = await openLead(agent, lead);
    await page.getByText("Live", { exact: true }).waitFor();
    const form = page.getByRole("form", { name: "Lead details" });
    await form.getByLabel("Street").fill("12 Ayala Ave");

    await t.as(sup).patch(`/api/leads/${lead.id}`, { phone: "+63 2 8888 1234" }).expect(200);

    await chatter(page).getByRole("listitem").filter({ hasText: /Phone:\s*— → \+63 2 8888 1234/ }).last().waitFor();
    expect(await form.getByLabel("Phone").inputValue()).toBe("+63 2 8888 1234");
    expect(await form.getByLabel("Street").inputValue()).toBe("12 Ayala Ave");
  });

  it("endorses through the Endorse wizard: an unconnected dealership cannot be picked, and the server's refusal shows in place", async () => {
    const brand = await makeBrand(t, "FEN");
    const unlinked = await makeDealership(t, brand.id, "FEN-MKT");
    const linked = await makeDealership(t, brand.id, "FEN-CEB");
    const manager = await t.user("manager", "Fen Manager");
    await t.as(manager).put(`/api/dealerships/${linked.id}/connection`, { url: "http://127.0.0.1:9", key: "dsk_fen-ceb-key-000000001" }).expect(200);
    const agent = await t.user("agent", "Endo Agent");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Endorsed Elena", stage: "Qualified" });
    const page = await openLead(agent, lead);

    await actions(page).getByRole("button", { name: "Endorse w/ S.Q." }).click();
    const dialog = page.getByRole("dialog", { name: "Endorse with Sales Quotation" });
    await dialog.waitFor();
    const submit = dialog.getByRole("button", { name: "Endorse w/ S.Q." });
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByLabel("Dealership").selectOption({ label: `${unlinked.name} (not connected)` });
    await dialog.getByText(`${unlinked.name} has no connection to its CRM yet`).waitFor();
    expect(await submit.isDisabled()).toBe(true);
    await b.screenshot(page, "endorse-wizard.png");

    // The connection is removed elsewhere after the page loaded: the server refuses and the wizard says so.
    await dialog.getByLabel("Dealership").selectOption({ label: linked.name });
    await t.as(manager).delete(`/api/dealerships/${linked.id}/connection`).expect((r) => expect(r.status).toBeLessThan(300));
    await submit.click();
    await dialog.getByRole("alert").filter({ hasText: `Dealership ${linked.name} has no connection configured. A Manager sets it under Dealerships.` }).waitFor();
    expect((await t.c.store.repos.leads.findById(lead.id))!.endorsementStatus).toBe("none");
  });

  it("flags a field Endorse would refuse under the field, refuses Endorse naming it with nothing queued, and endorses once it is fixed", async () => {
    const brand = await makeBrand(t, "FBE");
    const dealership = await makeDealership(t, brand.id, "FBE-MKT");
    const manager = await t.user("manager", "Fbe Manager");
    await t.as(manager).put(`/api/dealerships/${dealership.id}/connection`, { url: "http://127.0.0.1:9", key: "dsk_fbe-mkt-key-000000001" }).expect(200);
    const agent = await t.user("agent", "Bad Email Agent");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Typo Teresa", stage: "Qualified", email: "teresa at example dot ph" });
    const page = await openLead(agent, lead);

    await page.getByRole("status", { name: "Endorsement check" }).filter({ hasText: "Email is not a valid email address" }).waitFor();
    const form = page.getByRole("form", { name: "Lead details" });
    await form.getByText("Email is not a valid email address").waitFor();

    const outboxBefore = await t.c.store.db.outboxMessage.count();
    await actions(page).getByRole("button", { name: "Endorse w/o S.Q." }).click();
    const dialog = page.getByRole("dialog", { name: "Endorse without Sales Quotation" });
    await dialog.getByLabel("Dealership").selectOption({ label: dealership.name });
    await dialog.getByRole("button", { name: "Endorse w/o S.Q." }).click();
    await dialog.getByRole("alert").filter({ hasText: "Fix these fields before endorsing: Email is not a valid email address" }).waitFor();
    expect(await t.c.store.db.outboxMessage.count()).toBe(outboxBefore);
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await form.getByLabel("Email").fill("teresa@example.ph");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status", { name: "Endorsement check" }).waitFor({ state: "detached" });
    await actions(page).getByRole("button", { name: "Endorse w/o S.Q." }).click();
    await dialog.getByLabel("Dealership").selectOption({ label: dealership.name });
    await dialog.getByRole("button", { name: "Endorse w/o S.Q." }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await t.c.store.repos.leads.findById(lead.id))!.endorsementStatus).toBe("pending");
  });

  it("creates a lead from the Open Leads page's New lead, refusing missing required fields (Source included: shown pre-selected with Inbound Call, never hidden) first, then opens it", async () => {
    const brand = await makeBrand(t, "FNW");
    const agent = await t.user("agent", "Nina Agent");
    const page = await openAs(agent, "/");
    await page.getByRole("heading", { name: "Open Leads", level: 1 }).waitFor();
    await page.getByRole("link", { name: "New lead", exact: true }).click();
    await page.getByRole("heading", { name: "New lead", level: 1 }).waitFor();
    const form = page.getByRole("form", { name: "New lead" });

    // bpo-3: the source is required on every lead; the picker starts on Inbound Call, visible and editable.
    const source = form.getByRole("combobox", { name: "Source" });
    expect(await source.isVisible()).toBe(true);
    expect(await source.inputValue()).toBe("Inbound Call");
    expect(await source.getAttribute("aria-required")).toBe("true");
    await form.getByRole("button", { name: "Clear Source" }).click();

    await form.getByRole("button", { name: "Create lead" }).click();
    await form.getByText("Customer Name is required").waitFor();
    await form.getByText("Interested Brand is required").waitFor();
    await form.getByText("Source is required").waitFor();

    await form.getByLabel("Customer Name").fill("Walk-in Wally");
    await form.getByLabel("Mobile").fill("+63 917 555 0101");
    await form.getByLabel("Interested Brand").selectOption({ label: brand.name });
    await source.fill("walk");
    await page.getByRole("listbox", { name: "Source" }).getByRole("option", { name: /Walk-In/ }).click();
    await form.getByLabel("Budget Min").fill("900000");
    await form.getByLabel("Budget Max").fill("1200000");
    await form.getByRole("button", { name: "Create lead" }).click();

    await page.getByRole("heading", { name: "Walk-in Wally", level: 1 }).waitFor();
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const created = await t.c.store.repos.leads.findView(id);
    expect([created!.contactName, created!.userId, created!.budgetMin, created!.budgetMax, created!.source.code]).toEqual(["Walk-in Wally", agent.id, 900000, 1200000, "walkin"]);
    await actions(page).getByRole("button", { name: "Log Call" }).waitFor();
    await b.screenshot(page, "lead-form-created.png");
  });

  it("when Mark as Won succeeds against a real dealership, shows a toast with the sale order number and the lead is Won", async () => {
    const dealer = await startRunningDealer();
    try {
      const manager = await t.user("manager", "Mona Manager");
      const brand = await makeBrand(t, "FWN");
      const model = await t.c.store.repos.catalog.createVehicleModel({ brandId: brand.id, name: "Tiggo 8 Pro", code: "FWN-T8" });
      const dealerBrand = await dealer.d.c.store.repos.catalog.createBrand({ code: "FWN", name: "Chery" });
      await dealer.d.c.store.repos.catalog.createProduct({ brandId: dealerBrand.id, defaultCode: "FWN-T8", name: "Chery Tiggo 8 Pro", listPrice: 1_798_000 });
      const dealership = await makeDealership(t, brand.id, "FWN-MKT");
      await t.as(manager).put(`/api/dealerships/${dealership.id}/connection`, { url: dealer.url, key: dealer.serviceKey }).expect(200);
      const agent = await t.user("agent", "Winnie Agent");
      const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Winning Wendell", stage: "Negotiation" });
      await t.as(agent).patch(`/api/leads/${lead.id}`, { vehicleModelId: model.id, dealershipId: dealership.id }).expect(200);
      const page = await openLead(agent, lead);

      await actions(page).getByRole("button", { name: "Mark as Won" }).click();
      const dialog = page.getByRole("dialog", { name: `Mark ${lead.reference} as Won` });
      await dialog.getByText(dealership.name).waitFor();
      await dialog.getByRole("button", { name: "Mark as Won" }).click();

      const toast = page.getByRole("status").filter({ hasText: `${lead.reference} is Won: sale order` });
      await toast.waitFor({ timeout: 15_000 });
      const won = await t.c.store.repos.leads.findById(lead.id);
      expect(won!.isWon).toBe(true);
      expect(won!.dealerSoName).toBeTruthy();
      expect(await toast.textContent()).toContain(`sale order ${won!.dealerSoName} created at ${dealership.name}`);
      await page.locator("[aria-current=step]").filter({ hasText: "Won" }).waitFor();
      expect(await page.getByRole("button", { name: "Mark as Won" }).count()).toBe(0);
      await b.screenshot(page, "lead-form-won.png");
    } finally {
      await dealer.stop();
    }
  });
  it("places the chatter beside the form at 1440 px and under it at 1024 px, and shows a lead the agent may only read as read-only fields, not inputs", async () => {
    const brand = await makeBrand(t, "FLY");
    const viewer = await t.user("agent", "Vince Viewer");
    // Unclaimed: the agent reads it until they claim it.
    const lead = await makeLead(t, brand.id, { contactName: "Layla Layout" });
    const page = await openLead(viewer, lead);
    // The same checks as the dealer's lead form (browser-dealer-leads): one layout and one read-only look in both apps.
    await expectReadOnlyField(page, "Customer Name", "Layla Layout");
    await expectChatterBesideThenUnderForm(page);
  });
});
