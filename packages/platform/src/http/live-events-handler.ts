import type { RequestHandler } from "express";
import { AppError } from "../errors/app-error";
import type { Logger } from "../logging/logger";
import type { LeadEvent, RedisLeadEvents } from "../live/redis-lead-events";
import { requirePrincipal } from "./session-auth";

/**
 * GET /api/events: Server-Sent Events for logged-in users (cookie or bearer, resolved by resolvePrincipal).
 * Streams lead.claimed / lead.changed, a comment every heartbeatMs so proxies keep the connection, and
 * drops the subscription when the browser goes away.
 */
export function liveEventsHandler(events: RedisLeadEvents, logger: Logger, opts: { heartbeatMs?: number } = {}): RequestHandler {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  return async (req, res) => {
    requirePrincipal(req, res);
    let closed = false;
    let unsubscribe: (() => void) | null = null;
    let heartbeat: NodeJS.Timeout | null = null;
    const cleanup = () => {
      if (closed) return;
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      unsubscribe?.();
    };
    res.on("close", cleanup);
    try {
      // Subscribed before the headers go out: once the browser sees the stream open, no event is missed.
      const off = await events.subscribe((e: LeadEvent) => {
        res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
      });
      if (closed) {
        off();
        return;
      }
      unsubscribe = off;
    } catch (error) {
      logger.warn("live events unavailable", { error: (error as Error).message });
      cleanup();
      throw new AppError("unavailable", "live_events_unavailable", "Live updates are unavailable right now");
    }
    res.status(200);
    res.set({
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    heartbeat = setInterval(() => res.write(": heartbeat\n\n"), heartbeatMs);
    heartbeat.unref();
    res.write("retry: 3000\n: connected\n\n");
  };
}
