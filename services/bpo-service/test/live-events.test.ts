import http from "node:http";
import express, { type Express } from "express";
import { createLogger, liveEventsHandler, resolvePrincipal } from "@crm/platform";
import { openEventStream, type EventStream, waitFor as until } from "@crm/test-kit";
import { buildApp } from "../src/app";
import { type BpoContainer, createContainer } from "../src/container";
import { type BpoLeadLiveEvent as LeadLiveEvent, presentLeadEntry } from "../src/domain/lead-live-events";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead, stageByName, inboundCallId } from "./helpers/factories";
import { brandWithDistributor } from "./distributor-fixtures";

function listen(app: Express): Promise<http.Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server));
  });
}

const about = (s: EventStream, leadId: number) => s.all<LeadLiveEvent>().filter((e) => e.data?.leadId === leadId);
const helloId = async (s: EventStream) => {
  await s.waitFor("event: hello");
  return s.all().find((e) => e.event === "hello")!.id!;
};

describe("live lead events (/api/events)", () => {
  let t: BpoTestApp;
  let second: BpoContainer;
  let serverA: http.Server;
  let serverB: http.Server;
  let agentA: TestUser;
  let agentB: TestUser;
  let supervisor: TestUser;
  let brandId: number;

  beforeAll(async () => {
    t = await startBpoTestApp();
    // A second API process on the same database and Redis prefix.
    second = createContainer(t.c.config, { logger: createLogger({ service: "bpo-test-2", level: "error", silent: true }), dbPoolSize: 2 });
    serverA = await listen(t.app);
    serverB = await listen(buildApp(second));
    agentA = await t.user("agent");
    agentB = await t.user("agent");
    supervisor = await t.user("supervisor");
    brandId = (await makeBrand(t)).id;
  });

  afterAll(async () => {
    serverA.closeAllConnections();
    serverB.closeAllConnections();
    await new Promise((r) => serverA.close(r));
    await new Promise((r) => serverB.close(r));
    await second.close();
    await t.close();
  });

  it("refuses the stream without a session", async () => {
    const stream = await openEventStream(serverA, null);
    stream.close();
    expect(stream.status).toBe(401);
  });

  it("a new lead enters every open pool with the card exactly as the board endpoint returns it, and the pool counts", async () => {
    const stream = await openEventStream(serverB, agentB.token);
    await helloId(stream);
    const created = await t.as(agentA).post("/api/leads", { contactName: "Live Lead", mobile: "+639170000001", brandId, sourceId: await inboundCallId(t) }).expect(201);
    await stream.waitFor(`"leadId":${created.body.id}`);
    const [e] = about(stream, created.body.id);
    const board = (await t.as(agentB).get("/api/boards/open-leads?perColumn=100").expect(200)).body;
    const column = board.columns.find((c: { brand: { id: number } }) => c.brand.id === brandId);
    expect(e!.event).toBe("lead.created");
    expect(e!.id).toMatch(/^\d+-\d+$/);
    expect(e!.data.card).toEqual(column.cards.find((c: { id: number }) => c.id === created.body.id));
    expect(e!.data.counts.pool[String(brandId)]).toBe(column.count);
    stream.close();
  });

  it("a claim made through another API process reaches an agent on this one as the card leaving the pool, naming the holder only", async () => {
    const lead = await makeLead(t, brandId);
    const stream = await openEventStream(serverB, agentB.token);
    expect(stream.status).toBe(200);
    await helloId(stream);

    await t.as(agentA).post(`/api/leads/${lead.id}/claim`).expect(200);

    await stream.waitFor(`"leadId":${lead.id}`);
    const [e] = about(stream, lead.id);
    expect(e!.event).toBe("lead.claimed");
    expect(e!.data.card).toBeNull();
    expect(e!.data.now).toMatchObject({ u: agentA.id, n: agentA.name, s: 0 });
    expect(e!.data.counts.owner).toBeNull();
    stream.close();
  });

  it("an agent never receives another agent's pipeline events; the owner and supervisors get them with the card and counts", async () => {
    const lead = await makeLead(t, brandId);
    const other = await openEventStream(serverA, agentB.token);
    const own = await openEventStream(serverB, agentA.token);
    const boss = await openEventStream(serverA, supervisor.token);
    await Promise.all([helloId(other), helloId(own), helloId(boss)]);

    await t.as(agentA).post(`/api/leads/${lead.id}/claim`).expect(200);
    await t.as(agentA).post(`/api/leads/${lead.id}/stage`, { stageId: (await stageByName(t, "Qualified")).id }).expect(200);
    await t.as(agentA).post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 2, result: "answered", summary: "Quote asked" }).expect(201);
    await t.as(agentA).post(`/api/leads/${lead.id}/messages`, { body: "Call back Friday" }).expect(201);

    await until(() => about(own, lead.id).length >= 4 && about(boss, lead.id).length >= 4);
    const fence = await makeLead(t, brandId);
    await other.fence(fence.id, () => t.c.leadEvents.changed(fence.id));
    expect(about(other, lead.id).map((e) => e.event)).toEqual(["lead.claimed"]);
    expect(about(own, lead.id).map((e) => e.event)).toEqual(["lead.claimed", "lead.stage-moved", "lead.updated", "lead.updated"]);
    const moved = about(boss, lead.id)[1]!.data;
    expect(moved.card).toMatchObject({ id: lead.id, userId: agentA.id, stageId: (await stageByName(t, "Qualified")).id });
    const pipeline = (await t.as(agentA).get("/api/boards/pipeline").expect(200)).body;
    const counts = Object.fromEntries(pipeline.columns.filter((c: { count: number }) => c.count > 0).map((c: { stage: { id: number }; count: number }) => [String(c.stage.id), c.count]));
    expect(about(own, lead.id).at(-1)!.data.counts.owner).toEqual({ userId: agentA.id, stages: counts });
    for (const s of [other, own, boss]) s.close();
  });

  it("publishes nothing for a claim that lost the race", async () => {
    const lead = await makeLead(t, brandId);
    await t.as(agentA).post(`/api/leads/${lead.id}/claim`).expect(200);
    await t.c.leadEvents.settled();
    const stream = await openEventStream(serverA, supervisor.token);
    await helloId(stream);
    await t.as(agentB).post(`/api/leads/${lead.id}/claim`).expect(409);
    const fence = await makeLead(t, brandId);
    await stream.fence(fence.id, () => t.c.leadEvents.changed(fence.id));
    expect(about(stream, lead.id)).toEqual([]);
    stream.close();
  });

  it("a page reconnecting with Last-Event-ID gets exactly what it missed, filtered as it would have been live", async () => {
    const first = await openEventStream(serverA, agentB.token);
    const seen = await helloId(first);
    first.close();
    const pooled = await t.as(agentA).post("/api/leads", { contactName: "While away", mobile: "+639170000002", brandId, sourceId: await inboundCallId(t) }).expect(201);
    const mine = await t.as(agentA).post("/api/leads", { contactName: "Agent A's own", mobile: "+639170000003", brandId, sourceId: await inboundCallId(t), claim: true }).expect(201);
    await t.as(agentA).post(`/api/leads/${pooled.body.id}/claim`).expect(200);
    await t.c.leadEvents.settled();

    const again = await openEventStream(serverB, agentB.token, "/api/events", { lastEventId: seen });
    await again.waitFor(`"leadId":${pooled.body.id}`);
    await until(() => about(again, pooled.body.id).length === 2);
    expect(again.all().some((e) => e.event === "hello" || e.event === "reset")).toBe(false);
    expect(about(again, pooled.body.id).map((e) => e.event)).toEqual(["lead.created", "lead.claimed"]);
    expect(about(again, mine.body.id)).toEqual([]);
    again.close();
  });

  it("a page whose gap is older than the buffer is told to refetch once (event: reset), then follows live", async () => {
    const first = await openEventStream(serverA, agentB.token);
    const seen = await helloId(first);
    first.close();
    await t.as(agentA).post("/api/leads", { contactName: "Trimmed away", mobile: "+639170000004", brandId, sourceId: await inboundCallId(t) }).expect(201);
    await t.c.leadEvents.settled();
    // The buffer dropped everything (as MAXLEN does on a busy floor).
    await t.c.redis.xtrim(t.c.leadEvents.streamKey, "MAXLEN", 0);

    const again = await openEventStream(serverA, agentB.token, "/api/events", { lastEventId: seen });
    await again.waitFor("event: reset");
    const after = await t.as(agentA).post("/api/leads", { contactName: "After reset", mobile: "+639170000005", brandId, sourceId: await inboundCallId(t) }).expect(201);
    await again.waitFor(`"leadId":${after.body.id}`);
    expect(again.all().map((e) => e.event)).toEqual(["reset", "lead.created"]);
    again.close();

    const bogus = await openEventStream(serverA, agentB.token, "/api/events", { lastEventId: "not-an-id" });
    await bogus.waitFor("event: reset");
    bogus.close();
  });

  it("drops an older state of a lead published after a newer one (two processes racing)", async () => {
    const lead = await makeLead(t, brandId);
    const stream = await openEventStream(serverA, supervisor.token);
    await helloId(stream);
    const placement = { u: null, n: null, b: brandId, s: 1, o: true, a: true };
    const body = { card: { id: lead.id } as never, pool: {}, owner: null };
    await t.c.leadEvents.publish([{ leadId: lead.id, version: 2_000, now: { ...placement, u: agentA.id, n: agentA.name }, body }]);
    await t.c.leadEvents.publish([{ leadId: lead.id, version: 1_000, now: placement, body }]);
    await stream.waitFor(`"leadId":${lead.id}`);
    const fence = await makeLead(t, brandId);
    await stream.fence(fence.id, () => t.c.leadEvents.changed(fence.id));
    expect(about(stream, lead.id).map((e) => e.data.now?.u)).toEqual([agentA.id]);
    stream.close();
  });

  it("sends heartbeat comments so idle connections stay open", async () => {
    const app = express();
    app.get("/api/events", resolvePrincipal(t.c.auth), liveEventsHandler(t.c.leadEvents, t.c.logger, presentLeadEntry, { heartbeatMs: 50 }));
    const server = await listen(app);
    try {
      const stream = await openEventStream(server, agentA.token);
      await stream.waitFor(": heartbeat");
      stream.close();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("drops the subscription when the browser disconnects", async () => {
    // Besides browsers, the process's claim memory listens once a claim has been made here.
    const own = () => (t.c.claimStates.listening ? 1 : 0);
    await until(() => t.c.leadEvents.listenerCount === own());
    const stream = await openEventStream(serverA, agentA.token);
    await stream.waitFor(": connected");
    expect(t.c.leadEvents.listenerCount).toBe(own() + 1);
    stream.close();
    await until(() => t.c.leadEvents.listenerCount === own());
    expect(t.c.leadEvents.listenerCount).toBe(own());
  });

  it("announces every lead a distributor sync imports as entering the pool", async () => {
    const manager = await t.user("manager");
    const { brand, sim } = await brandWithDistributor(t, manager, { seed: 3 });
    try {
      const stream = await openEventStream(serverA, agentA.token);
      await helloId(stream);
      const run = await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-now`);
      expect(run.body.created).toBeGreaterThan(0);
      await until(() => stream.all().filter((e) => e.event === "lead.created").length === run.body.created);
      const created = stream.all<LeadLiveEvent>().filter((e) => e.event === "lead.created");
      expect(created.every((e) => e.data.card?.brandId === brand.id && e.data.now?.u === null)).toBe(true);
      stream.close();
    } finally {
      await sim.close();
    }
  });
});
