import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { runId } from "./test-databases";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export const testRedisUrl = (): string => REDIS_URL;

/** A key prefix of this run and test file, so parallel runs never see each other's queues. */
export const newRedisPrefix = (): string => `crmtest:${runId()}:${randomBytes(3).toString("hex")}`;

/** Deletes every key under a prefix (SCAN, so it never blocks Redis). */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
