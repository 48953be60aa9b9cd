import { PassThrough } from "node:stream";
import express from "express";
import request from "supertest";
import { z } from "zod";
import helmet from "helmet";
import { AppError, ApiRouter, createLogger, errorHandler, loginRateLimiter, requestContext } from "../src";
import { securityHeaders } from "../src/http/security-headers";

function capture() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on("data", (chunk: Buffer) => {
    for (const l of chunk.toString().split("\n")) if (l.trim()) lines.push(JSON.parse(l));
  });
  return { logger: createLogger({ service: "t", level: "debug", stream }), lines };
}

function appWith(logger: ReturnType<typeof capture>["logger"]) {
  const app = express();
  app.use(requestContext(logger));
  app.use(express.json());
  const api = new ApiRouter<{ id: number }>(() => ({ id: 1 }));
  api.route({
    method: "post",
    path: "/echo",
    summary: "echo",
    body: z.object({ n: z.number() }).strict(),
    handler: async ({ body }) => {
      logger.info("handling", { password: "hunter2", nested: { authorization: "Bearer abc", keep: "me" } });
      return { n: body.n };
    },
  });
  api.route({ method: "get", path: "/boom", summary: "boom", handler: async () => { throw new Error("database password is hunter2"); } });
  api.route({ method: "get", path: "/refuse", summary: "refuse", handler: async () => { throw new AppError("conflict", "taken", "Already taken"); } });
  app.use("/api", api.router);
  app.use(errorHandler(logger));
  return app;
}

const flush = () => new Promise((r) => setImmediate(r));

