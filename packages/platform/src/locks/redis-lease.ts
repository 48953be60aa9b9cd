import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Named leases in Redis (SET NX PX), shared by every API and worker process of a service, so two processes
 * never run the same exclusive work at once. The holder renews its lease every third of the TTL, so a long
 * run keeps it while a crashed one frees the name within one short TTL.
 */
export class RedisLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** The release function, or null when another process holds `name`. */
  async tryAcquire(name: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const key = `${this.prefix}:${name}`;
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
