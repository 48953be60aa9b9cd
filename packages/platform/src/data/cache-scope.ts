import type { ProcessCache } from "../cache/shared-invalidation";

/** A store's per-process caches by name (e.g. `{ sessions: ProcessCache<…> }`). */
export type StoreCacheSet<C> = { [K in keyof C]: ProcessCache<any> };

/**
 * How repositories use the caches inside one unit of work. Writes invalidate at once and, in a transaction,
 * again after the commit (a read between the two could have cached the old rows); a transaction that wrote a
 * cached table reads it from the database for the rest of its life (it sees its own uncommitted rows).
 */
export class CacheScope<C extends StoreCacheSet<C>> {
  // Keys only (not `keyof C`), so a scope over more caches serves a repository that names fewer.
  private readonly written = new Set<PropertyKey>();
  private readonly afterCommit: (() => void)[] = [];

  constructor(
    readonly caches: C | null,
    private readonly inTransaction: boolean,
  ) {}

  read<K extends keyof C, V>(name: K, key: string, load: () => Promise<V>): Promise<V> {
    const cache = this.caches?.[name] as ProcessCache<V> | undefined;
    if (!cache || this.written.has(name)) return load();
    return cache.get(key, load);
  }

  /** `how` drops what changed: a key, a tag, or everything in that cache. */
  changed<K extends keyof C>(name: K, how: (c: C[K]) => void): void {
    const cache = this.caches?.[name];
    if (!cache) return;
    how(cache);
    if (this.inTransaction) {
      this.written.add(name);
      this.afterCommit.push(() => how(cache));
    }
  }

  committed(): void {
    for (const f of this.afterCommit.splice(0)) f();
  }
}
