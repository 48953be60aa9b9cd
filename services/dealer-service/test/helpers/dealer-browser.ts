import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import request from "supertest";
import type { ReceiveEndorsedLeadRequest } from "@crm/contracts";
import { DEFAULT_WEB_DIST_DIR } from "../../src/http/web-app";
import { type DealerTestApp, TEST_PASSWORD, type TestUser, startDealerTestApp } from "./dealer-test-app";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = path.resolve(__dirname, "../../../../artifacts/screenshots");

/** The dealer app on a real port with the built UI, and a headless Chromium to drive it. */
export interface DealerBrowser {
  t: DealerTestApp;
  base: string;
  browser: Browser;
  /** A fresh browser context signed in through the login page; lands on All Leads. */
  loginAs(user: TestUser, opts?: { screenshot?: string }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startDealerBrowser(): Promise<DealerBrowser> {
  if (!fs.existsSync(path.join(DEFAULT_WEB_DIST_DIR, "index.html"))) throw new Error("Build the web UI first: pnpm build:web");
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const t = await startDealerTestApp();
  const server = await new Promise<http.Server>((resolve) => {
    const s = t.app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const contexts: BrowserContext[] = [];
  return {
    t,
    base,
    browser,
    async loginAs(user, opts = {}) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
      contexts.push(context);
      // Fail a step in seconds with its own message, before jest's whole-test timeout hides which step hung.
      context.setDefaultTimeout(8000);
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.getByLabel("Login").fill(user.login);
      await page.getByLabel("Password").fill(TEST_PASSWORD);
      if (opts.screenshot) await page.screenshot({ path: path.join(SCREENSHOTS, opts.screenshot) });
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "All Leads", level: 1 }).waitFor();
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
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