describe("HTTP edges shared by both services", () => {
  it("every log line of a request carries its request id and the caller's correlation id", async () => {
    const { logger, lines } = capture();
    const res = await request(appWith(logger)).post("/api/echo").set("x-correlation-id", "corr-123").send({ n: 1 });
    await flush();
    expect(res.status).toBe(200);
    const requestId = res.headers["x-request-id"];
    expect(res.headers["x-correlation-id"]).toBe("corr-123");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatchObject({ requestId, correlationId: "corr-123", service: "t" });
  });

  it("secrets never reach a log line", async () => {
    const { logger, lines } = capture();
    await request(appWith(logger)).post("/api/echo").send({ n: 1 });
    await flush();
    const handling = lines.find((l) => l.message === "handling")!;
    expect(handling.password).toBe("[redacted]");
    expect(handling.nested).toEqual({ authorization: "[redacted]", keep: "me" });
    expect(JSON.stringify(lines)).not.toContain("hunter2");
  });

  it("an unknown error becomes a generic 500 with no stack or message, logged once", async () => {
    const { logger, lines } = capture();
    const res = await request(appWith(logger)).get("/api/boom");
    await flush();
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: "internal", message: "Internal server error", requestId: res.headers["x-request-id"] } });
    expect(lines.filter((l) => l.message === "unhandled error")).toHaveLength(1);
  });

  it("routes sharing a first segment keep their declaration order, and a one-segment route answers with or without a trailing slash", async () => {
    const app = express();
    const api = new ApiRouter<{ id: number }>(() => ({ id: 1 }));
    const seen: string[] = [];
    api.route({ method: "get", path: "/things", summary: "list", handler: async ({ res }) => ({ matched: `list ${res.locals.routePattern}` }) });
    api.route({ method: "get", path: "/things/search", summary: "search", handler: async ({ res }) => ({ matched: `search ${res.locals.routePattern}` }) });
    api.route({
      method: "get",
      path: "/things/:id",
      summary: "one",
      params: z.object({ id: z.string() }),
      handler: async ({ params, res }) => ({ matched: `one ${params.id} ${res.locals.routePattern}` }),
    });
    api.route({ method: "get", path: "/thingsx", summary: "other group", handler: async () => ({ matched: "thingsx" }) });
    app.use("/api", api.router);
    for (const path of ["/api/things", "/api/things/", "/api/things/search", "/api/things/7", "/api/thingsx", "/api/things/7/extra"]) {
      const res = await request(app).get(path);
      seen.push(`${path} ${res.status} ${res.body.matched ?? ""}`);
    }
    expect(seen).toEqual([
      "/api/things 200 list /api/things",
      "/api/things/ 200 list /api/things",
      "/api/things/search 200 search /api/things/search",
      "/api/things/7 200 one 7 /api/things/:id",
      "/api/thingsx 200 thingsx",
      "/api/things/7/extra 404 ",
    ]);
  });

  it("an AppError maps to its HTTP status with its stable code", async () => {
    const { logger } = capture();
    const res = await request(appWith(logger)).get("/api/refuse");
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "taken", message: "Already taken" });
  });

  it("a client's refusal carries no stack trace (an expected answer, not a fault to trace); a fault keeps its stack", () => {
    const refusal = new AppError("conflict", "taken", "Already taken");
    expect(refusal.stack).toBe("AppError: Already taken");
    expect(new AppError("unavailable", "down", "Down").stack).toMatch(/\n\s+at /);
    expect(new Error("plain").stack).toMatch(/\n\s+at /);
  });

  it("a refusal is answered by its route with the error handler's body, never walking the error path; a fault still reaches the app's handler", async () => {
    const { logger } = capture();
    const app = express();
    app.use(requestContext(logger));
    const api = new ApiRouter<{ id: number }>(() => ({ id: 1 }));
    api.route({ method: "get", path: "/refuse", summary: "refuse", handler: async () => { throw new AppError("not_found", "gone", "Lead 7 not found", { details: { id: 7 } }); } });
    api.route({ method: "get", path: "/boom", summary: "boom", handler: async () => { throw new Error("kaput"); } });
    const reached: string[] = [];
    app.use("/api", api.router);
    app.use(((err, req, _res, next) => {
      reached.push(req.path);
      next(err);
    }) as express.ErrorRequestHandler);
    app.use(errorHandler(logger));
    const refused = await request(app).get("/api/refuse");
    expect(refused.status).toBe(404);
    expect(refused.body.error).toEqual({ code: "gone", message: "Lead 7 not found", details: { id: 7 }, requestId: refused.headers["x-request-id"] });
    expect((await request(app).get("/api/boom")).status).toBe(500);
    expect(reached).toEqual(["/api/boom"]);
  });

  it("bad input is a 400 naming the field; unknown fields are refused", async () => {
    const { logger } = capture();
    const wrongType = await request(appWith(logger)).post("/api/echo").send({ n: "one" });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.issues[0].path).toBe("n");
    const extra = await request(appWith(logger)).post("/api/echo").send({ n: 1, admin: true });
    expect(extra.status).toBe(400);
  });

  it("a finished request whose log level is off is not formatted at all (production logs at info or warn)", async () => {
    const stream = new PassThrough();
    const logger = createLogger({ service: "t", level: "warn", stream });
    const log = jest.spyOn(logger, "log");
    const app = express();
    app.use(requestContext(logger));
    app.get("/ok", (_req, res) => void res.json({ ok: true }));
    expect((await request(app).get("/ok")).status).toBe(200);
    await flush();
    expect(log).not.toHaveBeenCalled();
  });

  it("every answer carries helmet's security headers, set from one precomputed list", async () => {
    const appOf = (mw: express.RequestHandler) => {
      const app = express();
      app.use(mw);
      app.get("/ok", (_req, res) => void res.json({ ok: true }));
      return app;
    };
    const withHelmet = await request(appOf(helmet())).get("/ok");
    const precomputed = await request(appOf(securityHeaders())).get("/ok");
    const securityOf = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([k]) => !["date", "etag", "content-length", "connection", "keep-alive"].includes(k)));
    expect(securityOf(precomputed.headers)).toEqual(securityOf(withHelmet.headers));
    expect(precomputed.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(precomputed.headers["x-powered-by"]).toBeUndefined();
  });

  it("an oversized body is a 413, not a 500", async () => {
    const { logger } = capture();
    const res = await request(appWith(logger)).post("/api/echo").set("content-type", "application/json").send(`{"n":1,"pad":"${"x".repeat(200_000)}"}`);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("body_too_large");
  });
});

describe("NUL characters", () => {
  it("a NUL character in any text is a 400, never a database error", async () => {
    const { logger, lines } = capture();
    const res = await request(appWith(logger)).post("/api/echo").set("content-type", "application/json").send('{"n":1,"note":"a\\u0000b"}');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("nul_character");
    await flush();
    expect(lines.filter((l) => l.message === "unhandled error")).toHaveLength(0);
  });
});

describe("login rate limiter", () => {
  test("is created without formatting a stack trace (which would decode the bundle's whole source map)", () => {
    const original = Error.prepareStackTrace;
    let formatted = 0;
    Error.prepareStackTrace = (err, frames) => {
      formatted++;
      return original ? original(err, frames) : String(err);
    };
    try {
      loginRateLimiter({ limit: 5, redisPrefix: "t", redis: { call: async () => "0" } as never });
    } finally {
      Error.prepareStackTrace = original;
    }
    expect(formatted).toBe(0);
  });
});
