/**
 * Open Leads in a real browser at volume (script, not a test):
 *   tsx bench/open-leads-browser.ts [--leads 10000] [--rounds 5]
 * Loads `--leads` unclaimed leads over 4 brands, then in Debian's Chromium (CHROMIUM_PATH) measures, per round:
 *  - open: from navigation to every column showing its first cards (the page is loaded fresh, session cookie set);
 *  - load more: the time for one column's "Load more" to add the next page;
 *  - scroll: frames and the longest frame while a full column scrolls top to bottom.
 * Prints the medians over the rounds and the number of cards in the DOM (the board renders pages, not 10,000 cards).
 */
import type { Page } from "../packages/test-kit/node_modules/playwright-core";
import { SESSION_COOKIE } from "../packages/platform/src";
import { launchChromium } from "../packages/test-kit/src";
import { closeAll } from "./lib/cleanup";
import { startBpo } from "./lib/in-process-stacks";
import { say } from "./lib/report";
import { insertLeads, sql } from "./lib/sql-fixtures";
import { median } from "./lib/statistics";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LEADS = arg("leads", 10_000);
const ROUNDS = arg("rounds", 5);

async function openBoard(page: Page, url: string, brands: number): Promise<number> {
  const t0 = performance.now();
  await page.goto(`${url}/`);
  await page.waitForFunction(`(() => { const cols = [...document.querySelectorAll(".uk-kanban__column")]; return cols.length === ${brands} && cols.every((c) => c.querySelector("article")); })()`);
  return performance.now() - t0;
}

async function loadMore(page: Page): Promise<number> {
  const column = page.locator(".uk-kanban__column").first();
  const before = await column.locator("article").count();
  const t0 = performance.now();
  await column.getByRole("button", { name: /^Load more/ }).click();
  await page.waitForFunction(`document.querySelector(".uk-kanban__column").querySelectorAll("article").length > ${before}`);
  return performance.now() - t0;
}

/**
 * Scrolls the first column in steps, one per animation frame, and reports the frame times. Page scripts here are
 * strings: tsx would otherwise wrap their inner functions in a helper the browser does not have.
 */
const SCROLL_SCRIPT = `new Promise((resolve) => {
  const col = document.querySelector(".uk-kanban__column");
  col.scrollTop = 0;
  let last = performance.now(), longest = 0, frames = 0;
  const step = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    frames++;
    col.scrollTop += 40;
    if (col.scrollTop + col.clientHeight >= col.scrollHeight - 1 || frames > 2000) resolve({ frames, longestMs: longest });
    else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

const scroll = (page: Page) => page.evaluate(SCROLL_SCRIPT) as Promise<{ frames: number; longestMs: number }>;

async function main() {
  // Chromium first: a missing browser fails at once, not after the leads are loaded.
  const browser = await launchChromium();
  try {
    const bpo = await startBpo();
    const brandCodes = ["CHERY", "JAECOO", "JETOUR", "HYUNDAI"];
    const brands = await Promise.all(brandCodes.map((code) => bpo.c.store.repos.catalog.createBrand({ code, name: code[0] + code.slice(1).toLowerCase() })));
    const pg = await sql(bpo.dbUrl);
    try {
      for (const b of brands) await insertLeads(pg, { brandId: b.id, n: Math.ceil(LEADS / brands.length), tag: b.code });
      await pg.query("ANALYZE leads");
    } finally {
      await pg.end();
    }
    const agent = await bpo.user("agent");
    say(`loaded ${LEADS} unclaimed leads over ${brands.length} brands`);

    // The app's CSP forbids eval; the measuring scripts below are strings, so the bench context bypasses it.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await context.addCookies([{ name: SESSION_COOKIE, value: agent.token, url: bpo.url }]);
    const page = await context.newPage();
    // An API token is also a session id; check the cookie took before measuring.
    await page.goto(`${bpo.url}/`);
    const opened = await page.getByRole("heading", { name: "Open Leads", level: 1 }).waitFor({ timeout: 10_000 }).then(() => true, () => false);
    if (!opened) {
      throw new Error("The board did not open with the session cookie (login page shown?)");
    }
    const opens: number[] = [];
    const mores: number[] = [];
    const longest: number[] = [];
    let frames = 0;
    let cards = 0;
    for (let r = 0; r < ROUNDS; r++) {
      opens.push(await openBoard(page, bpo.url, brands.length));
      for (let i = 0; i < 3; i++) mores.push(await loadMore(page));
      const s = await scroll(page);
      longest.push(s.longestMs);
      frames = s.frames;
      cards = await page.locator("article").count();
    }
    say(`open Open Leads (${LEADS} waiting, ${brands.length} columns): median ${median(opens).toFixed(0)} ms (runs: ${opens.map((x) => x.toFixed(0)).join(", ")})`);
    say(`Load more (next 20 cards of one column): median ${median(mores).toFixed(0)} ms`);
    say(`scroll one column top to bottom: ${frames} frames, longest frame median ${median(longest).toFixed(1)} ms; cards in the DOM afterwards: ${cards}`);
  } finally {
    await browser.close();
  }
}

main()
  .then(closeAll)
  .catch(async (e: unknown) => {
    process.stderr.write(`open-leads-browser could not run: ${e instanceof Error ? e.stack : String(e)}\n`);
    await closeAll().catch(() => undefined);
    process.exit(1);
  });
