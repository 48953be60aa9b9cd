import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./prisma-client/client";

export type Db = PrismaClient;

export function createDb(databaseUrl: string, opts: { poolSize?: number } = {}): Db {
  // JIT compilation costs hundreds of milliseconds on board queries and buys nothing for short OLTP queries.
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: opts.poolSize ?? 10, options: "-c jit=off" });
  return new PrismaClient({ adapter });
}
