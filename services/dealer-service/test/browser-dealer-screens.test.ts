import type { Page } from "playwright-core";
import { expectNoHorizontalOverflow } from "@crm/test-kit";
import { type DealerBrowser, endorseLead, startDealerBrowser } from "./helpers/dealer-browser";
import type { TestUser } from "./helpers/dealer-test-app";
import { makeBrand, makeLead, makeProduct } from "./helpers/factories";

jest.setTimeout(300_000);

/**
 * Every screen of the dealer app, as a salesperson, a sales manager and an admin see it, at 1440 and 1024 px: each
 * fits the window, and each is left in artifacts/screenshots/ as screens-dealer-<role>-<screen>-<width>.png.
 */
describe("Dealer screens at 1440 and 1024 px", () => {
  let h: DealerBrowser;
  let admin: TestUser;
  let manager: TestUser;
  let seller: TestUser;
  let own: { id: number; reference: string; contactName: string };
  let colleagues: { id: number; reference: string; contactName: string };
  let endorsed: { id: number; reference: string; contactName: string };
  let orderId: number;

  beforeAll(async () => {
    h = await startDealerBrowser();
    admin = await h.t.user("dealer_admin", "Ada Admin");
    manager = await h.t.user("dealer_manager", "Mario Manager");
    seller = await h.t.user("dealer_user", "Sam Seller");
    const colleague = await h.t.user("dealer_user", "Carla Colleague");
    const brand = await makeBrand(h.t, "CHERY");
    const product = await makeProduct(h.t, brand.id, { defaultCode: "TIGGO7PRO", listPrice: 1_398_000 });
    const names = ["Juan Dela Cruz", "Maria Santos", "Jose Reyes", "Grace Garcia", "Paolo Mendoza", "Liza Torres"];
    const stages = ["New", "Qualified", "Negotiation", "New", "Qualified", "New"];
    for (const [i, name] of names.entries()) await makeLead(h.t, brand.id, { contactName: name, stage: stages[i], userId: i % 2 ? seller.id : colleague.id, productId: product.id });
    own = await makeLead(h.t, brand.id, { contactName: "Bea Bautista", stage: "Qualified", userId: seller.id, productId: product.id, email: "bea@example.com" });
    colleagues = await makeLead(h.t, brand.id, { contactName: "Carlo Aquino", userId: colleague.id });
    const e = await endorseLead(h.t, admin, { brandCode: "CHERY", contactName: "Erika Endorsed", productCode: "TIGGO7PRO" });
    endorsed = (await h.t.c.store.repos.leads.findById(e.dealerLeadId))!;
    const quote = await h.t.as(seller).post(`/api/leads/${own.id}/convert-to-quotation`).expect(201);
    orderId = (quote.body as { id: number }).id;
  });
  afterAll(() => h?.close());

  /** Opens `path`, waits for its heading and for its data (no "Loading…" left), checks the width and takes the picture. */
  async function shoot(page: Page, name: string, path: string, heading: string | RegExp, width: number) {
    await page.goto(`${h.base}${path}`);
    await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
    await page.waitForFunction(() => !document.body.innerText.includes("Loading"));
    await expectNoHorizontalOverflow(page, `${name} at ${width} px`);
    await h.screenshot(page, `screens-dealer-${name}-${width}.png`);
  }

  for (const width of [1440, 1024]) {
    it(`shows every screen of a salesperson, a sales manager and an admin within the window at ${width} px`, async () => {
      const user = await h.loginAs(seller, { width });
      await shoot(user, "user-all-leads", "/", "All Leads", width);
      await shoot(user, "user-all-leads-list", "/list", "All Leads", width);
      await shoot(user, "user-my-pipeline", "/my-pipeline", "My Pipeline", width);
      await shoot(user, "user-lead-form", `/leads/${own.id}`, `${own.reference} · ${own.contactName}`, width);
      await shoot(user, "user-colleagues-lead-form", `/leads/${colleagues.id}`, `${colleagues.reference} · ${colleagues.contactName}`, width);
      await shoot(user, "user-new-lead", "/leads/new", "New lead", width);
      await shoot(user, "user-sale-order", `/sale-orders/${orderId}`, /Quotation|S0/, width);
      await user.context().close();

      const boss = await h.loginAs(manager, { width });
      await shoot(boss, "manager-all-leads", "/", "All Leads", width);
      await shoot(boss, "manager-endorsed-lead-form", `/leads/${endorsed.id}`, `${endorsed.reference} · ${endorsed.contactName}`, width);
      await boss.context().close();

      const root = await h.loginAs(admin, { width });
      for (const section of ["brands", "products", "lost-reasons", "lead-sources", "bpo-connection", "service-keys", "users", "callbacks"]) {
        await shoot(root, `admin-config-${section}`, `/config/${section}`, "Configuration", width);
      }
      await root.context().close();
    });
  }
});
