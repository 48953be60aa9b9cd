import { startForTests, watchDom } from "@crm/test-kit";
import request from "supertest";
import type { BpoTestApp } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, makeLead } from "./helpers/factories";

describe("Floor page in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;

  startForTests(() => startBpoBrowser({ BUSINESS_TIMEZONE: "Asia/Manila" }), (started) => ([b, t] = [started, started.t]));

  it("shows an agent's claim on a Supervisor's open Floor page within a second, without a reload", async () => {
    const brand = await makeBrand(t, "FLR");
    const lead = await makeLead(t, brand.id, { contactName: "Rosa Floor" });
    const agent = await t.user("agent", "Fiona Agent");
    const supervisor = await t.user("supervisor", "Sam Supervisor");
    const page = await b.loginAs(supervisor, { to: "/floor", context: { viewport: { width: 1280, height: 1000 } } });
    await page.getByRole("heading", { name: "Floor", level: 1 }).waitFor();
    await page.getByText("Live updates on").waitFor();
    const claims = page.getByTestId(`claims-${agent.id}`);
    expect(await claims.textContent()).toBe("0");
    expect(await page.getByTestId(`waiting-${brand.id}`).textContent()).toBe("1");
    await page.getByRole("img", { name: "Waiting leads and claims per hour today" }).waitFor();
    const navigations: string[] = [];
    page.on("framenavigated", (f) => navigations.push(f.url()));

    // Timed from the claim's write on the server (claimed_at) to the count in the page's DOM, by the page's own
    // clock: the test's request round trip and its polling of the page, slow on a loaded machine, are not part of it.
    const counted = await watchDom(page, `[data-testid="claims-${agent.id}"]`, { text: "1" });
    const res = await request(t.app).post(`/api/leads/${lead.id}/claim`).set("authorization", `Bearer ${agent.token}`);
    expect(res.status).toBe(200);
    const claimedAt = (await t.c.store.repos.leads.findById(lead.id))!.claimedAt!.getTime();
    expect((await counted.reachedAt()) - claimedAt).toBeLessThan(1000);
    await claims.filter({ hasText: /^1$/ }).waitFor();
    expect(await page.getByTestId(`waiting-${brand.id}`).textContent()).toBe("0");
    expect(navigations).toEqual([]);
    await b.screenshot(page, "floor.png", { fullPage: true });
  });

  it("lists a lead past the claim threshold, flags its card on Open Leads, and lets a Manager change the threshold", async () => {
    const brand = await makeBrand(t, "LATE");
    const lead = await makeLead(t, brand.id, { contactName: "Lito Late" });
    await t.c.store.db.$executeRaw`UPDATE leads SET created_at = (now() AT TIME ZONE 'UTC') - interval '40 minutes' WHERE id = ${lead.id}`;
    const manager = await t.user("manager", "Mia Manager");
    const page = await b.loginAs(manager, { context: { viewport: { width: 1280, height: 1000 } } });
    const card = page.getByRole("article", { name: "Lito Late" });
    await card.getByText("Claim overdue").waitFor();

    await page.goto(`${b.base}/floor`);
    const breaches = page.getByRole("table", { name: "Leads past the thresholds" });
    await breaches.getByRole("link", { name: `${lead.reference} Lito Late` }).waitFor();

    const form = page.getByRole("form", { name: "Floor thresholds" });
    await form.getByLabel("Claim within (min)").fill("0");
    await form.getByRole("button", { name: "Save thresholds" }).click();
    await form.getByText("Claim within must be whole minutes, at least 1").waitFor();
    await form.getByLabel("Claim within (min)").fill("60");
    await form.getByRole("button", { name: "Save thresholds" }).click();
    await breaches.getByText("Every lead is within the thresholds.").waitFor();
    expect(await t.c.store.repos.floor.thresholds()).toEqual({ claimMinutes: 60, firstCallMinutes: 30 });
    await page.goto(`${b.base}/`);
    await card.waitFor();
    expect(await card.getByText("Claim overdue").count()).toBe(0);
  });

  it("tells an Agent the Floor is for Supervisors and Managers and keeps it out of the menu", async () => {
    const agent = await t.user("agent", "Gus Agent");
    const page = await b.loginAs(agent);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Floor" }).count()).toBe(0);
    await page.goto(`${b.base}/floor`);
    await page.getByRole("heading", { name: "Supervisors and Managers only" }).waitFor();
  });
});
