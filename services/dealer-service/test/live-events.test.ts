import http from "node:http";
import { type EventStream, openEventStream } from "@crm/test-kit";
import { type DealerTestApp, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";
import { endorseLead } from "./helpers/dealer-browser";
import { makeBrand, makeLead, makeProduct } from "./helpers/factories";


describe("dealer live lead events (/api/events)", () => {
  let t: DealerTestApp;
  let server: http.Server;
  let admin: TestUser;
  let manager: TestUser;
  let brand: { id: number; code: string };

  const changedIds = (s: EventStream) =>
    s
      .all<{ leadId?: number }>()
      .filter((e) => e.data?.leadId !== undefined)
      .map((e) => e.data.leadId);

  beforeAll(async () => {
    t = await startDealerTestApp();
    server = await new Promise<http.Server>((resolve) => {
      const s = t.app.listen(0, "127.0.0.1", () => resolve(s));
    });
    admin = await t.user("dealer_admin");
    manager = await t.user("dealer_manager");
    brand = await makeBrand(t);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await t.close();
  });

  it("refuses the stream without a session", async () => {
    const stream = await openEventStream(server, null);
    stream.close();
    expect(stream.status).toBe(401);
  });

  it("announces a lead endorsed by the BPO over JSON-RPC, so open boards show it without reload", async () => {
    const stream = await openEventStream(server, manager.token);
    await stream.waitFor(": connected");
    const { dealerLeadId } = await endorseLead(t, admin, { brandCode: brand.code });
    await stream.waitFor(`"leadId":${dealerLeadId}`);
    expect(changedIds(stream)).toEqual([dealerLeadId]);
    const [e] = stream.all<{ card: { id: number; brandId: number; bpoSourceLeadName: string | null } }>().filter((x) => x.event === "lead.created");
    // The card is the board's: the page inserts it without asking for the board again.
    const board = (await t.as(manager).get("/api/boards/all-leads").expect(200)).body as { columns: { cards: { id: number }[] }[] };
    expect(e!.data.card).toEqual(board.columns.flatMap((c) => c.cards).find((c) => c.id === dealerLeadId));
    stream.close();
  });

  it("does not announce a repeated endorsement that changed nothing", async () => {
    const first = await endorseLead(t, admin, { brandCode: brand.code });
    await t.c.leadEvents.settled();
    const stream = await openEventStream(server, manager.token);
    await stream.waitFor(": connected");
    const sa = await t.user("service_account", "BPO CRM");
    const key = (await t.as(admin).post("/api/service-keys", { userId: sa.id, label: "repeat" }).expect(201)).body.key as string;
    const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/rpc`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "dealer.receiveEndorsedLead", params: first.params }),
    });
    expect(((await res.json()) as { result: { created: boolean } }).result.created).toBe(false);
    const fence = await makeLead(t, brand.id);
    await stream.fence(fence.id, () => t.c.leadEvents.changed(fence.id));
    expect(changedIds(stream).filter((id) => id !== fence.id)).toEqual([]);
    stream.close();
  });

  it("announces the lead of a sale order when it is confirmed and delivered", async () => {
    const product = await makeProduct(t, brand.id);
    const lead = await makeLead(t, brand.id, { userId: manager.id, productId: product.id, stage: "Negotiation" });
    const order = (await t.as(manager).post(`/api/leads/${lead.id}/convert-to-quotation`).expect(201)).body as { id: number };
    await t.c.leadEvents.settled();
    const stream = await openEventStream(server, manager.token);
    await stream.waitFor(": connected");
    await t.as(manager).post(`/api/sale-orders/${order.id}/confirm`).expect(200);
    await stream.waitFor(`"leadId":${lead.id}`);
    await t.as(manager).post(`/api/sale-orders/${order.id}/deliver`, { deliveryDate: "2026-11-24" }).expect(200);
    await stream.waitUntil(() => changedIds(stream).length >= 2, "the delivery's event");
    const fence = await makeLead(t, brand.id);
    await stream.fence(fence.id, () => t.c.leadEvents.changed(fence.id));
    expect(changedIds(stream).filter((id) => id !== fence.id)).toEqual([lead.id, lead.id]);
    stream.close();
  });

  it("announces the lead again when its BPO callback settles, so the callback status on an open form updates", async () => {
    const { dealerLeadId } = await endorseLead(t, admin, { brandCode: brand.code });
    const reasons = (await t.as(manager).get("/api/lost-reasons").expect(200)).body.lostReasons as { id: number }[];
    await t.c.leadEvents.settled();
    const stream = await openEventStream(server, manager.token);
    await stream.waitFor(": connected");
    await t.as(manager).post(`/api/leads/${dealerLeadId}/mark-lost`, { lostReasonId: reasons[0]!.id }).expect(200);
    const row = (await t.c.outboxStore.listUnsent(50, null)).find((r) => (r.payload as { dealerLeadId: number }).dealerLeadId === dealerLeadId)!;
    await stream.waitFor(`"leadId":${dealerLeadId}`);
    await t.c.outboxStore.markSent(row);
    await stream.waitUntil(() => changedIds(stream).length >= 2, "the settled callback's event");
    const fence = await makeLead(t, brand.id);
    await stream.fence(fence.id, () => t.c.leadEvents.changed(fence.id));
    expect(changedIds(stream).filter((id) => id !== fence.id)).toEqual([dealerLeadId, dealerLeadId]);
    stream.close();
  });

  it("refuses a request that fails validation without announcing anything", async () => {
    const lead = await makeLead(t, brand.id, { userId: manager.id });
    await t.c.leadEvents.settled();
    const stream = await openEventStream(server, manager.token);
    await stream.waitFor(": connected");
    await t.as(manager).post(`/api/leads/${lead.id}/mark-lost`, {}).expect(400);
    const fence = await makeLead(t, brand.id);
    await stream.fence(fence.id, () => t.c.leadEvents.changed(fence.id));
    expect(changedIds(stream).filter((id) => id !== fence.id)).toEqual([]);
    stream.close();
  });
});
