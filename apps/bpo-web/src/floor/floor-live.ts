/**
 * What the Floor page patches from a live lead event at once, before the (throttled) refetch of GET /api/floor
 * brings the aggregates: each brand's waiting (the event's pool counts) and the agents' claims today.
 * Pure (no React); tested in services/bpo-service/test/floor-live.test.ts.
 *
 * No double counting: the page numbers the events as they arrive and each refetch notes the last number seen
 * when it was sent. The server publishes an event after its commit, so a snapshot requested after an event
 * arrived has read that change: the event is dropped with it, and only later events are patched on top.
 * The one case left open: a request sent before the event arrived but answered after may or may not have
 * read it (the event carries no time to compare with generatedAt). Its patch stays, so a claim can show
 * one too many until the refetch that the event itself scheduled (sent after it) answers, about a second.
 */
import type { LeadLiveEvent, LeadPlacement } from "@crm/contracts/src/live-lead-events";
import type { FloorSummary } from "./floor-types";

/** What one event tells the Floor. */
export interface FloorChange {
  /** The page's own count of events, in arrival order. */
  seq: number;
  leadId: number;
  /** Open Leads counts per brand id after the event: every brand, absent = 0 (absolute, read after commit). */
  pool: Record<string, number>;
  /** The lead was in the pool before this event (false when not, or not known). */
  wasInPool: boolean;
  /** Its owner after the event (null: unclaimed or deleted). */
  owner: number | null;
}

/** The last snapshot and the events that arrived after its request was sent. */
export interface FloorLive {
  snapshot: FloorSummary | null;
  /** The last event number seen when the snapshot's request was sent. */
  sentAfter: number;
  changes: FloorChange[];
}

export const FLOOR_LIVE_EMPTY: FloorLive = { snapshot: null, sentAfter: 0, changes: [] };

const inPool = (p: LeadPlacement | null | undefined): p is LeadPlacement => !!p && p.u === null && p.o && p.a;

export function floorChange(e: LeadLiveEvent<unknown>, seq: number): FloorChange {
  return { seq, leadId: e.leadId, pool: e.counts.pool, wasInPool: inPool(e.was), owner: e.now?.u ?? null };
}

/** An event arrived (they arrive in order: a new one has the highest number). */
export function withEvent(state: FloorLive, change: FloorChange): FloorLive {
  return { ...state, changes: [...state.changes, change] };
}

/** A refetch answered: it includes every event that arrived before its request was sent. */
export function withSnapshot(state: FloorLive, snapshot: FloorSummary, sentAfter: number): FloorLive {
  // An older request answered after a newer one: the newer snapshot stays.
  if (state.snapshot && sentAfter < state.sentAfter) return state;
  return { snapshot, sentAfter, changes: state.changes.filter((c) => c.seq > sentAfter) };
}

/**
 * Claims since the snapshot per agent, as the server counts them (leads claimed today, by their owner now):
 * a lead in the pool before its first event since the snapshot and owned after its last one counts once, for
 * that owner (claimed and released counts nothing; claimed, released, claimed again or reassigned counts for
 * the last owner). Leads not known to come from the pool (owned before, created claimed) wait for the refetch.
 */
function claimsSince(changes: readonly FloorChange[]): Map<number, number> {
  const byLead = new Map<number, { first: FloorChange; last: FloorChange }>();
  for (const c of changes) {
    const seen = byLead.get(c.leadId);
    if (seen) seen.last = c;
    else byLead.set(c.leadId, { first: c, last: c });
  }
  const claims = new Map<number, number>();
  for (const { first, last } of byLead.values()) {
    if (first.wasInPool && last.owner !== null) claims.set(last.owner, (claims.get(last.owner) ?? 0) + 1);
  }
  return claims;
}

/** What the page shows: the snapshot, waiting per brand from the latest event, claims counted up. */
export function floorShown(state: FloorLive): FloorSummary | null {
  const { snapshot, changes } = state;
  const latest = changes.at(-1);
  if (!snapshot || !latest) return snapshot;
  const claims = claimsSince(changes);
  return {
    ...snapshot,
    brands: snapshot.brands.map((b) => ({ ...b, waiting: latest.pool[String(b.brandId)] ?? 0 })),
    // An agent without a row yet (not an active agent, no work today) appears with the refetch.
    agents: snapshot.agents.map((a) => {
      const more = claims.get(a.userId);
      return more === undefined ? a : { ...a, claims: a.claims + more };
    }),
  };
}
