import http from "node:http";
import { type AddressInfo, createServer } from "node:net";

/** A loopback port free right now (for a child process to listen on). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const p = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

/** An HTTP handler (an Express app, a stub) listening on loopback: on `port`, or a free one. */
export interface LoopbackServer {
  url: string;
  port: number;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}

export async function listenOnLoopback(handler: http.RequestListener, port = 0): Promise<LoopbackServer> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
