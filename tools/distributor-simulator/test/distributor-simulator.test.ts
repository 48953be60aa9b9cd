import { type RunningSimulator, QUOTATION_MODEL, TEST_DRIVE_MODEL, compileDomain, startSimulator } from "../src";

let sim: RunningSimulator;
let seq = 0;

async function rpc(service: string, method: string, args: unknown[]) {
  const res = await fetch(`${sim.url}/jsonrpc`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: ++seq, params: { service, method, args } }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: number; result?: any; error?: { code: number; message: string; data: { name: string; message: string } } };
}
const exec = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) =>
  rpc("object", "execute_kw", [sim.state.db, 2, sim.state.password, model, method, args, kwargs]);

beforeAll(async () => {
  sim = await startSimulator({ brand: "CHERY", seed: 0, login: "sync", password: "pw", db: "chery" });
});
afterAll(() => sim.close());

describe("Odoo 12 JSON-RPC wire format", () => {
  it("answers common.version like an Odoo 12 server", async () => {
    const r = await rpc("common", "version", []);
    expect(r.result).toMatchObject({ server_version: "12.0", server_serie: "12.0" });
  });

  it("returns a uid for good credentials and false (not an error) for a wrong password", async () => {
    expect((await rpc("common", "login", ["chery", "sync", "pw"])).result).toBe(2);
    const bad = await rpc("common", "login", ["chery", "sync", "nope"]);
    expect(bad.result).toBe(false);
    expect(bad.error).toBeUndefined();
  });

  it("refuses execute_kw with a wrong password with an AccessDenied error envelope", async () => {
    const r = await rpc("object", "execute_kw", ["chery", 2, "nope", QUOTATION_MODEL, "search_count", [[]]]);
    expect(r.error).toMatchObject({ code: 200, message: "Odoo Server Error", data: { name: "odoo.exceptions.AccessDenied" } });
  });

  it("search_reads with a domain, fields, order, limit and offset; empty values are false and many2one is [id, name]", async () => {
    const dealer = sim.state.addDealer("CHERY Makati");
    const model = sim.state.addVehicleModel("Tiggo 7 Pro");
    const a = sim.state.addQuotation({ first_name: "Ana", last_name: "Cruz", email: "ana@x.ph", mobile: "+639170000001", dealer_id: dealer, model_id: model });
    const b = sim.state.addQuotation({ first_name: "Ben", status: "sent" });
    sim.state.addQuotation({ first_name: "Cy", status: "synced" });
    const r = await exec(QUOTATION_MODEL, "search_read", [[["status", "in", ["pending", "sent"]]]], {
      fields: ["first_name", "last_name", "email", "dealer_id", "model_id", "status"],
      order: "create_date asc, id asc",
      limit: 10,
    });
    expect(r.result).toEqual([
      { id: a, first_name: "Ana", last_name: "Cruz", email: "ana@x.ph", dealer_id: [dealer, "CHERY Makati"], model_id: [model, "Tiggo 7 Pro"], status: "pending" },
      { id: b, first_name: "Ben", last_name: false, email: false, dealer_id: false, model_id: false, status: "sent" },
    ]);
    const page2 = await exec(QUOTATION_MODEL, "search_read", [[["status", "!=", "synced"]], ["id"]], { limit: 1, offset: 1, order: "id asc" });
    expect(page2.result).toEqual([{ id: b }]);
    const desc = await exec(QUOTATION_MODEL, "search_read", [[], ["id"]], { order: "id desc", limit: 1 });
    expect(desc.result[0].id).toBeGreaterThan(b);
  });

  it("writes values and counts with search_count", async () => {
    const id = sim.state.addTestDrive({ first_name: "Dee", preferred_date: "2026-12-01" });
    expect((await exec(TEST_DRIVE_MODEL, "write", [[id], { status: "synced" }])).result).toBe(true);
    expect(sim.state.status(TEST_DRIVE_MODEL, id)).toBe("synced");
    const n = await exec(TEST_DRIVE_MODEL, "search_count", [[["status", "=", "synced"], ["id", "=", id]]]);
    expect(n.result).toBe(1);
  });

  it("reports a missing model as builtins.KeyError and an unreadable one as AccessError, not as empty lists", async () => {
    sim.state.missing.add(TEST_DRIVE_MODEL);
    sim.state.denied.add(QUOTATION_MODEL);
    try {
      expect((await exec(TEST_DRIVE_MODEL, "search_read", [[]])).error?.data.name).toBe("builtins.KeyError");
      expect((await exec("no.such.model", "search_count", [[]])).error?.data.message).toBe("'no.such.model'");
      const denied = await exec(QUOTATION_MODEL, "search_read", [[]]);
      expect(denied.error?.data.name).toBe("odoo.exceptions.AccessError");
    } finally {
      sim.state.missing.clear();
      sim.state.denied.clear();
    }
  });

  it("fails the next write on request, then works again", async () => {
    const id = sim.state.addQuotation({ first_name: "Eve" });
    sim.state.failNext("write");
    expect((await exec(QUOTATION_MODEL, "write", [[id], { status: "synced" }])).error?.message).toBe("Odoo Server Error");
    expect(sim.state.status(QUOTATION_MODEL, id)).toBe("pending");
    expect((await exec(QUOTATION_MODEL, "write", [[id], { status: "synced" }])).result).toBe(true);
  });

  it("describes its fields with fields_get", async () => {
    const r = await exec(TEST_DRIVE_MODEL, "fields_get", []);
    expect(r.result.dealer_id).toMatchObject({ type: "many2one", relation: "cheryweb.dealer" });
    expect(r.result.preferred_date.type).toBe("date");
  });
});

describe("seeding and domains", () => {
  it("seeds catalogue, quotations and test drives, some sharing a customer", async () => {
    const s = await startSimulator({ seed: 10, randomSeed: 3 });
    try {
      expect(s.state.table(QUOTATION_MODEL).size).toBe(10);
      expect(s.state.table(TEST_DRIVE_MODEL).size).toBe(10);
      expect(s.state.table("cheryweb.dealer").size).toBeGreaterThan(0);
      const q1 = s.state.record(QUOTATION_MODEL, 1)!;
      const t1 = s.state.record(TEST_DRIVE_MODEL, 1)!;
      expect([t1.email, t1.mobile]).toEqual([q1.email, q1.mobile]);
    } finally {
      await s.close();
    }
  });

  it("evaluates | and ! operators in Polish notation", () => {
    const f = compileDomain(["|", ["a", "=", 1], "!", ["b", "in", [2, 3]]]);
    expect(f({ a: 1, b: 2 })).toBe(true);
    expect(f({ a: 0, b: 2 })).toBe(false);
    expect(f({ a: 0, b: 9 })).toBe(true);
  });
});

describe("catalogue names", () => {
  it("seeds the dealer and vehicle model names it is given", async () => {
    const s = await startSimulator({ brand: "JAECOO", seed: 2, dealers: ["JAECOO Cebu"], vehicleModels: ["J7", "J8"] });
    try {
      expect([...s.state.table("cheryweb.dealer").values()].map((d) => d.name)).toEqual(["JAECOO Cebu"]);
      expect([...s.state.table("cheryweb.vehicle.model").values()].map((m) => m.name)).toEqual(["J7", "J8"]);
    } finally {
      await s.close();
    }
  });
});
