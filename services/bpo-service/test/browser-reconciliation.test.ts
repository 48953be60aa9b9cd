import { type BrowserHarness, startBrowserHarness, until, mainNavLink } from "@crm/test-kit";
import { DEFAULT_WEB_DIST_DIR } from "../src/http/web-app";
import { type BpoOutbox, startBpoOutbox } from "../src/jobs/outbox-jobs";
import { type BpoTestApp, TEST_PASSWORD, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { type RunningDealer, startRunningDealer } from "./helpers/running-dealer";

/** The Reconciliation page (issue 16) in a real browser, against a real dealer-service: a dead endorsement shows and Replay delivers it. */
let t: BpoTestApp;
let dealer: RunningDealer;
let h: BrowserHarness;
let outbox: BpoOutbox;
let agent: TestUser;
let manager: TestUser;
let dealershipId: number;
let jaecoo: number;

beforeAll(async () => {
  [t, dealer] = await Promise.all([startBpoTestApp({ PUBLIC_URL: "https://bpo.example.test", OUTBOX_POLL_MS: "100", OUTBOX_BACKOFF_MS: "200" }), startRunningDealer()]);
  h = await startBrowserHarness(t.app, { webDistDir: DEFAULT_WEB_DIST_DIR, landingHeading: "Open Leads" });
  agent = await t.user("agent", "Ana Agent");
  manager = await t.user("manager", "Mia Manager");
  jaecoo = (await makeBrand(t, "JAECOO")).id;
  dealershipId = (await makeDealership(t, jaecoo, "MAKATI")).id;
  await t.as(manager).put(`/api/dealerships/${dealershipId}/connection`, { url: dealer.url, key: dealer.serviceKey }).expect(200);
  outbox = startBpoOutbox(t.c);
});
afterAll(async () => {
  await outbox?.close();
  await h?.close();
  await dealer?.stop();
  await t?.close();
});

const loginOf = async (u: TestUser) => (await t.c.store.repos.users.findById(u.id))!.login;

describe("Reconciliation page", () => {
  it("is a Manager's menu entry only", async () => {
    const page = await h.signIn(await loginOf(agent), TEST_PASSWORD);
    await page.getByRole("link", { name: "Open Leads" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reconciliation" }).count()).toBe(0);
    await page.context().close();
  });

  it("shows a dead endorsement with both sides, and Replay delivers it and clears the row", async () => {
    const page = await h.signIn(await loginOf(manager), TEST_PASSWORD);
    await (await mainNavLink(page, "Reconciliation")).click();
    await page.getByRole("heading", { name: "Reconciliation", level: 1 }).waitFor();
    await page.getByText("Nothing to reconcile: every endorsement is settled on both sides.").waitFor();

    // The dealer does not carry the brand yet: it refuses the endorsement for good.
    const lead = await makeLead(t, jaecoo, { contactName: "Rosa Reyes", userId: agent.id, stage: "Qualified" });
    expect((await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: false })).status).toBe(200);
    expect((await until(() => t.c.store.repos.leads.findById(lead.id), (l) => l!.endorsementStatus === "failed"))!.endorsementStatus).toBe("failed");

    await page.getByRole("button", { name: "Check again" }).click();
    const table = page.getByRole("table", { name: "Unsettled endorsements" });
    const row = table.getByRole("row").filter({ hasText: lead.reference });
    await row.waitFor();
    await row.getByText("Endorsement dead", { exact: true }).waitFor();
    await row.getByText(/JAECOO/).first().waitFor();
    await row.getByText("No lead from this endorsement").waitFor();
    await h.screenshot(page, "reconciliation-dead-endorsement.png");

    await dealer.d.c.store.repos.catalog.createBrand({ code: "JAECOO", name: "Jaecoo" });
    await row.getByRole("button", { name: `Replay ${lead.reference}` }).click();
    await page.getByText(`Endorsement of ${lead.reference} queued again.`).waitFor();
    await page.getByText("Nothing to reconcile: every endorsement is settled on both sides.").waitFor();
    const delivered = await until(() => t.c.store.repos.leads.findById(lead.id), (l) => l!.endorsementStatus === "delivered");
    expect(delivered!.dealerLeadName).toMatch(/^DLEAD\//);
    await page.context().close();
  });
});
