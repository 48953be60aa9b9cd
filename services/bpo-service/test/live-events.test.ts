import http from "node:http";
import express, { type Express } from "express";
import { createLogger, liveEventsHandler } from "@crm/platform";
import { buildApp } from "../src/app";
import { resolveActor } from "../src/http/authenticate";
import { type BpoContainer, createContainer } from "../src/container";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";
import { brandWithDistributor } from "./distributor-fixtures";
import { openEventStream } from "@crm/test-kit";

function listen(app: Express): Promise<http.Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server));
  });
}

async function until(check: () => boolean, timeoutMs = 2000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("live lead events (/api/events)", () => {
  let t: BpoTestApp;
  let second: BpoContainer;
  let serverA: http.Server;
  let serverB: http.Server;
  let agentA: TestUser;
  let agentB: TestUser;
  let brandId: number;

  beforeAll(async () => {
    t = await startBpoTestApp();
    // A second API process on the same database and Redis prefix.
    second = createContainer(t.c.config, { logger: createLogger({ service: "bpo-test-2", level: "error", silent: true }), dbPoolSize: 2 });
    serverA = await listen(t.app);
    serverB = await listen(buildApp(second));
    agentA = await t.user("agent");
    agentB = await t.user("agent");
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

  it("streams a claim made through another API process to a browser connected to this one", async () => {
    const lead = await makeLead(t, brandId);
    const stream = await openEventStream(serverB, agentB.token);
    expect(stream.status).toBe(200);
    await stream.waitFor(": connected");

    await t.as(agentA).post(`/api/leads/${lead.id}/claim`).expect(200);

    await stream.waitFor("event: lead.claimed");
    const data = stream.text().split("\n").find((l) => l.startsWith("data: ") && l.includes('"lead.claimed"'));
    expect(JSON.parse(data!.slice(6))).toMatchObject({ type: "lead.claimed", leadId: lead.id, userId: agentA.id });
    stream.close();
  });

  it("announces a manually created lead as lead.changed", async () => {
    const stream = await openEventStream(serverA, agentB.token);
    await stream.waitFor(": connected");
    const created = await t.as(agentA).post("/api/leads", { contactName: "Live Lead", mobile: "+639170000001", brandId }).expect(201);
    await stream.waitFor(`"type":"lead.changed","leadId":${created.body.id}`);
    stream.close();
  });

  it("does not tell other browsers about a claim that lost the race", async () => {
    const lead = await makeLead(t, brandId);
    await t.as(agentA).post(`/api/leads/${lead.id}/claim`).expect(200);
    const stream = await openEventStream(serverA, agentB.token);
    await stream.waitFor(": connected");
    await t.as(agentB).post(`/api/leads/${lead.id}/claim`).expect(409);
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.text()).not.toContain("lead.claimed");
    stream.close();
  });

  it("sends heartbeat comments so idle connections stay open", async () => {
    const app = express();
    app.get("/api/events", resolveActor(t.c.auth), liveEventsHandler(t.c.leadEvents, t.c.logger, { heartbeatMs: 50 }));
    const server = await listen(app);
    try {
      const stream = await openEventStream(server, agentA.token);
      await stream.waitFor(": heartbeat\n\n", 2000);
      stream.close();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("drops the subscription when the browser disconnects", async () => {
    await until(() => t.c.leadEvents.listenerCount === 0);
    const stream = await openEventStream(serverA, agentA.token);
    await stream.waitFor(": connected");
    expect(t.c.leadEvents.listenerCount).toBe(1);
    stream.close();
    await until(() => t.c.leadEvents.listenerCount === 0);
    expect(t.c.leadEvents.listenerCount).toBe(0);
  });

  it("tells open pages to refresh when a distributor sync imports new leads", async () => {
    const manager = await t.user("manager");
    const { brand, sim } = await brandWithDistributor(t, manager, { seed: 3 });
    try {
      const stream = await openEventStream(serverA, agentA.token);
      const run = await t.as(manager).post(`/api/brands/${brand.id}/distributor/sync-now`);
      expect(run.body.created).toBeGreaterThan(0);
      await stream.waitFor("event: lead.changed");
      stream.close();
    } finally {
      await sim.close();
    }
  });
});
