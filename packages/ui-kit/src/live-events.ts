import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from "react";
import { SEEN_EVENT_ID_HEADER, compareStreamIds, isStreamId } from "@crm/contracts/src/live-lead-events";

/**
 * /api/events on both services: Server-Sent Events with ids, fed through a capped Redis stream. `hello`
 * opens a fresh stream (load what you show now), `reset` says the events missed while disconnected are no
 * longer kept (load once more); every other event names what happened to one lead and carries its card.
 * The browser's EventSource resends the last id on reconnect, so the server replays what was missed.
 */
export type LiveHandler = (name: string, data: unknown) => void;

// The newest live event id this tab has seen (events, hello, reset and position frames all carry one).
let seenEventId: string | null = null;
function noteSeen(id: string): void {
  if (isStreamId(id) && (seenEventId === null || compareStreamIds(id, seenEventId) > 0)) seenEventId = id;
}

/**
 * Headers for a request whose answer may come from the server's live knowledge (a claim): the newest event
 * this page has seen, so the server answers from the database whenever it has not read that far itself.
 */
export function liveSeenHeaders(): Record<string, string> {
  return seenEventId === null ? {} : { [SEEN_EVENT_ID_HEADER]: seenEventId };
}

function useEventSource(kinds: readonly string[], onEvent: LiveHandler, onSync: () => void, fallbackMs: number): boolean {
  const [live, setLive] = useState(false);
  const onEventRef = useRef(onEvent);
  const onSyncRef = useRef(onSync);
  onEventRef.current = onEvent;
  onSyncRef.current = onSync;
  const kindsKey = kinds.join(",");
  useEffect(() => {
    const source = new EventSource("/api/events");
    let synced = false;
    const sync = () => {
      synced = true;
      onSyncRef.current();
    };
    // Without live updates (refused, or Redis down) the page still shows what the server has.
    const fallback = setTimeout(() => {
      if (!synced) sync();
    }, fallbackMs);
    const handle = (e: Event) => {
      const m = e as Event & { data: string; lastEventId?: string };
      if (m.lastEventId) noteSeen(m.lastEventId);
      try {
        onEventRef.current(m.type, JSON.parse(m.data));
      } catch {
        // A malformed event is skipped; the next one carries the lead's whole card again.
      }
    };
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    const seen = (e: Event) => {
      const id = (e as Event & { lastEventId?: string }).lastEventId;
      if (id) noteSeen(id);
    };
    source.addEventListener("hello", seen);
    source.addEventListener("reset", seen);
    source.addEventListener("position", seen);
    source.addEventListener("hello", sync);
    source.addEventListener("reset", sync);
    for (const k of kindsKey.split(",")) source.addEventListener(k, handle);
    return () => {
      clearTimeout(fallback);
      source.close();
    };
  }, [kindsKey, fallbackMs]);
  return live;
}

/**
 * Calls `onEvent` for every lead event at once (no debounce: events carry what changed), and `onSync` when
 * the page should read what it shows (stream opened, or a gap too old to replay). Returns whether it is live.
 */
export function useLiveEvents(kinds: readonly string[], onEvent: LiveHandler, onSync: () => void = () => undefined): boolean {
  return useEventSource(kinds, onEvent, onSync, 1500);
}

/**
 * A board that follows live events: loaded once the stream is open (so no event falls between the read and
 * the stream), then patched by `apply` for every event; events arriving during a load are applied on top of
 * its answer. A change of `key` (filters) loads again on the open stream. Never reloads because of an event.
 */
export function useLiveBoard<T>(opts: {
  kinds: readonly string[];
  key: string;
  load: () => Promise<T>;
  apply: (current: T, name: string, data: unknown) => T;
}): { data: T | null; setData: Dispatch<SetStateAction<T | null>>; error: string | null; live: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(opts.load);
  const applyRef = useRef(opts.apply);
  loadRef.current = opts.load;
  applyRef.current = opts.apply;
  const seq = useRef(0);
  const queue = useRef<{ name: string; data: unknown }[] | null>([]);
  const started = useRef(false);

  const reload = useCallback(() => {
    const n = ++seq.current;
    started.current = true;
    if (!queue.current) queue.current = [];
    loadRef.current().then(
      (fresh) => {
        if (n !== seq.current) return;
        const held = queue.current ?? [];
        queue.current = null;
        setData(held.reduce((b, e) => applyRef.current(b, e.name, e.data), fresh));
        setError(null);
      },
      (e: unknown) => {
        if (n !== seq.current) return;
        queue.current = null;
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, []);

  const onEvent = useCallback((name: string, d: unknown) => {
    if (queue.current) queue.current.push({ name, data: d });
    else setData((b) => (b === null ? b : applyRef.current(b, name, d)));
  }, []);

  // A filter change reads the board again on the already open stream.
  useEffect(() => {
    if (started.current) reload();
  }, [opts.key, reload]);

  const live = useEventSource(opts.kinds, onEvent, reload, 1500);
  return { data, setData, error, live, reload };
}
