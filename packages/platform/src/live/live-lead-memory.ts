import type { LiveEntry, RedisLeadFeed } from "./redis-lead-events";
import { compareStreamIds } from "./redis-lead-events";

/** What the memory needs of the feed (RedisLeadFeed). */
export type FollowedFeed<P, B> = Pick<RedisLeadFeed<P, B>, "subscribe" | "onLoss" | "following" | "position">;

export interface LiveLeadMemoryOptions {
  /** How long a remembered fact is used: bounds how stale it can be should its change never reach the feed. */
  ttlMs?: number;
  /** After this process changes a lead itself, how long the feed's older entries about it are not learned. */
  quietMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * What the live feed last said about recently changed leads, per process: an answer that may trail the
 * database by the feed's delay (tens of milliseconds), for refusals that would otherwise cost a database read
 * each (a lost claim race: most requests of a busy floor's first seconds on a new card). Never for a decision
 * that writes: the database still decides every claim.
 *
 * It holds only while the feed follows the stream: it is emptied when the feed loses entries (connection
 * dropped, a read or a publish failed) and unused until the feed reads again. A fact is used for `ttlMs` at
 * most; a caller that has seen a newer entry than this process has read (a page's last event id) gets null;
 * and a lead this process changed itself is forgotten at once, before the feed brings the change back.
 */
export class LiveLeadMemory<P, B, V> {
  private readonly facts = new Map<number, { value: V; at: number }>();
  private readonly quiet = new Map<number, number>();
  private subscribed: Promise<unknown> | null = null;
  private readonly ttlMs: number;
  private readonly quietMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly feed: FollowedFeed<P, B>,
    /** What to remember of an entry; null: nothing (and forget what was remembered of that lead). */
    private readonly pick: (entry: LiveEntry<P, B>) => V | null,
    opts: LiveLeadMemoryOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 10_000;
    this.quietMs = opts.quietMs ?? 2_000;
    this.maxEntries = opts.maxEntries ?? 50_000;
    this.now = opts.now ?? Date.now;
    feed.onLoss(() => this.facts.clear());
  }

  /**
   * The remembered fact about a lead, or null when there is none to rely on. The first call starts following
   * the feed (API processes only ever call it), so it answers null until the feed has been read.
   * `seenEventId`: the newest live event the caller has seen; null unless this process has read that far.
   */
  recall(leadId: number, seenEventId?: string): V | null {
    if (!this.subscribed) this.follow();
    if (!this.feed.following) return null;
    if (seenEventId !== undefined && compareStreamIds(this.feed.position, seenEventId) < 0) return null;
    const fact = this.facts.get(leadId);
    if (!fact) return null;
    if (this.now() - fact.at > this.ttlMs) {
      this.facts.delete(leadId);
      return null;
    }
    return fact.value;
  }

  /** This process changed the lead: drop what is known, and learn nothing about it for a moment. */
  forget(leadId: number): void {
    this.facts.delete(leadId);
    if (this.subscribed) this.quiet.set(leadId, this.now() + this.quietMs);
  }

  get size(): number {
    return this.facts.size;
  }

  /** Whether it listens to the feed (one of the feed's listeners) since its first recall. */
  get listening(): boolean {
    return this.subscribed !== null;
  }

  private follow(): void {
    this.subscribed = this.feed.subscribe((e) => this.learn(e)).catch(() => {
      // Redis unavailable: try again on a later call.
      this.subscribed = null;
    });
  }

  private learn(entry: LiveEntry<P, B>): void {
    const now = this.now();
    const quietUntil = this.quiet.get(entry.leadId);
    if (quietUntil !== undefined) {
      if (now < quietUntil) {
        this.facts.delete(entry.leadId);
        return;
      }
      this.quiet.delete(entry.leadId);
    }
    const value = this.pick(entry);
    // Re-inserted at the end: the map's order is oldest first, which is what gets dropped when it is full.
    this.facts.delete(entry.leadId);
    if (value === null) return;
    this.facts.set(entry.leadId, { value, at: now });
    if (this.facts.size > this.maxEntries) this.facts.delete(this.facts.keys().next().value!);
    if (this.quiet.size > this.maxEntries) this.quiet.clear();
  }
}
