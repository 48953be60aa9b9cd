/**
 * The BPO and the dealer-service inside the bench script's own process, each on its own fresh database
 * (migrations applied) and Redis prefix, listening on loopback. closeAll() drops everything.
 */
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "pg";
import { createLogger, hashPassword } from "../../packages/platform/src";
import { type SchemaName, applyMigrations, databaseUrl, deleteRedisPrefix, dropDatabase, testRedisUrl } from "../../packages/test-kit/src";
import { buildApp as buildBpoApp } from "../../services/bpo-service/src/app";
import { loadConfig as loadBpoConfig } from "../../services/bpo-service/src/config";
import { type BpoContainer, createContainer as createBpoContainer } from "../../services/bpo-service/src/container";
import type { Role as BpoRole } from "../../services/bpo-service/src/domain/actor";
import { buildApp as buildDealerApp } from "../../services/dealer-service/src/app";
import { loadConfig as loadDealerConfig } from "../../services/dealer-service/src/config";
import { type DealerContainer, createContainer as createDealerContainer } from "../../services/dealer-service/src/container";
import type { Role as DealerRole } from "../../services/dealer-service/src/domain/actor";
import { atClose } from "./cleanup";

// express is a dependency of the services, not of the repository root.
// Types come through the services (bench/ cannot resolve express itself).
export type Express = ReturnType<typeof buildBpoApp>;
const express = createRequire(require.resolve("../../services/bpo-service/package.json"))("express") as () => Express;
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const PASSWORD = "correct horse battery";
const passwordHash = hashPassword(PASSWORD);

export interface BenchUser<R> {
  id: number;
  login: string;
  name: string;
  role: R;
  token: string;
}

interface Running {
  url: string;
  /** The environment the in-process container was configured with (a child process started with it shares the instance). */
  env: Record<string, string>;
  dbUrl: string;
  dbName: string;
  prefix: string;
  server: Server;
}

export interface BpoBench extends Running {
  c: BpoContainer;
  app: Express;
  user(role: BpoRole): Promise<BenchUser<BpoRole>>;
}

export interface DealerBench extends Running {
  c: DealerContainer;
  app: Express;
  user(role: DealerRole): Promise<BenchUser<DealerRole>>;
}

let seq = 0;

async function freshDatabase(schema: SchemaName): Promise<{ dbName: string; dbUrl: string; prefix: string }> {
  const dbName = `crm_bench_${randomBytes(4).toString("hex")}`;
  const prefix = `crmbench:${randomBytes(3).toString("hex")}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  atClose(async () => {
    await deleteRedisPrefix(prefix);
    // BENCH_KEEP_DB keeps a costly dataset (e.g. floor-report's 1M leads) for EXPLAIN work; drop it by hand after.
    if (process.env.BENCH_KEEP_DB) return void process.stderr.write(`database kept: ${dbName} (drop it when done)\n`);
    await dropDatabase(dbName);
  });
  const dbUrl = databaseUrl(dbName);
  await applyMigrations(dbUrl, schema);
  return { dbName, dbUrl, prefix };
}

/** Listen on a free loopback port; the app is mounted after `before` so a script can add its own handlers. */
async function listen(app: Express): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  atClose(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const silent = (service: string) => createLogger({ service, level: "error", silent: true });

export async function startBpo(opts: { poolSize?: number; env?: Record<string, string>; mount?: (app: Express, c: BpoContainer) => void } = {}): Promise<BpoBench> {
  const { dbName, dbUrl, prefix } = await freshDatabase("bpo");
  const env: Record<string, string> = {
    NODE_ENV: "production",
    DATABASE_URL: dbUrl,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    PUBLIC_URL: "http://bench.local",
    APP_SECRET: "bench-secret-bench-secret-bench-secret-00",
    LOG_LEVEL: "error",
    LOGIN_RATE_LIMIT: "100000",
    ...opts.env,
  };
  const c = createBpoContainer(loadBpoConfig(env), { logger: silent("bench-bpo"), dbPoolSize: opts.poolSize ?? 10 });
  atClose(() => c.close());
  const outer = express();
  opts.mount?.(outer, c);
  const app = buildBpoApp(c);
  outer.use(app);
  const { server, url } = await listen(outer);
  return {
    c,
    app,
    url,
    env,
    dbUrl,
    dbName,
    prefix,
    server,
    async user(role) {
      const n = ++seq;
      const login = `${role}${n}@bench`;
      const u = await c.store.repos.users.create({ login, name: `${role} ${n}`, email: null, role, passwordHash: await passwordHash });
      const { token } = await c.auth.login(login, PASSWORD, "api");
      return { id: u.id, login, name: u.name, role, token };
    },
  };
}

export async function startDealer(opts: { poolSize?: number; env?: Record<string, string> } = {}): Promise<DealerBench> {
  const { dbName, dbUrl, prefix } = await freshDatabase("dealer");
  const env: Record<string, string> = {
    NODE_ENV: "production",
    DATABASE_URL: dbUrl,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    PUBLIC_URL: "http://dealer.bench.local",
    APP_SECRET: "bench-secret-bench-secret-bench-secret-00",
    LOG_LEVEL: "error",
    DEALER_CODE: "BENCH",
    LOGIN_RATE_LIMIT: "100000",
    ...opts.env,
  };
  const c = createDealerContainer(loadDealerConfig(env), { logger: silent("bench-dealer"), dbPoolSize: opts.poolSize ?? 10 });
  atClose(() => c.close());
  const app = buildDealerApp(c);
  const { server, url } = await listen(app);
  return {
    c,
    app,
    url,
    env,
    dbUrl,
    dbName,
    prefix,
    server,
    async user(role) {
      const n = ++seq;
      const login = `${role.replace(/_/g, "-")}${n}@bench`;
      const u = await c.store.repos.users.create({ login, name: `${role} ${n}`, email: null, role, passwordHash: await passwordHash });
      const token = role === "service_account" ? "" : (await c.auth.login(login, PASSWORD, "api")).token;
      return { id: u.id, login, name: u.name, role, token };
    },
  };
}
