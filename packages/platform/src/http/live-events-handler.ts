import type { RequestHandler } from "express";
import { AppError } from "../errors/app-error";
import type { Logger } from "../logging/logger";
import { type LiveEntry, type RedisLeadFeed, compareStreamIds } from "../live/redis-lead-events";
import { requirePrincipal } from "./session-auth";

/**
 * What one subscriber receives for an entry: an SSE event name and its data, or null (not theirs to see).
 * Returning the same object to subscribers that see the same thing lets the handler encode it once.
 */
export type PresentEntry<Pr, P, B> = (principal: Pr, entry: LiveEntry<P, B>) => { event: string; data: object } | null;

/**
 * GET /api/events: Server-Sent Events for logged-in users (cookie or bearer, resolved by resolvePrincipal).
 *
 * Each event carries the stream id; `present` decides per subscriber, on the server, what it may see.
 * A fresh connection starts with `event: hello` whose id is the stream's head (the page loads its board
 * after it, so nothing falls between). A reconnecting EventSource sends Last-Event-ID: the handler replays
 * what the subscriber missed, or sends `event: reset` when the buffer no longer reaches back that far (the
 * page refetches once). A comment every heartbeatMs keeps proxies from closing an idle stream.
 */
export function liveEventsHandler<Pr extends { id: number }, P, B>(
  feed: RedisLeadFeed<P, B>,
  logger: Logger,
  present: PresentEntry<Pr, P, B>,
  opts: { heartbeatMs?: number } = {},
): RequestHandler {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  // The encoded frame of each presented object: one JSON.stringify and one UTF-8 buffer per entry and
  // audience, shared by every subscriber `present` gives the same object (not one per subscriber).
  const frames = new WeakMap<object, { id: string; bytes: Buffer }>();
  const frameOf = (id: string, shown: { event: string; data: object }): Buffer => {
    let frame = frames.get(shown);
    if (frame?.id !== id) {
      frame = { id, bytes: Buffer.from(`id: ${id}\nevent: ${shown.event}\ndata: ${JSON.stringify(shown.data)}\n\n`) };
      frames.set(shown, frame);
    }
    return frame.bytes;
  };
  return async (req, res) => {
    const principal = requirePrincipal<Pr>(req, res);
    const lastEventId = req.get("last-event-id") ?? (typeof req.query.lastEventId === "string" ? req.query.lastEventId : undefined);
    let closed = false;
    let unsubscribe: (() => void) | null = null;
    let heartbeat: NodeJS.Timeout | null = null;
    // Entries that arrive while the replay is read wait here; null once the stream is live.
    let held: LiveEntry<P, B>[] | null = [];
    let sentUpTo = "0-0";
    const cleanup = () => {
      if (closed) return;
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      unsubscribe?.();
    };
    const send = (entry: LiveEntry<P, B>) => {
      if (compareStreamIds(entry.id, sentUpTo) <= 0) return;
      sentUpTo = entry.id;
      const shown = present(principal, entry);
      // Filtered entries still move the subscriber's position (a comment carries no id, so resume from the
      // last event sent; the replay filters the same way).
      if (!shown) return;
      // The feed hands over a whole read from Redis at once: one write (syscall) per subscriber per batch.
      if (!res.writableCorked) {
        res.cork();
        process.nextTick(() => res.uncork());
      }
      res.write(frameOf(entry.id, shown));
    };
    res.on("close", cleanup);
    try {
      // Subscribed before anything is read: an entry appended meanwhile is held, then sent if newer.
      const off = await feed.subscribe((e) => {
        if (closed) return;
        if (held) held.push(e);
        else send(e);
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
    let start: { kind: "hello"; head: string } | { kind: "replay"; entries: LiveEntry<P, B>[] } | { kind: "reset"; head: string };
    try {
      if (lastEventId) {
        const replay = await feed.since(lastEventId);
        start = replay.gap ? { kind: "reset", head: await feed.head() } : { kind: "replay", entries: replay.entries };
      } else {
        start = { kind: "hello", head: await feed.head() };
      }
    } catch (error) {
      logger.warn("live events unavailable", { error: (error as Error).message });
      cleanup();
      throw new AppError("unavailable", "live_events_unavailable", "Live updates are unavailable right now");
    }
    if (closed) return;
    res.status(200);
    res.set({
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    // The heartbeat also carries the position: entries this subscriber may not see still move it, so a
    // reconnect after a quiet stretch resumes from here instead of from an id the buffer has dropped.
    let positionSent = "";
    heartbeat = setInterval(() => {
      if (positionSent !== sentUpTo) {
        positionSent = sentUpTo;
        res.write(`: heartbeat\nid: ${sentUpTo}\nevent: position\ndata: {}\n\n`);
      } else res.write(": heartbeat\n\n");
    }, heartbeatMs);
    heartbeat.unref();
    res.write("retry: 2000\n: connected\n\n");
    if (start.kind === "replay") {
      if (lastEventId && compareStreamIds(lastEventId, sentUpTo) > 0) sentUpTo = lastEventId;
      for (const e of start.entries) send(e);
    } else {
      sentUpTo = start.head;
      // The id moves the browser's Last-Event-ID to the head: a later reconnect resumes from here.
      res.write(`id: ${start.head}\nevent: ${start.kind}\ndata: {}\n\n`);
    }
    const waiting = held;
    held = null;
    for (const e of waiting) send(e);
  };
}
