import type { Redis } from "ioredis";
import type { Logger } from "../logging/logger";

/**
 * A per-process read cache whose entries every API process drops when one of them announces a change
 * (Redis pub/sub). It only serves entries while this process is subscribed: with the subscriber down an
 * invalidation could be missed, so every read goes to the loader and nothing is kept until it is back.
 */
export interface ProcessCache<V> {
  /** The cached value, or `load()`'s result (kept unless null, or the key was invalidated while loading). */
  get(key: string, load: () => Promise<V>): Promise<V>;
  /** Drops the key here at once and in every other process. */
  invalidate(key: string): void;
  /** Drops every key here and in every other process. */
  invalidateAll(): void;
  /** Drops the entries whose value matches, here and (by `tag`) in every other process. */
  invalidateTagged(tag: string): void;
}

interface Entry<V> {
  value: V;
  expires: number;
  tags: readonly string[];
}

const ALL = "*";

class LocalCache<V> implements ProcessCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Bumped by every invalidation: a load that started before one must not store its (maybe stale) result. */
  private generation = 0;

  constructor(
    readonly name: string,
    private readonly bus: CacheBus,
    private readonly opts: { ttlMs: number; maxEntries: number; tagsOf: (value: V) => readonly string[] },
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (!this.bus.live || this.opts.ttlMs <= 0) return load();
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const generation = this.generation;
    const value = await load();
    // Misses (null) are not kept: unknown keys, such as guessed tokens, must not fill the cache.
    if (value !== null && generation === this.generation && this.bus.live) {
      if (this.entries.size >= this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.delete(key);
      this.entries.set(key, { value, expires: Date.now() + this.opts.ttlMs, tags: this.opts.tagsOf(value) });
    }
    return value;
  }

  invalidate(key: string): void {
    this.drop("key", key);
    this.bus.announce(this.name, "key", key);
  }

  invalidateAll(): void {
    this.drop("key", ALL);
    this.bus.announce(this.name, "key", ALL);
  }

  invalidateTagged(tag: string): void {
    this.drop("tag", tag);
    this.bus.announce(this.name, "tag", tag);
  }

  /** Applies an invalidation (local or heard from another process). */
  drop(kind: "key" | "tag", what: string): void {
    this.generation++;
    if (kind === "key" && what === ALL) this.entries.clear();
    else if (kind === "key") this.entries.delete(what);
    else for (const [k, e] of this.entries) if (e.tags.includes(what)) this.entries.delete(k);
  }
}

/**
 * The invalidation channel of one service instance (`<prefix>:cache-invalidation`) and the caches on it.
 * `start()` subscribes; until the subscription is confirmed (and again after any disconnect) caches are bypassed
 * and emptied, so a process never serves an entry another process may have invalidated meanwhile.
 */
export class CacheBus {
  readonly channel: string;
  private readonly caches = new Map<string, LocalCache<never>>();
  private subscriber: Redis | null = null;
  private ready = false;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly logger: Logger,
  ) {
    this.channel = `${prefix}:cache-invalidation`;
  }

  get live(): boolean {
    return this.ready;
  }

  cache<V>(name: string, opts: { ttlMs: number; maxEntries?: number; tagsOf?: (value: V) => readonly string[] }): ProcessCache<V> {
    if (this.caches.has(name)) throw new Error(`cache "${name}" exists`);
    const c = new LocalCache<V>(name, this, { ttlMs: opts.ttlMs, maxEntries: opts.maxEntries ?? 10_000, tagsOf: opts.tagsOf ?? (() => []) });
    this.caches.set(name, c as unknown as LocalCache<never>);
    return c;
  }

  /** Subscribes (idempotent); resolves when entries may be served. A failure leaves caching off, never reads wrong. */
  async start(): Promise<void> {
    if (this.subscriber) return;
    const sub = this.redis.duplicate({ lazyConnect: true, maxRetriesPerRequest: null });
    this.subscriber = sub;
    const off = () => {
      this.ready = false;
      for (const c of this.caches.values()) c.drop("key", ALL);
    };
    sub.on("error", (error) => this.logger.warn("cache invalidation subscriber error", { error: error.message }));
    sub.on("close", off);
    sub.on("end", off);
    sub.on("message", (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const [name, kind, what] = message.split("|", 3);
      const c = name ? this.caches.get(name) : undefined;
      if (c && (kind === "key" || kind === "tag") && what !== undefined) c.drop(kind, what);
    });
    // Entries are served only once the subscription is confirmed, and again only after a reconnect's.
    const arm = async () => {
      try {
        await sub.subscribe(this.channel);
        for (const c of this.caches.values()) c.drop("key", ALL);
        this.ready = this.subscriber === sub;
      } catch (error) {
        this.logger.warn("cache invalidation not subscribed: caching off", { error: (error as Error).message });
      }
    };
    await arm();
    sub.on("ready", () => void arm());
  }

  announce(name: string, kind: "key" | "tag", what: string): void {
    this.redis.publish(this.channel, `${name}|${kind}|${what}`).catch((error: Error) => {
      // Other processes keep the entry until its TTL runs out; they stop serving anything if Redis is gone.
      this.logger.warn("cache invalidation not published", { cache: name, error: error.message });
    });
  }

  async close(): Promise<void> {
    this.ready = false;
    const sub = this.subscriber;
    this.subscriber = null;
    sub?.disconnect();
  }
}
