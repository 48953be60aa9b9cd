import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { BrandSyncLock } from "../domain/distributor-sync-service";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/**
 * A lease in Redis per brand (SET NX PX), shared by every API and worker process, so a manual "Run sync
 * now" and a scheduled job never import one brand at the same time. The holder renews it every third of the
 * TTL, so a long run keeps it while a crashed one frees the brand within one short TTL.
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
    const renew = setInterval(() => {
      this.redis.eval(RENEW, 1, key, token, String(ttlMs)).catch(() => undefined);
    }, Math.max(Math.floor(ttlMs / 3), 10));
    renew.unref();
    return async () => {
      clearInterval(renew);
      await this.redis.eval(RELEASE, 1, key, token);
    };
  }
}
