import type { Browser, Page } from "playwright-core";
import request from "supertest";
import type { ReceiveEndorsedLeadRequest } from "@crm/contracts";
import { startBrowserHarness } from "@crm/test-kit";
import { DEFAULT_WEB_DIST_DIR } from "../../src/http/web-app";
import { type DealerTestApp, TEST_PASSWORD, type TestUser, startDealerTestApp } from "./dealer-test-app";

/** The dealer app on a real port with the built UI, and a headless Chromium to drive it. */
export interface DealerBrowser {
  t: DealerTestApp;
  base: string;
  browser: Browser;
  /** A fresh browser context signed in through the login page; lands on All Leads. `width` of the window, 1366 unless given. */
  loginAs(user: TestUser, opts?: { screenshot?: string; width?: number }): Promise<Page>;
  /** A full-page screenshot. */
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** `env` adds to the test app's configuration (DEALER_NAME, BUSINESS_TIMEZONE…). */
export async function startDealerBrowser(env: Record<string, string> = {}): Promise<DealerBrowser> {
  const t = await startDealerTestApp(env);
  const h = await startBrowserHarness(t.app, { webDistDir: DEFAULT_WEB_DIST_DIR, landingHeading: "All Leads" }).catch(async (e: unknown) => {
    await t.close();
    throw e;
  });
  return {
    t,
    base: h.base,
    browser: h.browser,
    loginAs: (user, opts = {}) =>
      h.signIn(user.login, TEST_PASSWORD, { context: { viewport: { width: opts.width ?? 1366, height: 860 }, acceptDownloads: true }, screenshot: opts.screenshot }),
    screenshot: (page, name) => h.screenshot(page, name, { fullPage: true }),
    async close() {
      await h.close();
      await t.close();
    },
  };
}

let bpoLeadSeq = 7000;

/**
 * A lead endorsed through the real JSON-RPC method (dealer.receiveEndorsedLead) with a freshly issued service
 * key, as the BPO would push it. The brand (and product, if given) must exist on this dealer.
 */
export async function endorseLead(t: DealerTestApp, admin: TestUser, over: Partial<ReceiveEndorsedLeadRequest> & { brandCode: string }) {
  const sa = await t.user("service_account", "BPO CRM");
  const key = (await t.as(admin).post("/api/service-keys", { userId: sa.id, label: "BPO (browser test)" }).expect(201)).body.key as string;
  const n = ++bpoLeadSeq;
  const params: ReceiveEndorsedLeadRequest = {
    contractVersion: 1,
    contactName: `Endorsed Customer ${n}`,
    mobile: `+63918${n}000`,
    email: `endorsed${n}@example.com`,
    phone: null,
    street: "12 Rizal St",
    city: "Dasmariñas",
    zipCode: "4114",
    countryCode: "PH",
    stateCode: "CAV",
    productCode: null,
    vehicleModelName: "Mirage G4 GLX",
    preferredColor: "Red",
    quantity: 1,
    expectedPrice: 850_000,
    budgetMin: 800_000,
    budgetMax: 900_000,
    customerNotes: "Wants delivery before Christmas",
    internalNotes: "Hot lead",
    hasTradeIn: false,
    tradeIn: null,
    financingNeeded: true,
    financingType: "bank",
    downPayment: 200_000,
    priority: 2,
    endorsementType: "without_sq",
    bpoSourceLeadId: n,
    bpoSourceLeadName: `LEAD/0${n}`,
    bpoSourceUrl: "https://bpo.example.com",
    ...over,
  };
  const res = await request(t.app).post("/rpc").set("authorization", `Bearer ${key}`).send({ jsonrpc: "2.0", id: 1, method: "dealer.receiveEndorsedLead", params });
  if (res.body.error) throw new Error(`receiveEndorsedLead failed: ${JSON.stringify(res.body.error)}`);
  return { ...(res.body.result as { dealerLeadId: number; dealerLeadName: string; saleOrderName: string | null }), params };
}
