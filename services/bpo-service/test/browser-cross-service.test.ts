import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Page } from "playwright-core";
import { type BrowserHarness, startBrowserHarness } from "@crm/test-kit";
import { DEFAULT_WEB_DIST_DIR } from "../src/http/web-app";
import { type BpoOutbox, startBpoOutbox } from "../src/jobs/outbox-jobs";
import { DEFAULT_WEB_DIST_DIR as DEALER_WEB_DIST_DIR } from "../../dealer-service/src/http/web-app";
import { type DealerOutbox, startDealerOutbox } from "../../dealer-service/src/jobs/outbox-jobs";
import { type BpoTestApp, TEST_PASSWORD, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { type RunningDealer, connectDealerCallbacks, startRunningDealer } from "./helpers/running-dealer";

/**
 * The whole loop in two real browsers: an agent endorses from the BPO UI, the dealer works the lead in the
 * dealer UI (BPO Origin tab, quotation → confirmed → delivered → Won), and the agent's open BPO page shows Won.
 * Both services run over real HTTP with their outbox workers; nothing is called behind the UIs' backs.
 */
// Two services, two UIs and both outboxes in one scenario: over 60 s on a loaded machine.
jest.setTimeout(120_000);
let t: BpoTestApp;
let dealer: RunningDealer;
let h: BrowserHarness;
let bpoUrl: string;
let outbox: BpoOutbox;
let dealerOutbox: DealerOutbox;
let agent: TestUser;
let dealershipId: number;
let brandId: number;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  // The harness checks that the BPO's UI is built; the dealer's is checked here.
  if (!fs.existsSync(path.join(DEALER_WEB_DIST_DIR, "index.html"))) throw new Error("Build the web UIs first: pnpm build:web");
  // The BPO must know its own URL: it travels in the endorsement and becomes the dealer's BPO Origin link.
  const port = await freePort();
  bpoUrl = `http://127.0.0.1:${port}`;
  [t, dealer] = await Promise.all([startBpoTestApp({ PUBLIC_URL: bpoUrl, OUTBOX_POLL_MS: "100", OUTBOX_BACKOFF_MS: "200" }), startRunningDealer({ OUTBOX_POLL_MS: "100", OUTBOX_BACKOFF_MS: "200" })]);
  h = await startBrowserHarness(t.app, { webDistDir: DEFAULT_WEB_DIST_DIR, landingHeading: "Open Leads", port });

  agent = await t.user("agent", "Ana Agent");
  const manager = await t.user("manager");
  brandId = (await makeBrand(t, "CHERY")).id;
  const model = await t.c.store.repos.catalog.createVehicleModel({ brandId, name: "Tiggo 7 Pro", code: "TIGGO7PRO" });
  const dealerBrand = await dealer.d.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
  await dealer.d.c.store.repos.catalog.createProduct({ brandId: dealerBrand.id, defaultCode: "TIGGO7PRO", name: "Chery Tiggo 7 Pro", listPrice: 1_298_000 });
  dealershipId = (await makeDealership(t, brandId, "MAKATI")).id;
  await t.as(manager).put(`/api/dealerships/${dealershipId}/connection`, { url: dealer.url, key: dealer.serviceKey }).expect(200);
  await connectDealerCallbacks(t, manager, dealershipId, dealer, bpoUrl);
  outbox = startBpoOutbox(t.c);
  dealerOutbox = startDealerOutbox(dealer.d.c);
  void model;
});

afterAll(async () => {
  await dealerOutbox?.close();
  await outbox?.close();
  await h?.close();
  await dealer?.stop();
  await t?.close();
});

/** Signs in to the BPO, or with `at` to the running dealer, in the one browser. */
const signIn = (login: string, at?: { base: string; landingHeading: string }): Promise<Page> => h.signIn(login, TEST_PASSWORD, { at });

