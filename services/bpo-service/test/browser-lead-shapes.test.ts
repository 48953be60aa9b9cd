import type { BpoTestApp } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, makeLead } from "./helpers/factories";

describe("Preferred contact time and the budget rule in the lead form, in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;

  beforeAll(async () => {
    b = await startBpoBrowser();
    t = b.t;
  });
  afterAll(() => b?.close());

  it("when the budget min exceeds the max the form says so in place and sends nothing; fixed, the contact time is saved and the pipeline card's tooltip names it", async () => {
    const brand = await makeBrand(t, "PCT");
    const agent = await t.user("agent", "Pia Agent");
    const lead = await makeLead(t, brand.id, { userId: agent.id, contactName: "Timely Tess" });
    const page = await b.loginAs(agent, { to: `/leads/${lead.id}`, context: { viewport: { width: 1440, height: 1000 } } });
    await page.getByRole("heading", { name: lead.contactName, level: 1 }).waitFor();
    const form = page.getByRole("form", { name: "Lead details" });
    const patches: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "PATCH") patches.push(r.url());
    });

    await form.getByLabel("Preferred Contact Time").selectOption({ label: "Evening" });
    await form.getByLabel("Budget Min").fill("900000");
    await form.getByLabel("Budget Max").fill("800000");
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByText("Budget min cannot exceed budget max").waitFor();
    expect(await form.getByLabel("Budget Min").getAttribute("aria-invalid")).toBe("true");
    expect(patches).toEqual([]);

    await form.getByLabel("Budget Max").fill("1000000");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Changes saved." }).waitFor();
    const saved = await t.c.store.repos.leads.findById(lead.id);
    expect([saved!.preferredContactTime, saved!.budgetMin, saved!.budgetMax]).toEqual(["evening", 900_000, 1_000_000]);

    await page.goto(`${b.base}/pipeline`);
    const card = page.getByRole("article", { name: "Timely Tess" });
    await card.locator('[title="Preferred contact time: Evening"]').waitFor();
  });
});
