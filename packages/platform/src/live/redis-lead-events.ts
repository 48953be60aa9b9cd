import type { Redis } from "ioredis";
import type { Logger } from "../logging/logger";
import { compareStreamIds, isStreamId } from "@crm/contracts";

/**
 * Tells other processes and browsers that a lead changed; called after the transaction commits (never
 * before: a page must not see what a rollback takes back). Implementations must not throw: a lost
 * notification costs a page its freshness, never a write.
 */
export interface LeadEvents {
  /** A new lead (manual or imported): nobody could see it before. */
  created(leadId: number): void;
  /** A claim from the unclaimed pool succeeded. */
  claimed(leadId: number, userId: number): void;
  changed(leadId: number): void;
}

export const noLeadEvents: LeadEvents = { created: () => undefined, claimed: () => undefined, changed: () => undefined };

/** What the caller knew about the lead's previous placement (used when the feed has not seen the lead yet). */
export type LeadHint = { kind: "created" } | { kind: "claimed"; userId: number } | { kind: "changed" };

/**
 * A lead as it is now, described by the service after commit: its placement (what decides who may see it
 * and which board column holds it), a version (newer placements win across processes) and the body pages
 * patch themselves with (the card, column counts).
 */
export interface LeadDelta<P, B> {
  leadId: number;
  /** When the state was read (a later read sees a later commit); a delta older than the last published one is dropped. */
  version: number;
  /** null: the lead no longer exists. */
  now: P | null;
  /** Where the lead was when the feed has no record of it (null: it did not exist). undefined: unknown. */
  assumedWas?: P | null;
  body: B;
}

/** One entry of the live stream, as every API process reads it back. */
export interface LiveEntry<P, B> {
  /** Stream id ("<ms>-<seq>"): the SSE event id a reconnecting browser sends back as Last-Event-ID. */
  id: string;
  leadId: number;
  now: P | null;
  /** Previous placement; null: the lead did not exist; undefined: not known (older than the feed's memory). */
  was: P | null | undefined;
  body: B;
}

export type LiveListener<P, B> = (entry: LiveEntry<P, B>) => void;

/** Reads the leads' current state in one go (after commit); the service's cards, counts and placement. */
export type LeadDescriber<P, B> = (hints: Map<number, LeadHint>) => Promise<LeadDelta<P, B>[]>;

/** What replay found after a Last-Event-ID: the entries since, or a gap (the buffer no longer holds them). */
export type Replay<P, B> = { gap: false; entries: LiveEntry<P, B>[] } | { gap: true };

// Compares a stored placement's version with the new one, stores the newer, appends to the capped stream.
// Returns nothing: readers get entries through XREAD. Runs atomically, so two processes publishing the same
// lead cannot interleave their read-compare-write.
const PUBLISH_SCRIPT = `
local stream, maxlen, ttl, keyPrefix = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local n = (#ARGV - 3) / 5
for i = 0, n - 1 do
  local b = 4 + i * 5
  local leadId, ver, now, assumed, body = ARGV[b], tonumber(ARGV[b + 1]), ARGV[b + 2], ARGV[b + 3], ARGV[b + 4]
  local key = keyPrefix .. leadId
  local old = redis.call('GET', key)
  local was = assumed
  local skip = false
  if old then
    local sep = string.find(old, '|', 1, true)
    local oldv = tonumber(string.sub(old, 1, sep - 1))
    if oldv > ver then skip = true else was = string.sub(old, sep + 1) end
  end
  if not skip then
    redis.call('SET', key, ver .. '|' .. now, 'EX', ttl)
    redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*', 'l', leadId, 'n', now, 'w', was, 'b', body)
  end
end
return n
`;

// Shared with the pages (contracts), which compare the ids they have seen the same way.
export { compareStreamIds, isStreamId } from "@crm/contracts";

/**
 * Lead events through one capped Redis stream per instance: every API process publishes to it (after
 * commit) and reads it with one blocking XREAD, so browsers connected to any process get every event, in
 * one order, each with an id. A reconnecting browser resumes from its Last-Event-ID while the stream still
 * holds it (MAXLEN entries, about the last few minutes of a busy floor); older gaps are reported as such.
 *
 * Domain code only says which lead changed (LeadEvents). Ids are batched: while one batch is being
 * described (one query for all its cards) and published (one script call), new ids wait for the next.
 */
