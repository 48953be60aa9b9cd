import { readdirSync } from "node:fs";
import path from "node:path";
import request from "supertest";
import { RpcErrorCode } from "@crm/contracts";
import { type DealerTestApp, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";

let t: DealerTestApp;
let admin: TestUser;
let serviceAccount: TestUser;

beforeAll(async () => {
  t = await startDealerTestApp({ INSTANCE_NAME: "dealer-makati" });
  admin = await t.user("dealer_admin");
  serviceAccount = await t.user("service_account", "BPO CRM");
});
afterAll(() => t.close());

const ping = (key: string) =>
  request(t.app).post("/rpc").set("authorization", `Bearer ${key}`).send({ jsonrpc: "2.0", id: 1, method: "system.ping", params: { contractVersion: 1 } });

describe("POST /rpc with service keys", () => {
  it("answers system.ping for a key an Admin issued, naming the dealer and the caller", async () => {
    const issued = await t.as(admin).post("/api/service-keys", { userId: serviceAccount.id, label: "BPO production" });
    expect(issued.status).toBe(201);
    expect(issued.body.key).toMatch(/^dsk_/);
    const res = await ping(issued.body.key);
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ service: "dealer", instance: "dealer-makati", contractVersion: 1, caller: serviceAccount.login });
    const listed = await t.as(admin).get("/api/service-keys");
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.key);
  });

  it("answers a wrong key with the JSON-RPC authentication error", async () => {
    const res = await ping("dsk_not-a-real-key");
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: RpcErrorCode.Unauthenticated, data: { code: "unauthenticated" } });
  });

  it("stops accepting a key once it is revoked", async () => {
    const issued = await t.as(admin).post("/api/service-keys", { userId: serviceAccount.id, label: "temporary" });
    expect((await ping(issued.body.key)).status).toBe(200);
    await t.as(admin).post(`/api/service-keys/${issued.body.id}/revoke`);
    expect((await ping(issued.body.key)).body.error.code).toBe(RpcErrorCode.Unauthenticated);
  });

  it("issues keys only to service accounts and only for Admins", async () => {
    const manager = await t.user("dealer_manager");
    expect((await t.as(manager).post("/api/service-keys", { userId: serviceAccount.id, label: "x" })).status).toBe(403);
    expect((await t.as(admin).post("/api/service-keys", { userId: manager.id, label: "x" })).status).toBe(400);
  });

  it("rejects ping params without the contract version as invalid params", async () => {
    const issued = await t.as(admin).post("/api/service-keys", { userId: serviceAccount.id, label: "params" });
    const res = await request(t.app)
      .post("/rpc")
      .set("authorization", `Bearer ${issued.body.key}`)
      .send({ jsonrpc: "2.0", id: 2, method: "system.ping", params: {} });
    expect(res.body.error.code).toBe(RpcErrorCode.InvalidParams);
  });
});

describe("health and API document", () => {
  it("serves /healthz and /readyz without auth and the OpenAPI document", async () => {
    expect((await request(t.app).get("/healthz")).status).toBe(200);
    const ready = (await request(t.app).get("/readyz")).body;
    expect(ready.status).toBe("ready");
    const lastMigration = readdirSync(path.join(__dirname, "../../../prisma/dealer/migrations")).filter((d) => /^\d/.test(d)).sort().at(-1);
    expect(ready.version).toMatchObject({ service: "dealer-service", mode: "source", migration: lastMigration });
    const doc = await request(t.app).get("/api/openapi.json");
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(["/api/leads", "/api/leads/{id}/mark-won", "/api/service-keys"]));
  });
});
