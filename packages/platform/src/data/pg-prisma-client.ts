import { PrismaPg } from "@prisma/adapter-pg";
import { Pool, type PoolClient } from "pg";
import type { PoolStats } from "../metrics/service-metrics";

/** Called with the text of every statement sent to PostgreSQL (BEGIN and COMMIT included): statement counts. */
export type StatementListener = (sql: string) => void;

export interface PgClientOptions {
  poolSize?: number;
  onStatement?: StatementListener;
}

// The pool behind each client, for the metrics (Prisma does not expose its adapter's pool).
const pools = new WeakMap<object, Pool>();

/**
 * A service's Prisma client on its own pg pool. `makeClient` builds the service's generated client on the
 * adapter, so the platform never imports a service's Prisma client.
 */
export function prismaOnPgPool<Db extends object>(databaseUrl: string, opts: PgClientOptions, makeClient: (adapter: PrismaPg) => Db): Db {
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
  const db = makeClient(new PrismaPg(pool, { disposeExternalPool: true }));
  pools.set(db, pool);
  return db;
}

/** The pool behind a client made by prismaOnPgPool (zeros for any other client). */
export function poolStatsOf(db: object): PoolStats {
  const p = pools.get(db);
  return p ? { total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount } : { total: 0, idle: 0, waiting: 0 };
}
