import { type PgClientOptions, prismaOnPgPool } from "@crm/platform/core";
import { PrismaClient } from "./prisma-client/client";

export type Db = PrismaClient;

export const createDb = (databaseUrl: string, opts: PgClientOptions = {}): Db => prismaOnPgPool(databaseUrl, opts, (adapter) => new PrismaClient({ adapter }));