describe("BPO and dealership UIs together", () => {
  it("an endorsement made in the BPO UI shows up in the dealer UI with its BPO Origin tab, and the dealer's Won flips the BPO lead to Won", async () => {
    const lead = await makeLead(t, brandId, { contactName: "Carmen Cruz", userId: agent.id, stage: "Qualified", email: "carmen@example.ph" });
    const vm = (await t.c.store.repos.catalog.listVehicleModels({ brandId }))[0]!;
    await t.c.store.repos.leads.update(lead.id, { vehicleModelId: vm.id });

    // BPO: the agent endorses with a sales quotation from the lead form.
    const bpo = await signIn((await t.c.store.repos.users.findById(agent.id))!.login);
    await bpo.goto(`${bpoUrl}/leads/${lead.id}`);
    await bpo.getByRole("heading", { name: "Carmen Cruz", level: 1 }).waitFor();
    await bpo.getByRole("group", { name: "Lead actions" }).getByRole("button", { name: "Endorse w/ S.Q." }).click();
    const wizard = bpo.getByRole("dialog", { name: "Endorse with Sales Quotation" });
    await wizard.getByLabel("Dealership").selectOption({ label: "Dealer MAKATI" });
    await wizard.getByRole("button", { name: "Endorse w/ S.Q." }).click();
    await wizard.waitFor({ state: "hidden" });
    // Delivery happens in the worker; the open form follows it live, and so does the toast of the click:
    // "sending…" is replaced by "delivered", never left standing beside the panel's Delivered.
    await bpo.getByText("Delivered to the dealer").waitFor({ timeout: 20_000 });
    const toasts = bpo.locator(".uk-toasts");
    await toasts.getByText(`${lead.reference} delivered to `).waitFor();
    expect(await toasts.getByText("sending", { exact: false }).count()).toBe(0);
    const delivered = (await t.c.store.repos.leads.findById(lead.id))!;
    expect(delivered).toMatchObject({ endorsementStatus: "delivered", endorsementType: "with_sq" });
    await bpo.getByText(delivered.dealerLeadName!, { exact: true }).waitFor();
    await h.screenshot(bpo, "cross-bpo-endorsed.png", { fullPage: true });

    // Dealer: the manager finds it on All Leads and opens it; the BPO Origin tab links back to the BPO lead.
    const dm = await dealer.d.user("dealer_manager", "Dina Manager");
    const dlr = await signIn(dm.login, { base: dealer.url, landingHeading: "All Leads" });
    await dlr.getByRole("article", { name: "Carmen Cruz" }).waitFor();
    await dlr.goto(`${dealer.url}/leads/${delivered.dealerLeadId}`);
    await dlr.getByRole("heading", { name: `${delivered.dealerLeadName} · Carmen Cruz` }).waitFor();
    await dlr.getByRole("tab", { name: "BPO Origin" }).click();
    const origin = dlr.getByRole("tabpanel");
    const back = origin.getByRole("link", { name: `Open ${lead.reference} in the BPO CRM` });
    expect(await back.getAttribute("href")).toBe(`${bpoUrl}/leads/${lead.id}`);
    await h.screenshot(dlr, "cross-dealer-bpo-origin.png", { fullPage: true });

    // Dealer: the draft quotation the endorsement brought is confirmed, delivered, and the lead marked Won.
    await dlr.getByRole("tab", { name: /^Sale Orders/ }).click();
    await dlr.getByRole("tabpanel").getByRole("link", { name: delivered.dealerQuotationName! }).click();
    await dlr.getByRole("heading", { name: /^Quotation / }).waitFor();
    await dlr.getByRole("button", { name: "Confirm" }).click();
    await dlr.getByRole("heading", { name: /^Sales Order / }).waitFor();
    await dlr.getByRole("button", { name: "Deliver" }).click();
    await dlr.getByRole("dialog", { name: /^Deliver / }).getByRole("button", { name: "Record delivery" }).click();
    await dlr.getByRole("heading", { name: /^Delivered / }).waitFor();
    await dlr.getByRole("link", { name: "Back to the lead" }).click();
    await dlr.getByRole("button", { name: "Mark Won", disabled: false }).click();
    await dlr.getByRole("status", { name: "BPO callback status" }).filter({ hasText: /BPO callback \(Won\): (Pending|Sent)/ }).waitFor();

    // BPO: the agent's page, never reloaded, shows the lead Won with the dealer's sale order.
    await bpo.getByRole("listitem").filter({ hasText: "Won" }).and(bpo.locator("[aria-current=step]")).waitFor({ timeout: 20_000 });
    const won = (await t.c.store.repos.leads.findView(lead.id))!;
    expect(won).toMatchObject({ isWon: true, stage: { name: "Won" }, dealerSoName: delivered.dealerQuotationName });
    await bpo.getByText(`Dealer MAKATI marked ${delivered.dealerLeadName} as Won`, { exact: false }).waitFor();
    // The dealer recorded the callback as delivered once the BPO accepted it.
    await dlr.reload();
    await dlr.getByRole("status", { name: "BPO callback status" }).filter({ hasText: /Sent|Delivered/ }).waitFor();
    expect((await dealer.d.c.store.repos.leads.findById(delivered.dealerLeadId!))!.callbackStatus).toBe("delivered");
    await h.screenshot(bpo, "cross-bpo-won.png", { fullPage: true });
  });
});
