import type { Page } from "playwright-core";
import { TEST_PASSWORD_HASH, expectNoHorizontalOverflow } from "@crm/test-kit";
import { DEMO_USERS, seedDemo } from "../src/data-access/demo-seed";
import type { Role } from "../src/domain/actor";
import type { TestUser } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";

jest.setTimeout(300_000);

/**
 * Every screen of the BPO app, as each role sees it on the demo data, at 1440 and 1024 px: each fits the window,
 * and each is left in artifacts/screenshots/ as screens-bpo-<role>-<screen>-<width>.png for people to look at.
 */
describe("BPO screens at 1440 and 1024 px", () => {
  let b: BpoBrowser;
  const users = {} as Record<(typeof DEMO_USERS)[number]["login"], TestUser>;

  beforeAll(async () => {
    b = await startBpoBrowser();
    const db = b.t.c.store.db;
    await seedDemo(db, { leads: 40 });
    // The demo logins, signed in with the tests' password.
    await db.user.updateMany({ where: { login: { in: DEMO_USERS.map((u) => u.login) } }, data: { passwordHash: TEST_PASSWORD_HASH } });
    for (const u of DEMO_USERS) {
      const row = await db.user.findUniqueOrThrow({ where: { login: u.login } });
      users[u.login] = { id: row.id, name: row.name, role: u.role as Role, token: "" };
    }
  });
  afterAll(() => b?.close());

  /** Opens `path`, waits for its heading and for its data (no "Loading…" left), checks the width and takes the picture. */
  async function shoot(page: Page, name: string, path: string, heading: string | RegExp, width: number) {
    await page.goto(`${b.base}${path}`);
    await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
    await page.waitForFunction(() => !document.body.innerText.includes("Loading"));
    await expectNoHorizontalOverflow(page, `${name} at ${width} px`);
    if (width === 1024) await expectHeaderOneLine(page, name);
    await b.screenshot(page, `screens-bpo-${name}-${width}.png`, { fullPage: true });
  }

  /** The header is as tall at 1024 px as at 1440 px: its menu does not wrap onto a second line. */
  async function expectHeaderOneLine(page: Page, name: string) {
    const header = page.locator("header.app-header");
    const height = () => header.evaluate((el) => el.getBoundingClientRect().height);
    const narrow = await height();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForFunction(() => window.innerWidth === 1440);
    const wide = await height();
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.waitForFunction(() => window.innerWidth === 1024);
    expect({ screen: name, height: narrow }).toEqual({ screen: name, height: wide });
  }

  for (const width of [1440, 1024]) {
    it(`shows every screen of an agent, a supervisor and a manager within the window at ${width} px`, async () => {
      const viewport = { width, height: 900 };
      const db = b.t.c.store.db;
      const mine = await db.lead.findFirstOrThrow({ where: { userId: users.agent1.id, isWon: false, isLost: false }, orderBy: { id: "asc" } });
      const pool = await db.lead.findFirstOrThrow({ where: { userId: null }, orderBy: { id: "asc" } });

      const agent = await b.loginAs(users.agent1, { context: { viewport, timezoneId: "Asia/Manila" } });
      await shoot(agent, "agent-open-leads", "/", "Open Leads", width);
      await shoot(agent, "agent-my-pipeline", "/pipeline", "My Pipeline", width);
      await shoot(agent, "agent-lead-form", `/leads/${mine.id}`, mine.contactName, width);
      await shoot(agent, "agent-unclaimed-lead-form", `/leads/${pool.id}`, pool.contactName, width);
      await shoot(agent, "agent-new-lead", "/leads/new", "New lead", width);
      await shoot(agent, "agent-leads-list", "/leads", "Leads", width);
      await shoot(agent, "agent-my-activities", "/activities", "My Activities", width);
      await shoot(agent, "agent-call-logs", "/call-logs", "Call Logs", width);
      await agent.context().close();

      const supervisor = await b.loginAs(users.supervisor, { context: { viewport, timezoneId: "Asia/Manila" } });
      await shoot(supervisor, "supervisor-open-leads", "/", "Open Leads", width);
      await shoot(supervisor, "supervisor-team-pipeline", `/pipeline?user=${users.agent1.id}`, /Pipeline/, width);
      await shoot(supervisor, "supervisor-lead-form", `/leads/${mine.id}`, mine.contactName, width);
      await shoot(supervisor, "supervisor-floor", "/floor", "Floor", width);
      await shoot(supervisor, "supervisor-lead-source-report", "/reports/lead-sources", /Lead source/i, width);
      await supervisor.context().close();

      const manager = await b.loginAs(users.manager, { context: { viewport, timezoneId: "Asia/Manila" } });
      await shoot(manager, "manager-reconciliation", "/reconciliation", "Reconciliation", width);
      for (const [section, heading] of [
        ["lead-sources", "Configuration"],
        ["brands", "Configuration"],
        ["dealerships", "Configuration"],
        ["stages", "Configuration"],
        ["users", "Configuration"],
      ] as const) {
        await shoot(manager, `manager-config-${section}`, `/config/${section}`, heading, width);
      }
      await manager.context().close();
    });
  }
});
