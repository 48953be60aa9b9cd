import { useEffect, useRef, useState } from "react";

/** What /api/events streams on both services (Server-Sent Events fed through Redis). */
export type LiveEvent = { type: "lead.claimed"; leadId: number; userId: number } | { type: "lead.changed"; leadId: number };

/**
 * Listens to /api/events and calls `onEvent` (debounced) when `concerns` says an event matters to the
 * screen, so a burst of changes causes one refresh. Returns whether the stream is open.
 */
export function useLiveLeads(concerns: (e: LiveEvent) => boolean, onEvent: () => void, delayMs = 400): boolean {
  const [live, setLive] = useState(false);
  const concernsRef = useRef(concerns);
  const onEventRef = useRef(onEvent);
  concernsRef.current = concerns;
  onEventRef.current = onEvent;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const source = new EventSource("/api/events");
    const handle = (e: Event) => {
      let event: LiveEvent;
      try {
        event = JSON.parse((e as MessageEvent<string>).data) as LiveEvent;
      } catch {
        return;
      }
      if (!concernsRef.current(event)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => onEventRef.current(), delayMs);
    };
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener("lead.changed", handle);
    source.addEventListener("lead.claimed", handle);
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [delayMs]);
  return live;
}
