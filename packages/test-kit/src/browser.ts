import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, chromium } from "playwright-core";

/**
 * Debian's Chromium headless shell when installed, else its full Chromium; CI images with another browser set
 * CHROMIUM_PATH. The shell is the browser without its desktop UI (what Playwright itself runs headless): the
 * same Blink and V8, and the browser test files took about 40% less time on it than on the full browser
 * (A/B on this 2-core machine, three files, 86 s → 51 s twice).
 */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((p) => fs.existsSync(p)) ?? "/usr/bin/chromium-headless-shell";
/** Where browser tests leave screenshots of the main screens (kept by CI as artifacts). */
export const SCREENSHOT_DIR = path.resolve(__dirname, "../../../artifacts/screenshots");
/**
 * Pictures are for people to look at, so taken only when asked (SCREENSHOTS=1; the GitHub workflow sets it):
 * encoding some 70 full pages took about a quarter of the screen tests' time, and every run rewrote the
 * committed pictures under artifacts/screenshots/.
 */
const TAKE_SCREENSHOTS = process.env.SCREENSHOTS === "1";

/** Saves a picture of `page` as artifacts/screenshots/<name> when SCREENSHOTS=1; the window only unless `fullPage`. */
export async function saveScreenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  if (!TAKE_SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: opts.fullPage ?? false });
}

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** Set by the jest global setup: the run's one Chromium, which every browser test file connects to. */
const SHARED_BROWSER_ENV = "CRM_TEST_BROWSER_WS";

/** Headless Chromium with the flags the tests and benches use; fails at once, with what to do, when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium-headless-shell (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * One Chromium for a whole jest run (global setup), published to the workers through the environment: a file
 * connects in milliseconds instead of starting and stopping its own browser (1–4 s each, 22 files). Each file
 * still gets its own browser contexts, closed when it disconnects. Answers how to stop it; none without Chromium.
 */
export async function startSharedChromium(): Promise<(() => Promise<void>) | null> {
  if (!fs.existsSync(CHROMIUM_PATH)) return null;
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  process.env[SHARED_BROWSER_ENV] = server.wsEndpoint();
  return () => server.close();
}

/** The run's shared Chromium when the global setup started one, else a browser of this file's own. */
async function testBrowser(): Promise<Browser> {
  const ws = process.env[SHARED_BROWSER_ENV];
  return ws ? chromium.connect(ws) : launchChromium();
}

/** The running jest test's full name; undefined outside a test (in a beforeAll). */
function currentTestName(): string | undefined {
  const jestExpect = (globalThis as { expect?: { getState(): { currentTestName?: string } } }).expect;
  return jestExpect?.getState().currentTestName;
}

/** Another app, already listening, to sign in to with the same browser (e.g. a running dealer next to the BPO). */
export interface OtherApp {
  base: string;
  landingHeading: string;
}

export interface BrowserHarness {
  /** Where the app listens, e.g. http://127.0.0.1:41234. */
  base: string;
  browser: Browser;
  /**
   * A fresh browser context with a signed-in session, on the app's landing page (its heading shown), or at `to`.
   * The session comes from the login API into the context's cookies, then one page load: a login page and a
   * landing page less per test (about 1.5 s each on a loaded 2-core machine). `viaLoginForm` (or `screenshot`,
   * a picture of the filled-in login page) signs in through the login page instead, as a person does. `at`
   * signs in to another app instead of this one.
   */
  signIn(login: string, password: string, opts?: { context?: BrowserContextOptions; to?: string; viaLoginForm?: boolean; screenshot?: string; at?: OtherApp }): Promise<Page>;
  screenshot(page: Page, name: string, opts?: { fullPage?: boolean }): Promise<void>;
  /** Drops every open connection (streams included), as a network blip or a restarted proxy would. */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * Serves `app` (a service's Express app with its built UI) on a loopback port and starts a headless
 * Chromium to drive it. Fails at once, with what to do, when the UI is not built or Chromium is missing.
 */
export async function startBrowserHarness(
  app: http.RequestListener,
  opts: { webDistDir: string; landingHeading: string; port?: number },
): Promise<BrowserHarness> {
  if (!fs.existsSync(path.join(opts.webDistDir, "index.html"))) throw new Error(`No built UI in ${opts.webDistDir}: run pnpm build:web`);
  const browser = await testBrowser();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Each context with the test that opened it (undefined: a beforeAll's).
  let contexts: { context: BrowserContext; test: string | undefined }[] = [];
  const screenshot = saveScreenshot;
  return {
    base,
    browser,
    async signIn(login, password, o = {}) {
      // An earlier test's pages are closed when the next test signs in: left open, each kept its live stream and
      // re-rendered its board on every later test's events, on the cores the tests share (a file of 13 tests
      // ended with 13 live pages).
      const test = currentTestName();
      const done = contexts.filter((c) => c.test !== undefined && c.test !== test);
      contexts = contexts.filter((c) => !done.includes(c));
      await Promise.all(done.map((c) => c.context.close().catch(() => undefined)));
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: "Asia/Manila", ...o.context });
      contexts.push({ context, test });
      // A stuck step fails naming its locator, before jest's whole-test timeout (60 s) hides which one; 20 s
      // because under CPU load a correct page took more than 10 s to sign in.
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      const at = o.at ?? { base, landingHeading: opts.landingHeading };
      if (o.viaLoginForm || o.screenshot) {
        await page.goto(`${at.base}/`);
        await page.getByLabel("Login").fill(login);
        await page.getByLabel("Password").fill(password);
        if (o.screenshot) await screenshot(page, o.screenshot);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("heading", { name: at.landingHeading, level: 1 }).waitFor();
        if (o.to) await page.goto(`${at.base}${o.to}`);
        return page;
      }
      // The context's request client shares the context's cookies: the session cookie lands where the page reads it.
      const res = await context.request.post(`${at.base}/api/auth/login`, { data: { login, password } });
      if (!res.ok()) throw new Error(`Sign-in of ${login} at ${at.base} refused: ${res.status()} ${await res.text()}`);
      await page.goto(`${at.base}${o.to ?? "/"}`);
      if (!o.to) await page.getByRole("heading", { name: at.landingHeading, level: 1 }).waitFor();
      return page;
    },
    screenshot,
    dropConnections: () => server.closeAllConnections(),
    async close() {
      for (const c of contexts) await c.context.close().catch(() => undefined);
      // A shared browser only disconnects, closing every context this file opened.
      await browser.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
