import { queryOnPool } from "@crm/platform/core";
import type { Prisma, PrismaClient } from "./prisma-client/client";

/** The root client or a transaction's client: repositories work on either. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

/**
 * A hot path's statement: on the root client's pg pool directly (no Prisma request pipeline nor query compiler),
 * or through the transaction's client when `db` is one, so it stays inside that transaction. Same row types as
 * `$queryRaw`.
 */
export async function hotQuery<T>(db: DbClient, sql: Prisma.Sql): Promise<T[]> {
  return (await queryOnPool<T>(db, sql)) ?? db.$queryRaw<T[]>(sql);
}
