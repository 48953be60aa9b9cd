import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import type { PoolStats } from "@crm/platform";
import { PrismaClient } from "./prisma-client/client";

export type Db = PrismaClient;

// The pool behind each client, for the metrics (Prisma does not expose its adapter's pool).
const pools = new WeakMap<Db, Pool>();

export function createDb(databaseUrl: string, opts: { poolSize?: number } = {}): Db {
  // JIT compilation costs hundreds of milliseconds on board queries and buys nothing for short OLTP queries.
  const pool = new Pool({ connectionString: databaseUrl, max: opts.poolSize ?? 10, options: "-c jit=off" });
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

export function poolStatsOf(db: Db): PoolStats {
  const p = pools.get(db);
  return p ? { total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount } : { total: 0, idle: 0, waiting: 0 };
}
