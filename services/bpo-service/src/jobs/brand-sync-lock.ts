import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { BrandSyncLock } from "../domain/distributor-sync-service";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * A lease in Redis per brand (SET NX PX), shared by every API and worker process, so a manual "Run sync
 * now" and a scheduled job never import one brand at the same time. The TTL frees it after a crash.
 */
export class RedisBrandSyncLock implements BrandSyncLock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async tryAcquire(brandId: number, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const key = `${this.prefix}:distributor-sync-lock:${brandId}`;
    const token = randomBytes(12).toString("hex");
    const ok = await this.redis.set(key, token, "PX", ttlMs, "NX");
    if (ok !== "OK") return null;
    return async () => {
      await this.redis.eval(RELEASE, 1, key, token);
    };
  }
}
