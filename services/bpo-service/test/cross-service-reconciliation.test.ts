import type { ReconcileReport, ReconcileRow } from "@crm/contracts";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeDealership, makeLead } from "./helpers/factories";
import { connectTiggoDealership } from "./helpers/cross-service-fixtures";
import { type RunningDealer, connectDealerCallbacks, startRunningDealer } from "./helpers/running-dealer";
import { closeInOrder } from "./helpers/test-file";
import { type LoopbackServer, listenOnLoopback, until } from "@crm/test-kit";
import { type BpoOutbox, startBpoOutbox } from "../src/jobs/outbox-jobs";
import { type DealerOutbox, startDealerOutbox } from "../../dealer-service/src/jobs/outbox-jobs";

/**
 * BPO ↔ dealer reconciliation (issue 16) across a real BPO and a real dealer-service over HTTP, both outboxes
 * delivering: each mismatch is produced for real, listed, and settled by its action.
 */
let t: BpoTestApp;
let dealer: RunningDealer;
let outbox: BpoOutbox;
let dealerOutbox: DealerOutbox;
let bpoServer: LoopbackServer;
let bpoUrlForDealer: string;
let peerKey: string;
let agent: TestUser;
let supervisor: TestUser;
let manager: TestUser;
let chery: { id: number };
let jaecoo: { id: number };
let dealershipId: number;
/** A dealership whose dealer-service does not answer (connection refused). */
let downId: number;
const DEAD_URL = "http://127.0.0.1:9";
// Each scenario runs both outboxes through several round trips: over 60 s on a loaded machine.
jest.setTimeout(120_000);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  [t, dealer] = await Promise.all([
    // Six attempts from 200 ms: an unreachable dealer keeps an endorsement queued for several seconds.
    startBpoTestApp({ OUTBOX_BACKOFF_MS: "200", OUTBOX_ATTEMPTS: "6", OUTBOX_POLL_MS: "100", PUBLIC_URL: "https://bpo.example.test", DEALER_RPC_TIMEOUT_MS: "15000" }),
    // The dealer's outcome callback dies after two attempts.
    startRunningDealer({ OUTBOX_BACKOFF_MS: "100", OUTBOX_ATTEMPTS: "2", OUTBOX_POLL_MS: "100" }),
  ]);
  agent = await t.user("agent", "Ana Agent");
  supervisor = await t.user("supervisor");
  manager = await t.user("manager", "Mia Manager");
  chery = await makeBrand(t, "CHERY");
  jaecoo = await makeBrand(t, "JAECOO");
  dealershipId = await connectTiggoDealership(t, manager, dealer, chery.id);
  downId = (await makeDealership(t, chery.id, "PASIG")).id;
  await t.as(manager).put(`/api/dealerships/${downId}/connection`, { url: DEAD_URL, key: "dead-dealer-key-0123456789" });
  outbox = startBpoOutbox(t.c);
  bpoServer = await listenOnLoopback(t.app);
  bpoUrlForDealer = bpoServer.url;
  peerKey = await connectDealerCallbacks(t, manager, dealershipId, dealer, bpoUrlForDealer);
  dealerOutbox = startDealerOutbox(dealer.d.c);
});
afterAll(() => closeInOrder([() => dealerOutbox.close(), () => bpoServer.close(), () => outbox.close(), () => dealer.stop(), () => t.close()]));

const managerActor = () => ({ id: manager.id, name: manager.name, role: "manager" as const });
/** The check as the page runs it, at a chosen moment (days "pass" without waiting). */
const check = (at = new Date(), noOutcomeDays?: number) => t.c.reconciliation.report(managerActor(), { noOutcomeDays }, at);
const rowOf = (report: ReconcileReport, leadId: number): ReconcileRow | undefined => report.rows.find((r) => r.leadId === leadId);
const bpoLead = (id: number) => t.c.store.repos.leads.findById(id);

