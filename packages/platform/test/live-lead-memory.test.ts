import { type LiveEntry, LiveLeadMemory } from "../src";

type P = { u: number | null };
type Entry = LiveEntry<P, null>;

/** A feed the test drives: entries, losses, whether it follows and how far it has read. */
function fakeFeed() {
  const listeners = new Set<(e: Entry) => void>();
  const losses = new Set<() => void>();
  const feed = {
    following: true,
    position: "0-0",
    subscribe: async (l: (e: Entry) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onLoss: (l: () => void) => {
      losses.add(l);
      return () => losses.delete(l);
    },
    emit(leadId: number, u: number | null, id: string) {
      feed.position = id;
      for (const l of listeners) l({ id, leadId, now: { u }, was: undefined, body: null });
    },
    lose() {
      feed.following = false;
      for (const l of losses) l();
    },
  };
  return feed;
}

const owner = (e: Entry) => (e.now?.u == null ? null : e.now.u);

describe("what a process remembers from the live feed", () => {
  let clock = 1_000;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000;
  });

  async function started() {
    const feed = fakeFeed();
    const memory = new LiveLeadMemory(feed, owner, { ttlMs: 10_000, quietMs: 2_000, now });
    expect(memory.recall(1)).toBeNull(); // the first call starts following
    await Promise.resolve();
    return { feed, memory };
  }

  it("remembers who took a lead and forgets it when the lead goes back to the pool", async () => {
    const { feed, memory } = await started();
    feed.emit(1, 7, "1-0");
    expect(memory.recall(1)).toBe(7);
    feed.emit(1, null, "2-0");
    expect(memory.recall(1)).toBeNull();
  });

  it("a fact older than its time to live is not used (a change whose event was lost cannot stay wrong)", async () => {
    const { feed, memory } = await started();
    feed.emit(1, 7, "1-0");
    clock += 10_001;
    expect(memory.recall(1)).toBeNull();
  });

  it("answers nothing while the feed does not follow, and drops everything when it loses entries", async () => {
    const { feed, memory } = await started();
    feed.emit(1, 7, "1-0");
    feed.lose();
    expect(memory.recall(1)).toBeNull();
    feed.following = true;
    expect(memory.recall(1)).toBeNull();
    expect(memory.size).toBe(0);
  });

  it("answers nothing to a caller that has seen a newer event than this process has read", async () => {
    const { feed, memory } = await started();
    feed.emit(1, 7, "5-0");
    expect(memory.recall(1, "5-0")).toBe(7);
    expect(memory.recall(1, "4-9")).toBe(7);
    expect(memory.recall(1, "5-1")).toBeNull();
    expect(memory.recall(1, "12-0")).toBeNull();
  });

  it("after this process changes a lead, older entries still on their way are not learned for a moment", async () => {
    const { feed, memory } = await started();
    feed.emit(1, 7, "1-0");
    memory.forget(1);
    expect(memory.recall(1)).toBeNull();
    feed.emit(1, 7, "2-0"); // an entry published before the change, read after it
    expect(memory.recall(1)).toBeNull();
    clock += 2_001;
    feed.emit(1, 8, "3-0");
    expect(memory.recall(1)).toBe(8);
  });

  it("keeps at most maxEntries facts, dropping the oldest learned", async () => {
    const feed = fakeFeed();
    const memory = new LiveLeadMemory(feed, owner, { maxEntries: 2, now });
    memory.recall(0);
    await Promise.resolve();
    feed.emit(1, 7, "1-0");
    feed.emit(2, 7, "2-0");
    feed.emit(3, 7, "3-0");
    expect([memory.recall(1), memory.recall(2), memory.recall(3)]).toEqual([null, 7, 7]);
  });
});
