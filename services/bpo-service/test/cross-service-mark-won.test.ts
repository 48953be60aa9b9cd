import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead, stageByName } from "./helpers/factories";
import { type RunningDealer, startRunningDealer } from "./helpers/running-dealer";
import { type BpoOutbox, startBpoOutbox } from "../src/jobs/outbox-jobs";
import { until } from "@crm/test-kit";

/** Mark as Won against a real dealer-service over HTTP, with a real SMTP receiver for the manager e-mail. */
let t: BpoTestApp;
let dealer: RunningDealer;
let outbox: BpoOutbox;
let smtp: SMTPServer;
const mails: string[] = [];
let agent: TestUser;
let manager: TestUser;
let brandId: number;
let modelId: number;
let dealershipId: number;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, done) {
      let data = "";
      stream.on("data", (c: Buffer) => (data += c.toString()));
      stream.on("end", () => {
        mails.push(data);
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  [t, dealer] = await Promise.all([
    startBpoTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, OUTBOX_POLL_MS: "100", OUTBOX_BACKOFF_MS: "200", PUBLIC_URL: "https://bpo.example.test" }),
    startRunningDealer(),
  ]);
  agent = await t.user("agent", "Ana Agent");
  manager = await t.user("manager");
  brandId = (await makeBrand(t, "CHERY")).id;
  modelId = (await t.c.store.repos.catalog.createVehicleModel({ brandId, name: "Tiggo 8 Pro", code: "TIGGO8PRO" })).id;
  const dealerBrand = await dealer.d.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
  await dealer.d.c.store.repos.catalog.createProduct({ brandId: dealerBrand.id, defaultCode: "TIGGO8PRO", name: "Chery Tiggo 8 Pro", listPrice: 1_798_000 });
  dealershipId = (await t.c.store.repos.catalog.createDealership({ code: "MAKATI", name: "UAAGI Makati", brandId, managerEmail: "boss@makati.example" })).id;
  await t.as(manager).put(`/api/dealerships/${dealershipId}/connection`, { url: dealer.url, key: dealer.serviceKey });
  outbox = startBpoOutbox(t.c);
});
afterAll(async () => {
  await outbox.close();
  await dealer.stop();
  await t.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

const negotiationLead = async (opts: { dealership?: boolean } = {}) => {
  const lead = await makeLead(t, brandId, { userId: agent.id, stage: "Negotiation" });
  await t.c.store.repos.leads.update(lead.id, { vehicleModelId: modelId, dealershipId: opts.dealership === false ? null : dealershipId });
  return lead;
};
const dealerOrdersOf = (bpoLeadId: number) =>
  dealer.d.c.store.db.saleOrder.findMany({ where: { bpoSourceLeadId: bpoLeadId } });

describe("Mark as Won pushes a sale order to the dealership", () => {
  it("creates the SO at the dealer, writes its name on the lead, moves it to Won and e-mails the dealership manager", async () => {
    const lead = await negotiationLead();
    const res = await t.as(agent).post(`/api/leads/${lead.id}/mark-won`);
    expect(res.status).toBe(200);
    expect(res.body.saleOrderName).toMatch(/^S\d{5}$/);
    expect(res.body.lead).toMatchObject({ isWon: true, stage: { name: "Won" }, dealerSoName: res.body.saleOrderName });
    const orders = await dealerOrdersOf(lead.id);
    expect(orders.map((o) => o.name)).toEqual([res.body.saleOrderName]);
    const chatter = (await t.c.store.repos.messages.listForLead(lead.id)).map((m) => m.body);
    expect(chatter).toContain(`Marked as Won. Sale order ${res.body.saleOrderName} created at UAAGI Makati.`);

    const mail = await until(() => mails.find((m) => m.includes(res.body.saleOrderName)), (m) => m !== undefined);
    expect(mail).toContain("To: boss@makati.example");
    expect(mail).toContain(`Subject: New sale order ${res.body.saleOrderName} from BPO lead ${lead.reference}`);
  });

  it("tells open pages when a lead is marked Won and when Mark as Won fails", async () => {
    const won = await negotiationLead();
    const failing = await negotiationLead({ dealership: false });
    const seen: number[] = [];
    const unsubscribe = await t.c.leadEvents.subscribe((e) => {
      seen.push(e.leadId);
    });
    try {
      expect((await t.as(agent).post(`/api/leads/${won.id}/mark-won`)).status).toBe(200);
      expect((await t.as(agent).post(`/api/leads/${failing.id}/mark-won`)).status).toBeGreaterThanOrEqual(400);
      const got = await until(() => seen, (s) => s.includes(won.id) && s.includes(failing.id));
      expect(got).toEqual(expect.arrayContaining([won.id, failing.id]));
    } finally {
      unsubscribe();
    }
  });

  it("the same lead never creates two sale orders", async () => {
    const lead = await negotiationLead();
    await t.as(agent).post(`/api/leads/${lead.id}/mark-won`);
    const again = await t.as(agent).post(`/api/leads/${lead.id}/mark-won`);
    expect(again.status).toBe(422);
    expect(await dealerOrdersOf(lead.id)).toHaveLength(1);
  });

  it("dragging the card into Won runs the same flow", async () => {
    const lead = await negotiationLead();
    const res = await t.as(agent).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "Won")).id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isWon: true, dealerSoName: expect.stringMatching(/^S\d{5}$/) });
  });

  it("when the dealer is unreachable the lead stays in Negotiation, the error goes to the chatter, dealer_so_name stays empty", async () => {
    const lead = await negotiationLead();
    await dealer.pause();
    try {
      const res = await t.as(agent).post(`/api/leads/${lead.id}/mark-won`);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("so_push_failed");
      expect(res.body.error.message).toMatch(/^Creating the sale order at UAAGI Makati failed: Cannot reach/);
    } finally {
      await dealer.resume();
    }
    const after = await t.c.store.repos.leads.findView(lead.id);
    expect(after).toMatchObject({ isWon: false, stage: { name: "Negotiation" }, dealerSoName: null });
    const chatter = (await t.c.store.repos.messages.listForLead(lead.id)).map((m) => m.body);
    expect(chatter.some((b) => b.startsWith("Mark as Won failed: Creating the sale order at UAAGI Makati failed"))).toBe(true);
  });

  it("a lead without a dealership is refused with the reason in the chatter", async () => {
    const lead = await negotiationLead({ dealership: false });
    const res = await t.as(agent).post(`/api/leads/${lead.id}/mark-won`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("no_dealership");
    expect((await t.c.store.repos.messages.listForLead(lead.id))[0]!.body).toMatch(/^Mark as Won failed: Set the lead's dealership/);
  });

  it('says "No won stage configured" when no stage is marked won', async () => {
    const lead = await negotiationLead();
    // Through the repository, as Configuration → Stages does, so every process's stage cache hears of it.
    const won = (await t.c.store.repos.catalog.listStages()).filter((s) => s.isWon);
    for (const s of won) await t.c.store.repos.catalog.updateStage(s.id, { isWon: false });
    try {
      const res = await t.as(agent).post(`/api/leads/${lead.id}/mark-won`);
      expect(res.status).toBe(422);
      expect(res.body.error.message).toBe("No won stage configured");
    } finally {
      for (const s of won) await t.c.store.repos.catalog.updateStage(s.id, { isWon: true });
    }
  });
});