async function claimed(brandId: number, vehicle = false) {
  const lead = await makeLead(t, brandId, { userId: agent.id, stage: "Qualified", email: "juan@example.com" });
  if (vehicle) {
    const vm = (await t.c.store.repos.catalog.listVehicleModels({ brandId }))[0]!;
    await t.c.store.repos.leads.update(lead.id, { vehicleModelId: vm.id });
  }
  return lead;
}

async function delivered(to = dealershipId) {
  const lead = await claimed(chery.id, true);
  expect((await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId: to, withQuotation: false })).status).toBe(200);
  const done = await until(() => bpoLead(lead.id), (l) => l!.endorsementStatus === "delivered");
  expect(done!.endorsementStatus).toBe("delivered");
  return { lead, dealerLeadId: done!.dealerLeadId! };
}

describe("Reconciliation across two real services", () => {
  it("lists a dead endorsement with the dealer's refusal, and Replay delivers it so the row disappears", async () => {
    const lead = await claimed(jaecoo.id);
    await t.c.store.repos.leads.update(lead.id, { dealershipId });
    expect((await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId, withQuotation: false })).status).toBe(200);
    await until(() => bpoLead(lead.id), (l) => l!.endorsementStatus === "failed");

    const res = await t.as(manager).get("/api/reconciliation");
    expect(res.status).toBe(200);
    const row = rowOf(res.body, lead.id);
    expect(row).toMatchObject({ kind: "endorsement_dead", action: "replay_endorsement", dealershipName: "Dealer MAKATI", reference: lead.reference });
    expect(row!.bpo.summary).toMatch(/^Endorsement dead after 1 attempt: .*JAECOO/);
    expect(row!.dealer.summary).toBe("No lead from this endorsement");

    // The dealership adds the brand; the Manager replays.
    await dealer.d.c.store.repos.catalog.createBrand({ code: "JAECOO", name: "Jaecoo" });
    const replay = await t.as(manager).post(`/api/reconciliation/leads/${lead.id}/replay-endorsement`);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ leadId: lead.id, action: "replay_endorsement" });
    await until(() => bpoLead(lead.id), (l) => l!.endorsementStatus === "delivered");
    expect(rowOf(await check(), lead.id)).toBeUndefined();
    // Nothing left to replay: a readable refusal, not a 500.
    const again = await t.as(manager).post(`/api/reconciliation/leads/${lead.id}/replay-endorsement`);
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    expect(again.body.error.message).toMatch(/no dead endorsement to replay/);
  });

  it("lists an endorsement still queued past the limit while its dealer is down, and the dealer as unreachable, with the other dealers still compared", async () => {
    const ok = await delivered();
    const lead = await claimed(chery.id, true);
    expect((await t.as(agent).post(`/api/leads/${lead.id}/endorse`, { dealershipId: downId, withQuotation: false })).status).toBe(200);
    // Not yet stuck: queued for less than RECONCILE_QUEUED_MINUTES (60).
    expect(rowOf(await check(), lead.id)).toBeUndefined();

    // One dealer.leadStatus call per dealership and batch, however many leads each has.
    const asked: { dealershipId: number; ids: number }[] = [];
    const clientFor = t.c.dealerLinks.clientFor.bind(t.c.dealerLinks);
    const spy = jest.spyOn(t.c.dealerLinks, "clientFor").mockImplementation(async (id) => {
      const link = await clientFor(id);
      const call = link.client.call.bind(link.client);
      link.client.call = ((method: string, params: { bpoSourceLeadIds: number[] }, schema: never) => {
        asked.push({ dealershipId: id, ids: params.bpoSourceLeadIds.length });
        return call(method, params, schema);
      }) as typeof link.client.call;
      return link;
    });
    const later = await check(new Date(Date.now() + 2 * HOUR)).finally(() => spy.mockRestore());
    expect(asked.map((a) => a.dealershipId).sort()).toEqual([dealershipId, downId].sort());
    expect(asked.find((a) => a.dealershipId === dealershipId)!.ids).toBeGreaterThan(1);
    const queued = rowOf(later, lead.id);
    expect(queued).toMatchObject({ kind: "endorsement_queued", action: "open_lead", dealershipName: "Dealer PASIG" });
    expect(queued!.dealer.summary).toMatch(/^Dealer unreachable: /);
    const down = later.rows.find((r) => r.kind === "dealer_unreachable" && r.dealershipId === downId);
    expect(down).toMatchObject({ action: "check_connection", leadId: null });
    expect(down!.bpo.summary).toMatch(/could not be compared with the dealer$/);
    // The reachable dealership was still asked: its overdue lead shows the dealer's side.
    const overdue = rowOf(await check(new Date(Date.now() + 15 * DAY)), ok.lead.id);
    expect(overdue!.dealer.summary).toMatch(/^DLEAD\/\d+ open in /);
  });

  it("lists a delivered endorsement without an outcome after N days (config, a query, or a Manager's setting)", async () => {
    const { lead } = await delivered();
    expect(rowOf(await check(new Date(Date.now() + 13 * DAY)), lead.id)).toBeUndefined();
    const row = rowOf(await check(new Date(Date.now() + 15 * DAY)), lead.id);
    expect(row).toMatchObject({ kind: "no_outcome", action: "open_lead" });
    expect(row!.bpo.summary).toMatch(/^Delivered as DLEAD\/\d+, open in /);
    expect(rowOf(await check(new Date(Date.now() + 15 * DAY), 30), lead.id)).toBeUndefined();

    const set = await t.as(manager).put("/api/reconciliation/settings", { noOutcomeDays: 20 });
    expect(set.body).toEqual({ noOutcomeDays: 20, effectiveDays: 20 });
    expect(rowOf(await check(new Date(Date.now() + 15 * DAY)), lead.id)).toBeUndefined();
    expect((await t.as(manager).put("/api/reconciliation/settings", { noOutcomeDays: null })).body).toEqual({ noOutcomeDays: null, effectiveDays: 14 });
    expect((await t.as(manager).get("/api/reconciliation?noOutcomeDays=0")).status).toBe(400);
  });

  it("lists a Lost at the dealer whose callback died, and Re-send applies it once (a second re-send changes nothing)", async () => {
    const { lead, dealerLeadId } = await delivered();
    // The BPO is unreachable for the dealer while it marks the lead Lost: the callback dies.
    await dealer.d.c.bpoConnection.set(null, { url: DEAD_URL, key: peerKey });
    const dm = await dealer.d.user("dealer_manager");
    const reasons = (await dealer.d.as(dm).get("/api/lost-reasons")).body.lostReasons;
    const price = reasons.find((r: { code: string }) => r.code === "price");
    expect((await dealer.d.as(dm).post(`/api/leads/${dealerLeadId}/mark-lost`, { lostReasonId: price.id })).status).toBe(200);
    await until(() => dealer.d.c.store.repos.leads.findById(dealerLeadId), (l) => l!.callbackStatus === "failed");
    await dealer.d.c.bpoConnection.set(null, { url: bpoUrlForDealer, key: peerKey });

    const row = rowOf(await check(), lead.id);
    expect(row).toMatchObject({ kind: "outcome_not_applied", action: "resend_outcome" });
    expect(row!.dealer.summary).toMatch(/Lost; callback to the BPO dead: /);
    expect(row!.bpo.summary).toMatch(/open in /);

    const res = await t.as(manager).post(`/api/reconciliation/leads/${lead.id}/resend-outcome`);
    expect(res.status).toBe(200);
    expect(res.body.message).toMatch(/queued its Lost outcome of DLEAD\/\d+ again/);
    const lost = await until(() => bpoLead(lead.id), (l) => l!.isLost);
    expect(lost).toMatchObject({ isLost: true, lostReason: "price" });
    await until(() => dealer.d.c.store.repos.leads.findById(dealerLeadId), (l) => l!.callbackStatus === "delivered");
    expect(rowOf(await check(), lead.id)).toBeUndefined();

    // Asked again: the dealer sends the same outcome, the BPO applies it as a no-op.
    const before = await t.c.store.repos.leads.findById(lead.id);
    const chatterBefore = (await t.c.store.repos.messages.listForLead(lead.id)).filter((m) => m.body.includes("as Lost")).length;
    expect((await t.as(manager).post(`/api/reconciliation/leads/${lead.id}/resend-outcome`)).status).toBe(200);
    const deliveredAgain = await until(() => dealer.d.c.store.repos.outbox.listByTopic("bpo.applyDealerOutcome"), (rows) => rows.filter((r) => (r.payload as { dealerLeadId: number }).dealerLeadId === dealerLeadId && r.status === "sent").length === 2);
    expect(deliveredAgain.filter((r) => (r.payload as { dealerLeadId: number }).dealerLeadId === dealerLeadId && r.status === "sent")).toHaveLength(2);
    const after = await t.c.store.repos.leads.findById(lead.id);
    expect(after).toMatchObject({ isLost: true, closedAt: before!.closedAt, stageId: before!.stageId });
    expect((await t.c.store.repos.messages.listForLead(lead.id)).filter((m) => m.body.includes("as Lost")).length).toBe(chatterBefore);
  });

  it("lists a Mark Won push the dealer does not hold (lost in a restore) and Replay pushes it again; a quotation waiting for its vehicle is listed to open", async () => {
    const lead = await claimed(chery.id, true);
    await t.c.store.repos.leads.update(lead.id, { dealershipId });
    expect((await t.as(agent).post(`/api/leads/${lead.id}/mark-won`)).status).toBe(200);
    const won = (await bpoLead(lead.id))!;
    expect(rowOf(await check(), lead.id)).toBeUndefined();

    // The dealership restored a backup taken before the push: its sale order is gone.
    await dealer.d.c.store.db.$executeRaw`DELETE FROM sale_orders WHERE name = ${won.dealerSoName}`;
    const row = rowOf(await check(), lead.id);
    expect(row).toMatchObject({ kind: "mark_won_unconfirmed", action: "replay_mark_won" });
    expect(row!.bpo.summary).toBe(`Won, sale order ${won.dealerSoName}`);
    expect(row!.dealer.summary).toMatch(/^No lead from this endorsement$/);

    const res = await t.as(manager).post(`/api/reconciliation/leads/${lead.id}/replay-mark-won`);
    expect(res.status).toBe(200);
    const repushed = await until(() => bpoLead(lead.id), (l) => l!.dealerSoName !== won.dealerSoName);
    expect(repushed!.dealerSoName).toMatch(/^S\d+/);
    expect(rowOf(await check(), lead.id)).toBeUndefined();

    // A vehicle the dealer does not carry: the pushed order stays a draft quotation until the dealer adds it.
    const other = await claimed(chery.id);
    await t.c.store.repos.leads.update(other.id, { dealershipId });
    expect((await t.as(agent).post(`/api/leads/${other.id}/mark-won`)).status).toBe(200);
    const draft = rowOf(await check(), other.id);
    expect(draft).toMatchObject({ kind: "mark_won_unconfirmed", action: "open_lead" });
    expect(draft!.dealer.summary).toMatch(/\(draft\)$/);
  });

  it("refuses Agents and Supervisors the page and every action, in the domain as over HTTP", async () => {
    const { lead } = await delivered();
    for (const u of [agent, supervisor]) {
      expect((await t.as(u).get("/api/reconciliation")).status).toBe(403);
      expect((await t.as(u).get("/api/reconciliation/settings")).status).toBe(403);
      expect((await t.as(u).put("/api/reconciliation/settings", { noOutcomeDays: 3 })).status).toBe(403);
      for (const action of ["replay-endorsement", "replay-mark-won", "resend-outcome"]) {
        const res = await t.as(u).post(`/api/reconciliation/leads/${lead.id}/${action}`);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(/Only a BPO Manager/);
      }
    }
    await expect(t.c.reconciliation.report({ id: supervisor.id, name: supervisor.name, role: "supervisor" }, {})).rejects.toThrow(/Only a BPO Manager/);
    expect((await t.c.store.repos.messages.listForLead(lead.id)).some((m) => m.body.includes("reconciliation"))).toBe(false);
  });
});
