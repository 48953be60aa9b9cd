import { PrismaPg } from "@prisma/adapter-pg";
import { Pool, type PoolClient, type QueryConfig, types } from "pg";
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
  // Sessions in UTC: the columns are timestamps without zone holding UTC (as Prisma writes them), so a now()
  // written by raw SQL must be UTC too, whatever default zone the operator's server has.
  const pool = new Pool({ connectionString: databaseUrl, max: opts.poolSize ?? 10, options: "-c jit=off -c TimeZone=UTC" });
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

/** The pool behind a root client made by prismaOnPgPool; undefined for a transaction's client (or any other). */
export function pgPoolOf(db: object): Pool | undefined {
  return pools.get(db);
}

/** Timestamps as the Prisma adapter reads them: without zone, UTC; with zone, the instant its offset says. */
const utcTimestamp = (s: string) => new Date(`${s.replace(" ", "T")}+00:00`);
// PostgreSQL prints "+08" where ECMAScript dates need "+08:00".
const utcTimestampTz = (s: string) => new Date(s.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"));
const PRISMA_LIKE_TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === types.builtins.TIMESTAMP) return utcTimestamp;
    if (oid === types.builtins.TIMESTAMPTZ) return utcTimestampTz;
    if (oid === types.builtins.INT8) return (s: string) => BigInt(s);
    return types.getTypeParser(oid, format);
  }) as typeof types.getTypeParser,
};

/**
 * One statement sent on the pool of a root client made by prismaOnPgPool, skipping Prisma's request pipeline and
 * query compiler (a fifth of the API's CPU on the claim race); rows come back with the types `$queryRaw` gives
 * (Dates for timestamps, BigInt for int8, parsed json). Inside a transaction there is no pool: the caller sends
 * the statement through the transaction's client instead (see `null`).
 * `query` is a Prisma.Sql (`text` with $n placeholders, `values`).
 */
export async function queryOnPool<T>(db: object, query: { text: string; values: unknown[] }): Promise<T[] | null> {
  const pool = pools.get(db);
  if (!pool) return null;
  // Dates as UTC instants (the columns are timestamps without zone holding UTC, as Prisma writes them).
  const values = query.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  const config: QueryConfig = { text: query.text, values, types: PRISMA_LIKE_TYPES };
  return (await pool.query(config)).rows as T[];
}
