import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool, type PoolClient, type QueryConfig, types } from "pg";
import type { PoolStats } from "../metrics/service-metrics";

/**
 * Called with the text of every statement sent to PostgreSQL (BEGIN and COMMIT included): statement counts.
 * `prepared`: sent as a named statement, planned once per connection (hot paths), not on every call.
 */
export type StatementListener = (sql: string, prepared: boolean) => void;

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
        listen(typeof q === "string" ? q : String((q as { text?: string }).text ?? ""), typeof q === "object" && q !== null && !!(q as { name?: string }).name);
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
 * Hot statements are prepared once per connection (named statements): planning a join costs PostgreSQL more than
 * running it (the claim race's one-row lookup ran at 2,900/s unnamed, 14,600/s prepared, pgbench on this
 * machine). Names are derived from the text, so one text is one statement. The hot paths send a fixed set of
 * texts; past this many distinct ones (a caller building texts from data) statements go unnamed, so a
 * connection never accumulates unbounded prepared statements.
 */
const MAX_NAMED_STATEMENTS = 200;
const statementNames = new Map<string, string>();
function statementName(text: string): string | undefined {
  const known = statementNames.get(text);
  if (known !== undefined || statementNames.size >= MAX_NAMED_STATEMENTS) return known;
  const name = `hot_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  statementNames.set(text, name);
  return name;
}

/**
 * A prepared `SELECT l.*` or `RETURNING *` fails with "cached plan must not change result type" once a migration
 * has changed the table under a running process (SQLSTATE 0A000). The connection holding the stale statement is
 * dropped and the statement sent again, until a connection prepares it afresh.
 */
const isStalePreparedPlan = (e: unknown) => (e as { code?: string }).code === "0A000" && /cached plan/.test(String((e as Error).message));

/**
 * One statement sent on the pool of a root client made by prismaOnPgPool, skipping Prisma's request pipeline and
 * query compiler (a fifth of the API's CPU on the claim race), prepared once per connection (see statementName);
 * rows come back with the types `$queryRaw` gives (Dates for timestamps, BigInt for int8, parsed json). Inside a
 * transaction there is no pool: the caller sends the statement through the transaction's client instead (see `null`).
 * `query` is a Prisma.Sql (`text` with $n placeholders, `values`).
 */
export async function queryOnPool<T>(db: object, query: { text: string; values: unknown[] }): Promise<T[] | null> {
  const pool = pools.get(db);
  if (!pool) return null;
  // Dates as UTC instants (the columns are timestamps without zone holding UTC, as Prisma writes them).
  const values = query.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  const config: QueryConfig = { name: statementName(query.text), text: query.text, values, types: PRISMA_LIKE_TYPES };
  // Every connection may hold the stale statement: each one found is dropped, then the next is tried.
  for (let attempt = 0; ; attempt++) {
    const client = await pool.connect();
    try {
      const rows = (await client.query(config)).rows as T[];
      client.release();
      return rows;
    } catch (e) {
      // As pool.query does: a connection that failed a statement is destroyed, not reused.
      client.release(e as Error);
      if (!isStalePreparedPlan(e) || attempt >= (pool.options.max ?? 10)) throw e;
    }
  }
}