export class RedisLeadFeed<P, B> implements LeadEvents {
  readonly streamKey: string;
  private readonly placementPrefix: string;
  private readonly listeners = new Set<LiveListener<P, B>>();
  private readonly pending = new Map<number, LeadHint>();
  private flushing: Promise<void> | null = null;
  private describer: LeadDescriber<P, B> | null = null;
  private reader: Redis | null = null;
  private reading: Promise<void> | null = null;
  private stopped = false;
  private lastId = "0-0";
  /** The reader's last XREAD answered and its connection has not dropped since. */
  private healthy = false;
  private readonly lossListeners = new Set<() => void>();

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly logger: Logger,
    private readonly opts: { maxLen?: number; placementTtlSeconds?: number; readPauseMs?: number } = {},
  ) {
    this.streamKey = `${prefix}:live:stream`;
    this.placementPrefix = `${prefix}:live:lead:`;
  }

  get maxLen(): number {
    return this.opts.maxLen ?? 10_000;
  }

  /** The service tells the feed how to describe leads (set once the container has its store). */
  describeWith(describer: LeadDescriber<P, B>): void {
    this.describer = describer;
  }

  created(leadId: number): void {
    this.enqueue(leadId, { kind: "created" });
  }

  claimed(leadId: number, userId: number): void {
    this.enqueue(leadId, { kind: "claimed", userId });
  }

  changed(leadId: number): void {
    this.enqueue(leadId, { kind: "changed" });
  }

  private enqueue(leadId: number, hint: LeadHint): void {
    if (!this.describer || this.stopped) return;
    // A lead both created and changed in one batch keeps the more telling hint.
    const prev = this.pending.get(leadId);
    if (!prev || prev.kind === "changed") this.pending.set(leadId, hint);
    if (!this.flushing) this.flushing = this.flushLoop();
  }

  /** Resolves when everything enqueued so far is published (tests, graceful shutdown). */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    // Let the current tick's other commits join this batch.
    await new Promise((r) => setImmediate(r));
    try {
      while (this.pending.size > 0 && this.describer && !this.stopped) {
        const batch = new Map(this.pending);
        this.pending.clear();
        try {
          await this.publish(await this.describer(batch));
        } catch (error) {
          this.logger.warn("lead events not published", { leads: batch.size, error: (error as Error).message });
          this.lost();
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Appends deltas to the stream (exported for tests and services that describe leads themselves). */
  async publish(deltas: LeadDelta<P, B>[]): Promise<void> {
    if (deltas.length === 0) return;
    const args: (string | number)[] = [this.maxLen, this.opts.placementTtlSeconds ?? 30 * 86_400, this.placementPrefix];
    for (const d of deltas) {
      args.push(d.leadId, d.version, JSON.stringify(d.now), d.assumedWas === undefined ? "" : JSON.stringify(d.assumedWas), JSON.stringify(d.body));
    }
    await this.redis.eval(PUBLISH_SCRIPT, 1, this.streamKey, ...args);
  }

  private static parse<P, B>(id: string, fields: string[]): LiveEntry<P, B> | null {
    const f = new Map<string, string>();
    for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i]!, fields[i + 1]!);
    try {
      const w = f.get("w") ?? "";
      return {
        id,
        leadId: Number(f.get("l")),
        now: JSON.parse(f.get("n") ?? "null") as P | null,
        was: w === "" ? undefined : (JSON.parse(w) as P | null),
        body: JSON.parse(f.get("b") ?? "null") as B,
      };
    } catch {
      return null;
    }
  }

  /** The id of the newest entry ("0-0" when the stream is empty): where a fresh page starts listening. */
  async head(): Promise<string> {
    const last = (await this.redis.xrevrange(this.streamKey, "+", "-", "COUNT", 1)) as [string, string[]][];
    return last[0]?.[0] ?? "0-0";
  }

  /** Entries after `afterId`, or a gap when the capped stream has dropped some of them (or was reset). */
  async since(afterId: string): Promise<Replay<P, B>> {
    if (!isStreamId(afterId)) return { gap: true };
    let info: Map<string, unknown>;
    try {
      const raw = (await this.redis.xinfo("STREAM", this.streamKey)) as unknown[];
      info = new Map<string, unknown>();
      for (let i = 0; i + 1 < raw.length; i += 2) info.set(String(raw[i]), raw[i + 1]);
    } catch {
      // No stream (Redis restarted empty): only a page that has seen nothing can be sure it missed nothing.
      return afterId === "0-0" ? { gap: false, entries: [] } : { gap: true };
    }
    const lastGenerated = String(info.get("last-generated-id") ?? "0-0");
    if (compareStreamIds(afterId, lastGenerated) > 0) return { gap: true };
    if (compareStreamIds(afterId, lastGenerated) === 0) return { gap: false, entries: [] };
    // Trimming (MAXLEN) leaves no trace of what it dropped, so: entries exist after afterId, and the oldest
    // one kept is newer than afterId, then some may be gone. (Exactly the next one kept costs one refetch.)
    const first = info.get("first-entry") as [string, string[]] | null | undefined;
    if (!first || compareStreamIds(first[0], afterId) > 0) return { gap: true };
    const rows = (await this.redis.xrange(this.streamKey, `(${afterId}`, "+", "COUNT", this.maxLen)) as [string, string[]][];
    const entries = rows.map(([id, fields]) => RedisLeadFeed.parse<P, B>(id, fields)).filter((e): e is LiveEntry<P, B> => e !== null);
    return { gap: false, entries };
  }

  /** Resolves once this process reads the stream, so nothing appended afterwards is missed. Returns the unsubscribe. */
  async subscribe(listener: LiveListener<P, B>): Promise<() => void> {
    this.listeners.add(listener);
    try {
      await this.ensureReading();
    } catch (error) {
      this.listeners.delete(listener);
      throw error;
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /**
   * True while this process reads every entry as it is appended: its last XREAD answered and the reader's
   * connection has not dropped since. What a process remembers from the feed holds only while this does.
   */
  get following(): boolean {
    return this.healthy && !this.stopped;
  }

  /** The id of the last entry this process has read ("0-0" before the first). */
  get position(): string {
    return this.lastId;
  }

  /**
   * Called when entries may have gone by unseen or unpublished: the reader's connection dropped or a read
   * failed, or this process failed to publish a change. Returns the unsubscribe.
   */
  onLoss(listener: () => void): () => void {
    this.lossListeners.add(listener);
    return () => {
      this.lossListeners.delete(listener);
    };
  }

  private lost(): void {
    this.healthy = false;
    for (const l of [...this.lossListeners]) {
      try {
        l();
      } catch (error) {
        this.logger.warn("lead feed loss listener failed", { error: (error as Error).message });
      }
    }
  }

  private ensureReading(): Promise<void> {
    if (!this.reading) {
      // Named, so an operator (and a test) can tell it in CLIENT LIST.
      const reader = this.redis.duplicate({ lazyConnect: true, maxRetriesPerRequest: null, connectionName: `${this.streamKey}:reader` });
      reader.on("error", (error) => this.logger.warn("lead feed reader error", { error: error.message }));
      reader.on("close", () => {
        if (this.reader === reader) this.lost();
      });
      this.reader = reader;
      this.stopped = false;
      const started = this.head().then((id) => {
        this.lastId = id;
        void this.readLoop(reader);
      });
      this.reading = started;
      started.catch(() => {
        this.reading = null;
        this.reader = null;
        reader.disconnect();
      });
    }
    return this.reading;
  }

  /**
   * After a read that found entries, the next waits readPauseMs (40 by default): on a busy floor each
   * subscriber then gets one write per pause with everything since, instead of a write (a syscall, and a
   * wake-up of the browser) per publishing batch. A first entry after a quiet stretch still goes out at once.
   */
  private async readLoop(reader: Redis): Promise<void> {
    const pauseMs = this.opts.readPauseMs ?? 40;
    let found = false;
    while (!this.stopped && this.reader === reader) {
      try {
        if (found && pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
        if (this.stopped || this.reader !== reader) return;
        const res = (await reader.xread("COUNT", 1000, "BLOCK", 5000, "STREAMS", this.streamKey, this.lastId)) as [string, [string, string[]][]][] | null;
        // Entries appended while the connection was down are in this answer (it reads on from lastId), so the
        // feed follows again once it is handed out below.
        const resumed = !this.healthy;
        found = !!res?.some(([, rows]) => rows.length > 0);
        for (const [, rows] of res ?? []) {
          for (const [id, fields] of rows) {
            this.lastId = id;
            const entry = RedisLeadFeed.parse<P, B>(id, fields);
            if (!entry) continue;
            for (const l of [...this.listeners]) {
              try {
                l(entry);
              } catch (error) {
                this.logger.warn("lead event listener failed", { error: (error as Error).message });
              }
            }
          }
        }
        if (resumed && reader.status === "ready") this.healthy = true;
      } catch (error) {
        if (this.stopped || this.reader !== reader) return;
        this.lost();
        this.logger.warn("lead feed read failed", { error: (error as Error).message });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async close(): Promise<void> {
    await this.settled().catch(() => undefined);
    this.stopped = true;
    this.healthy = false;
    this.listeners.clear();
    const reader = this.reader;
    this.reader = null;
    this.reading = null;
    if (reader) reader.disconnect();
  }
}
