import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { startBrowserHarness } from "@crm/test-kit";
import { DEFAULT_WEB_DIST_DIR } from "../../src/http/web-app";
import { type BpoTestApp, TEST_PASSWORD, type TestUser, startBpoTestApp } from "./bpo-test-app";

/** The BPO app on a real port with the built UI, and a headless Chromium to drive it. */
export interface BpoBrowser {
  t: BpoTestApp;
  base: string;
  browser: Browser;
  /**
   * A fresh browser context with `user`'s session, on Open Leads (its heading shown) or at `to`. `viaLoginForm`
   * signs in through the login page, and `screenshot` names a picture of it filled in.
   */
  loginAs(user: TestUser, opts?: { to?: string; context?: BrowserContextOptions; viaLoginForm?: boolean; screenshot?: string }): Promise<Page>;
  screenshot(page: Page, name: string, opts?: { fullPage?: boolean }): Promise<void>;
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startBpoBrowser(env: Record<string, string> = {}): Promise<BpoBrowser> {
  const t = await startBpoTestApp(env);
  const h = await startBrowserHarness(t.app, { webDistDir: DEFAULT_WEB_DIST_DIR, landingHeading: "Open Leads" }).catch(async (e: unknown) => {
    await t.close();
    throw e;
  });
  return {
    t,
    base: h.base,
    browser: h.browser,
    async loginAs(user, opts = {}) {
      const record = await t.c.store.repos.users.findById(user.id);
      if (!record) throw new Error(`No user ${user.id} (${user.name})`);
      return h.signIn(record.login, TEST_PASSWORD, opts);
    },
    screenshot: h.screenshot,
    dropConnections: h.dropConnections,
    async close() {
      await h.close();
      await t.close();
    },
  };
}
