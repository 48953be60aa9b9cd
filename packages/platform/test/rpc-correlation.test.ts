import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { PassThrough } from "node:stream";
import express from "express";
import { z } from "zod";
import { RpcClient, createLogger, defineRpcMethod, requestContext, rpcEndpoint, runWithLogContext } from "../src";

describe("correlation ids across services", () => {
  let server: Server;
  let url: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on("data", (chunk: Buffer) => {
      for (const l of chunk.toString().split("\n")) if (l.trim()) lines.push(JSON.parse(l));
    });
    const logger = createLogger({ service: "peer", level: "debug", stream });
    const app = express();
    app.use(requestContext(logger));
    app.use(
      rpcEndpoint({
        logger,
        authenticate: async (key) => (key === "good-key" ? { id: 1, name: "caller" } : null),
        methods: [
          defineRpcMethod({
            name: "test.echo",
            params: z.object({ n: z.number() }),
            handler: async (p, ctx) => {
              logger.info("echo handled");
              return { n: p.n, correlationId: ctx.correlationId };
            },
          }),
        ],
      }),
    );
    server = await new Promise<Server>((r) => {
      const s = app.listen(0, "127.0.0.1", () => r(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("a call made inside a request or job carries its correlation id into the peer's logs", async () => {
    const client = new RpcClient({ url, key: "good-key", timeoutMs: 20_000 });
    const result = await runWithLogContext({ correlationId: "corr-endorse-42" }, () => client.call("test.echo", { n: 1 }, z.object({ n: z.number(), correlationId: z.string() })));
    expect(result).toEqual({ n: 1, correlationId: "corr-endorse-42" });
    await new Promise((r) => setImmediate(r));
    const handled = lines.find((l) => l.message === "echo handled");
    expect(handled).toMatchObject({ correlationId: "corr-endorse-42", service: "peer" });
  });

  it("a wrong key is an authentication error the client reports as not retryable", async () => {
    const client = new RpcClient({ url, key: "bad-key", timeoutMs: 20_000 });
    await expect(client.call("test.echo", { n: 1 }, z.unknown())).rejects.toMatchObject({ name: "RpcRemoteError", rpcCode: -32001, retryable: false });
  });
});
