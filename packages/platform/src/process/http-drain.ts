import net, { type Socket } from "node:net";
import type { Server, ServerResponse } from "node:http";
import type { Logger } from "../logging/logger";

/** How long a connection accepted before the drain may take to send its first request. */
const FIRST_REQUEST_MS = 2_000;
/** What an open Server-Sent Events stream receives before it is ended: reconnect (to another process) soon. */
export const SSE_SHUTDOWN_RETRY_MS = 1_000;

interface Conn {
  active: Set<ServerResponse>;
  served: number;
}

export interface DrainReport {
  /** Requests answered after the drain began (in flight then, or sent on a connection already accepted). */
  answered: number;
  /** Accepted connections closed without an answer: still open at the deadline, or silent past FIRST_REQUEST_MS. */
  cut: number;
}

export interface HttpDrain {
  /**
   * Stops accepting, lets every request in flight finish (answered with `Connection: close`), ends idle
   * keep-alive connections, ends SSE streams with a `retry:` hint, and resolves once no connection is left or
   * at `deadline` (epoch ms), when what is left is cut. Resolves with what happened (also logged).
   */
  drain(deadline: number): Promise<DrainReport>;
}

/** Idle keep-alive connections stay open `ms` (see HTTP_KEEP_ALIVE_MS); headers must be allowed a little longer. */
export function keepConnectionsAlive(server: Server, ms: number): void {
  server.keepAliveTimeout = ms;
  server.headersTimeout = ms + 1_000;
}

/**
 * Graceful shutdown for an HTTP server, tracking connections from the start. Node's own `server.close()` also
 * destroys connections it sees as idle, which includes one accepted a moment ago whose request has not been
 * read yet: that client would see a reset instead of an answer. Here only the listening socket is closed; a
 * connection is ended once it has answered its requests, and a fresh one gets FIRST_REQUEST_MS to send one.
 */
export function trackHttpConnections(server: Server, logger: Logger): HttpDrain {
  const conns = new Map<Socket, Conn>();
  let draining = false;
  const report: DrainReport = { answered: 0, cut: 0 };

  const endIfIdle = (socket: Socket, conn: Conn) => {
    if (draining && conn.active.size === 0 && conn.served > 0) socket.end();
  };
  const endStream = (res: ServerResponse) => {
    res.write(`retry: ${SSE_SHUTDOWN_RETRY_MS}\n: server shutting down\n\n`);
    res.end();
  };
  const isEventStream = (res: ServerResponse) => res.headersSent && String(res.getHeader("content-type") ?? "").startsWith("text/event-stream");

  server.on("connection", (socket: Socket) => {
    conns.set(socket, { active: new Set(), served: 0 });
    socket.once("close", () => conns.delete(socket));
  });
  // Before the app's own listener: the drain flag must be set on the response before any handler answers.
  server.prependListener("request", (req, res) => {
    const socket = req.socket;
    const conn = conns.get(socket);
    if (!conn) return;
    conn.active.add(res);
    if (draining) res.setHeader("Connection", "close");
    res.once("close", () => {
      conn.active.delete(res);
      conn.served++;
      if (draining) report.answered++;
      endIfIdle(socket, conn);
    });
  });

  return {
    async drain(deadline: number) {
      draining = true;
      const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
      const startedAt = Date.now();
      for (const [socket, conn] of conns) {
        for (const res of conn.active) {
          if (isEventStream(res)) endStream(res);
          else if (!res.headersSent) res.setHeader("Connection", "close");
        }
        endIfIdle(socket, conn);
      }
      // Streams that were still setting up (auth, replay) when the drain began get the hint once they start.
      const streamSweep = setInterval(() => {
        for (const [socket, conn] of conns) {
          for (const res of conn.active) if (isEventStream(res) && !res.writableEnded) endStream(res);
          if (conn.served === 0 && conn.active.size === 0 && Date.now() - startedAt > FIRST_REQUEST_MS) {
            report.cut++;
            socket.destroy();
          }
        }
      }, 50);
      let timer: NodeJS.Timeout | undefined;
      const outOfTime = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now()))));
      const outcome = await Promise.race([closed.then(() => "closed" as const), outOfTime]);
      clearInterval(streamSweep);
      clearTimeout(timer);
      if (outcome === "timeout") {
        logger.warn("shutdown grace period over: closing connections still open", { connections: conns.size });
        report.cut += conns.size;
        for (const socket of conns.keys()) socket.destroy();
        await closed;
      }
      logger.info("http connections drained", { ...report });
      return report;
    },
  };
}
