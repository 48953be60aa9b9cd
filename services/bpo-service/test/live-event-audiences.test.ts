import type { LeadPlacement } from "@crm/contracts";
import type { Actor } from "../src/domain/actor";
import { type LeadLiveEntry, presentLeadEntry } from "../src/domain/lead-live-events";

// presentLeadEntry answers once per entry and audience (the SSE handler then encodes that answer once);
// these check that sharing never hands one subscriber what another may see.
const agent = (id: number): Actor => ({ id, name: `Agent ${id}`, role: "agent" });
const supervisor: Actor = { id: 90, name: "Sup", role: "supervisor" };
const place = (u: number | null, s = 1): LeadPlacement => ({ u, n: u === null ? null : `Agent ${u}`, b: 7, s, o: true, a: true });
const entry = (was: LeadPlacement | null | undefined, now: LeadPlacement | null): LeadLiveEntry => ({
  id: "1-0",
  leadId: 5,
  was,
  now,
  body: { card: { id: 5 } as never, pool: { "7": 3 }, owner: { "1": 1 } },
});
// The same entry presented to a subscriber alone, with nothing shared (a fresh entry object per call).
const alone = (actor: Actor, e: LeadLiveEntry) => presentLeadEntry(actor, { ...e });

describe("live events: one answer per entry and audience", () => {
  it("gives each audience of a stage move inside agent 1's pipeline what it may see, the same as presented alone", () => {
    const e = entry(place(1, 1), place(1, 2));
    for (const actor of [agent(1), agent(2), supervisor, agent(3), agent(1), supervisor]) expect(presentLeadEntry(actor, e)).toEqual(alone(actor, e));
    expect(presentLeadEntry(agent(2), e)).toBeNull();
    expect(presentLeadEntry(agent(1), e)?.data.card).not.toBeNull();
    expect(presentLeadEntry(agent(1), e)?.data.counts.owner).toEqual({ userId: 1, stages: { "1": 1 } });
  });

  it("a claim: the claimer gets its card and pipeline counts, other agents only that it left, in whichever order they ask", () => {
    const e = entry(place(null), place(4));
    const other = presentLeadEntry(agent(2), e);
    const claimer = presentLeadEntry(agent(4), e);
    expect(other).toEqual(alone(agent(2), e));
    expect(claimer).toEqual(alone(agent(4), e));
    expect(other?.data.card).toBeNull();
    expect(other?.data.counts.owner).toBeNull();
    expect(claimer?.data.card).not.toBeNull();
    expect(claimer?.data.counts.owner?.userId).toBe(4);
  });

  it("agents alike share one answer object (encoded once), supervisors and the owner get their own", () => {
    const e = entry(place(null), place(4));
    expect(presentLeadEntry(agent(2), e)).toBe(presentLeadEntry(agent(3), e));
    expect(presentLeadEntry(supervisor, e)).not.toBe(presentLeadEntry(agent(2), e));
    expect(presentLeadEntry(agent(4), e)).not.toBe(presentLeadEntry(agent(2), e));
  });

  it("a release seen by its former owner differs from what other agents get", () => {
    const e = entry(place(6, 3), place(null));
    expect(presentLeadEntry(agent(6), e)).toEqual(alone(agent(6), e));
    expect(presentLeadEntry(agent(2), e)).toEqual(alone(agent(2), e));
    expect(presentLeadEntry(agent(6), e)).not.toBe(presentLeadEntry(agent(2), e));
  });
});
