import type { PoolStats } from "../metrics/service-metrics";
import { poolStatsOf } from "./pg-prisma-client";
import { CacheScope, type StoreCacheSet } from "./cache-scope";
import { translateDbError } from "./db-errors";

/**
 * The slice of a service's generated Prisma client the store uses. Each service generates its own client, so
 * the client is taken structurally: the platform never imports a service's Prisma code.
 */
export interface StoreClient<Tx> {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { timeout?: number }): Promise<R>;
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: any[]): PromiseLike<T>;
  $disconnect(): Promise<void>;
}

export interface ServiceStoreParts<Tx, Repos, C extends StoreCacheSet<C>> {
  /** The service's repositories, bound to the root client or to one transaction's client. */
  bind: (db: Tx, scope: CacheScope<C>) => Repos;
  /** Per-process caches the repositories read through (null: every read goes to the database). */
  caches: C | null;
}

/** Entry to a service's database: repositories on the root client, or all bound to one transaction. */
export class ServiceStore<Tx, Db extends Tx & StoreClient<Tx>, Repos, C extends StoreCacheSet<C> = Record<never, never>> {
  readonly repos: Repos;

  constructor(
    readonly db: Db,
    private readonly parts: ServiceStoreParts<Tx, Repos, C>,
  ) {
    this.repos = parts.bind(db, new CacheScope(parts.caches, false));
  }

  async transaction<T>(fn: (r: Repos) => Promise<T>): Promise<T> {
    const scope = new CacheScope(this.parts.caches, true);
    try {
      const result = await this.db.$transaction((tx) => fn(this.parts.bind(tx, scope)), { timeout: 15_000 });
      scope.committed();
      return result;
    } catch (e) {
      throw translateDbError(e);
    }
  }

  /** Runs a single-statement operation, translating constraint errors. */
  async run<T>(fn: (r: Repos) => Promise<T>): Promise<T> {
    try {
      return await fn(this.repos);
    } catch (e) {
      throw translateDbError(e);
    }
  }

  async ping(): Promise<void> {
    await this.db.$queryRaw`SELECT 1`;
  }

  /** The connection pool behind `db` (made by prismaOnPgPool), for the metrics. */
  poolStats(): PoolStats {
    return poolStatsOf(this.db);
  }

  /** Name of the last migration applied to this database (what `prisma migrate deploy` recorded). */
  async migrationVersion(): Promise<string | null> {
    const rows = await this.db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`;
    return rows[0]?.migration_name ?? null;
  }

  async close(): Promise<void> {
    await this.db.$disconnect();
  }
}
