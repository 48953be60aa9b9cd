import { PrismaPg } from "@prisma/adapter-pg";
import { Pool, type PoolClient } from "pg";
import type { PoolStats } from "@crm/platform";
import { PrismaClient } from "./prisma-client/client";

export type Db = PrismaClient;

/** Called with the text of every statement sent to PostgreSQL (BEGIN and COMMIT included): statement counts. */
export type StatementListener = (sql: string) => void;

// The pool behind each client, for the metrics (Prisma does not expose its adapter's pool).
const pools = new WeakMap<Db, Pool>();

export function createDb(databaseUrl: string, opts: { poolSize?: number; onStatement?: StatementListener } = {}): Db {
  // JIT compilation costs hundreds of milliseconds on board queries and buys nothing for short OLTP queries.
  const pool = new Pool({ connectionString: databaseUrl, max: opts.poolSize ?? 10, options: "-c jit=off" });
  const listen = opts.onStatement;
  if (listen) {
    pool.on("connect", (client: PoolClient) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const q = args[0];
        listen(typeof q === "string" ? q : String((q as { text?: string }).text ?? ""));
        return query(...args);
      };
    });
  }
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

export function poolStatsOf(db: Db): PoolStats {
  const p = pools.get(db);
  return p ? { total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount } : { total: 0, idle: 0, waiting: 0 };
}
