import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";
import { type RunningDealer, startRunningDealer } from "./helpers/running-dealer";
import { type BpoOutbox, startBpoOutbox } from "../src/jobs/outbox-jobs";
import { until } from "@crm/test-kit";

/** One BPO and two dealership instances, each with its own database, over real HTTP. */
let t: BpoTestApp;
let makati: RunningDealer;
let cebu: RunningDealer;
let outbox: BpoOutbox;
let agent: TestUser;

beforeAll(async () => {
  [t, makati, cebu] = await Promise.all([
    startBpoTestApp({ OUTBOX_POLL_MS: "100", OUTBOX_BACKOFF_MS: "200", PUBLIC_URL: "https://bpo.example.test" }),
    startRunningDealer(),
    startRunningDealer(),
  ]);
  agent = await t.user("agent");
  outbox = startBpoOutbox(t.c);
});
afterAll(async () => {
  await outbox.close();
  await Promise.all([makati.stop(), cebu.stop()]);
  await t.close();
});

it("each dealership receives exactly the leads endorsed to it", async () => {
  const manager = await t.user("manager");
  const targets: { dealer: RunningDealer; code: string; brand: string }[] = [
    { dealer: makati, code: "MAKATI", brand: "CHERY" },
    { dealer: cebu, code: "CEBU", brand: "JAECOO" },
  ];
  const leads: { id: number; dealer: RunningDealer }[] = [];
  for (const x of targets) {
    const brand = await makeBrand(t, x.brand);
    await x.dealer.d.c.store.repos.catalog.createBrand({ code: x.brand, name: x.brand });
    const d = await t.c.store.repos.catalog.createDealership({ code: x.code, name: `UAAGI ${x.code}`, brandId: brand.id, managerEmail: null });
    await t.as(manager).put(`/api/dealerships/${d.id}/connection`, { url: x.dealer.url, key: x.dealer.serviceKey });
    for (let i = 0; i < 2; i++) {
      const lead = await makeLead(t, brand.id, { userId: agent.id, stage: "Qualified" });
      expect((await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId: d.id, withQuotation: false })).status).toBe(200);
      leads.push({ id: lead.id, dealer: x.dealer });
    }
  }
  for (const l of leads) {
    const done = await until(() => t.c.store.repos.leads.findById(l.id), (x) => x!.endorsementStatus === "delivered");
    expect(done!.endorsementStatus).toBe("delivered");
  }
  for (const x of targets) {
    const received = await x.dealer.d.c.store.db.lead.findMany({ where: { bpoSourceLeadId: { not: null } }, select: { bpoSourceLeadId: true } });
    expect(received.map((r) => r.bpoSourceLeadId).sort()).toEqual(leads.filter((l) => l.dealer === x.dealer).map((l) => l.id).sort());
  }
});
