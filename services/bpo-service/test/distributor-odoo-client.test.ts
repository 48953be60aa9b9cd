import nock from "nock";
import {
  Odoo12Client,
  OdooAccessError,
  OdooAuthError,
  OdooMissingModelError,
  OdooServerError,
  OdooTransportError,
} from "../src/integrations/odoo12-client";

const URL_ = "http://odoo.example.test";
const creds = { url: URL_, db: "chery", login: "sync", password: "top-secret" };
const envelope = (name: string, message: string) => ({ jsonrpc: "2.0", id: 1, error: { code: 200, message: "Odoo Server Error", data: { name, message, debug: "Traceback ..." } } });

afterEach(() => nock.cleanAll());
afterAll(() => nock.restore());

describe("Odoo 12 client error envelopes", () => {
  // Time enough for a canned answer on a busy machine; the timeout case sets its own short limit.
  const client = (timeoutMs = 5_000) => {
    const c = new Odoo12Client(creds, { timeoutMs });
    (c as unknown as { uid: number }).uid = 2;
    return c;
  };

  it("turns AccessError, KeyError of the model and other exceptions into typed errors", async () => {
    nock(URL_).post("/jsonrpc").reply(200, envelope("odoo.exceptions.AccessError", "Sorry, you are not allowed"));
    await expect(client().searchRead("a.model", [])).rejects.toBeInstanceOf(OdooAccessError);
    nock(URL_).post("/jsonrpc").reply(200, envelope("builtins.KeyError", "'a.model'"));
    await expect(client().searchRead("a.model", [])).rejects.toBeInstanceOf(OdooMissingModelError);
    nock(URL_).post("/jsonrpc").reply(200, envelope("builtins.KeyError", "'partner_id'"));
    await expect(client().searchRead("a.model", [])).rejects.toBeInstanceOf(OdooServerError);
    nock(URL_).post("/jsonrpc").reply(200, envelope("odoo.exceptions.AccessDenied", "Access denied"));
    await expect(client().searchCount("a.model", [])).rejects.toBeInstanceOf(OdooAuthError);
  });

  it("treats HTTP errors, non-JSON answers and timeouts as transport errors without leaking the password", async () => {
    nock(URL_).post("/jsonrpc").reply(502, "<html>Bad gateway</html>");
    const e1 = await client().write("a.model", [1], { status: "synced" }).catch((e: Error) => e);
    expect(e1).toBeInstanceOf(OdooTransportError);
    expect((e1 as Error).message).toBe(`Distributor ${URL_} answered HTTP 502`);
    nock(URL_).post("/jsonrpc").reply(200, "<html>login page</html>");
    await expect(client().searchCount("a.model", [])).rejects.toBeInstanceOf(OdooTransportError);
    // A distributor that never answers. Not nock's delay(): its timer outlived the test by seconds and, when this
    // was a worker's last file, kept the jest worker from exiting ("failed to exit gracefully").
    nock(URL_).post("/jsonrpc").reply(() => new Promise<never>(() => undefined));
    const e3 = await client(300).searchCount("a.model", []).catch((e: Error) => e);
    expect(e3).toBeInstanceOf(OdooTransportError);
    expect((e3 as Error).message).toContain("timed out");
    expect(JSON.stringify(e3)).not.toContain("top-secret");
  });

  it("sends execute_kw with db, uid, password, model, method, args and kwargs", async () => {
    let sent: any;
    nock(URL_)
      .post("/jsonrpc", (b) => ((sent = b), true))
      .reply(200, { jsonrpc: "2.0", id: 1, result: [] });
    await client().searchRead("cheryweb.quotation", [["status", "in", ["pending"]]], { fields: ["id"], limit: 100, order: "create_date asc" });
    expect(sent).toMatchObject({
      jsonrpc: "2.0",
      method: "call",
      params: { service: "object", method: "execute_kw", args: ["chery", 2, "top-secret", "cheryweb.quotation", "search_read", [[["status", "in", ["pending"]]]], { fields: ["id"], limit: 100, order: "create_date asc" }] },
    });
  });
});
