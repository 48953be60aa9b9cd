import type { Prisma, PrismaClient } from "./prisma-client/client";

/** The root client or a transaction's client: repositories work on either. */
export type DbClient = PrismaClient | Prisma.TransactionClient;
