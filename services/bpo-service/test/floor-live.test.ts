import type { LeadLiveEvent, LeadPlacement } from "@crm/contracts/src/live-lead-events";
import { FLOOR_LIVE_EMPTY, type FloorLive, floorChange, floorShown, withEvent, withSnapshot } from "../../../apps/bpo-web/src/floor/floor-live";
import type { FloorSummary } from "../../../apps/bpo-web/src/floor/floor-types";

/** The Floor page's own patching of live events between two reads of GET /api/floor (apps/bpo-web/src/floor/floor-live.ts). */
describe("Floor page: live events between snapshots", () => {
  const BRAND = 7;
  const AGENT = 21;
  const OTHER = 22;
  // The fields the patching touches; the rest of the summary passes through untouched.
  const snapshot = (waiting: number, claims: Record<number, number>): FloorSummary =>
    ({
      generatedAt: "2026-12-03T10:00:00.000Z",
      brands: [
        { brandId: BRAND, name: "Brand", waiting, oldestWaitingAt: null, oldestWaitingMinutes: null, importedToday: 0, createdToday: 0 },
        { brandId: 8, name: "Other brand", waiting: 4, oldestWaitingAt: null, oldestWaitingMinutes: null, importedToday: 0, createdToday: 0 },
      ],
      agents: Object.entries(claims).map(([userId, n]) => ({ userId: Number(userId), name: `Agent ${userId}`, claims: n, calls: {}, callsTotal: 0, overdueActivities: 0, endorsements: 0, won: 0, lost: 0 })),
    }) as unknown as FloorSummary;
  const pool = (u: number | null = null): LeadPlacement => ({ u, n: u === null ? null : `Agent ${u}`, b: BRAND, s: 1, o: true, a: true });
  const event = (leadId: number, was: LeadPlacement | null | undefined, now: LeadPlacement | null, waiting: number): LeadLiveEvent<unknown> => ({
    leadId,
    card: null,
    now,
    ...(was === undefined ? {} : { was }),
    // Every brand with leads waiting (absent: none).
    counts: { pool: waiting ? { [BRAND]: waiting, 8: 4 } : { 8: 4 }, owner: null },
  });
  const shown = (s: FloorLive) => {
    const d = floorShown(s)!;
    return { waiting: d.brands.map((b) => b.waiting), claims: Object.fromEntries(d.agents.map((a) => [a.userId, a.claims])) };
  };

  it("a claim from the pool counts for its agent at once and sets the brand's waiting from the event", () => {
    let s = withSnapshot(FLOOR_LIVE_EMPTY, snapshot(3, { [AGENT]: 0, [OTHER]: 5 }), 0);
    s = withEvent(s, floorChange(event(100, pool(), pool(AGENT), 2), 1));
    expect(shown(s)).toEqual({ waiting: [2, 4], claims: { [AGENT]: 1, [OTHER]: 5 } });
  });

  it("a refetch sent after the event replaces the patch (no double count); one sent before keeps it", () => {
    let s = withSnapshot(FLOOR_LIVE_EMPTY, snapshot(3, { [AGENT]: 0 }), 0);
    s = withEvent(s, floorChange(event(100, pool(), pool(AGENT), 2), 1));
    // Sent before event 1 arrived and not including it: the claim stays patched on top.
    const before = withSnapshot(s, snapshot(3, { [AGENT]: 0 }), 0);
    expect(shown(before)).toEqual({ waiting: [2, 4], claims: { [AGENT]: 1 } });
    // Sent after event 1: it has read the claim.
    const after = withSnapshot(s, snapshot(2, { [AGENT]: 1 }), 1);
    expect(shown(after)).toEqual({ waiting: [2, 4], claims: { [AGENT]: 1 } });
    expect(after.changes).toEqual([]);
    // An older request answering after the newer one does not bring the old figures back.
    expect(withSnapshot(after, snapshot(3, { [AGENT]: 0 }), 0)).toBe(after);
  });

  it("counts only claims out of the pool: not a reassignment, a release, an unknown `was`, or a lead created claimed", () => {
    const s = withSnapshot(FLOOR_LIVE_EMPTY, snapshot(3, { [AGENT]: 2, [OTHER]: 1 }), 0);
    const events = [event(1, pool(OTHER), pool(AGENT), 3), event(2, pool(AGENT), pool(), 4), event(3, undefined, pool(AGENT), 4), event(4, null, pool(AGENT), 4)];
    const after = events.reduce((f, e, i) => withEvent(f, floorChange(e, i + 1)), s);
    expect(shown(after)).toEqual({ waiting: [4, 4], claims: { [AGENT]: 2, [OTHER]: 1 } });
  });

  it("counts a lead once, for its owner after its last event (as the server counts leads claimed today by owner)", () => {
    let s = withSnapshot(FLOOR_LIVE_EMPTY, snapshot(3, { [AGENT]: 0, [OTHER]: 0 }), 0);
    s = withEvent(s, floorChange(event(100, pool(), pool(AGENT), 2), 1));
    // Worked on after the claim (stage moved, call logged): still claimed.
    s = withEvent(s, floorChange(event(100, pool(AGENT), pool(AGENT), 2), 2));
    expect(shown(s).claims).toEqual({ [AGENT]: 1, [OTHER]: 0 });
    s = withEvent(s, floorChange(event(100, pool(AGENT), pool(), 3), 3));
    expect(shown(s)).toEqual({ waiting: [3, 4], claims: { [AGENT]: 0, [OTHER]: 0 } });
    s = withEvent(s, floorChange(event(100, pool(), pool(OTHER), 2), 4));
    // An agent without a row (not an active agent) shows with the refetch.
    s = withEvent(s, floorChange(event(101, pool(), pool(99), 1), 5));
    expect(shown(s)).toEqual({ waiting: [1, 4], claims: { [AGENT]: 0, [OTHER]: 1 } });
    // The claim the snapshot includes is not counted again by the events after it.
    s = withSnapshot(s, snapshot(2, { [AGENT]: 0, [OTHER]: 1 }), 4);
    s = withEvent(s, floorChange(event(100, pool(OTHER), pool(OTHER), 1), 6));
    expect(shown(s)).toEqual({ waiting: [1, 4], claims: { [AGENT]: 0, [OTHER]: 1 } });
  });

  it("the last pool counts set every brand's waiting, a brand left out having none", () => {
    let s = withSnapshot(FLOOR_LIVE_EMPTY, snapshot(1, { [AGENT]: 0 }), 0);
    s = withEvent(s, floorChange(event(100, pool(), pool(AGENT), 0), 1));
    expect(shown(s)).toEqual({ waiting: [0, 4], claims: { [AGENT]: 1 } });
  });

  it("events before the first snapshot are applied only if they arrived after its request was sent", () => {
    let s = withEvent(FLOOR_LIVE_EMPTY, floorChange(event(100, pool(), pool(AGENT), 2), 1));
    s = withEvent(s, floorChange(event(101, pool(), pool(AGENT), 1), 2));
    expect(floorShown(s)).toBeNull();
    s = withSnapshot(s, snapshot(2, { [AGENT]: 1 }), 1);
    expect(shown(s)).toEqual({ waiting: [1, 4], claims: { [AGENT]: 2 } });
  });
});
