/**
 * Shared boot code for the bench scripts: a BPO and/or a dealer-service, each on its own fresh database
 * (migrations applied) and Redis prefix, listening on loopback. Everything is dropped by close().
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

// express is a dependency of the services, not of the repository root.
// Types come through the services (bench/ cannot resolve express itself).
export type Express = ReturnType<typeof buildBpoApp>;
const express = createRequire(require.resolve("../../services/bpo-service/package.json"))("express") as () => Express;
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const PASSWORD = "correct horse battery";
const passwordHash = hashPassword(PASSWORD);
export const say = (s: string) => process.stdout.write(`${s}\n`);

export interface BenchUser<R> {
  id: number;
  login: string;
  name: string;
  role: R;
  token: string;
}

interface Running {
  url: string;
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

const cleanups: (() => Promise<void>)[] = [];
let seq = 0;

async function freshDatabase(schema: SchemaName): Promise<{ dbName: string; dbUrl: string; prefix: string }> {
  const dbName = `crm_bench_${randomBytes(4).toString("hex")}`;
  const prefix = `crmbench:${randomBytes(3).toString("hex")}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  cleanups.push(async () => {
    await dropDatabase(dbName);
    await deleteRedisPrefix(prefix);
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
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const silent = (service: string) => createLogger({ service, level: "error", silent: true });

export async function startBpo(opts: { poolSize?: number; env?: Record<string, string>; mount?: (app: Express, c: BpoContainer) => void } = {}): Promise<BpoBench> {
  const { dbName, dbUrl, prefix } = await freshDatabase("bpo");
  const c = createBpoContainer(
    loadBpoConfig({
      NODE_ENV: "production",
      DATABASE_URL: dbUrl,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      PUBLIC_URL: "http://bench.local",
      APP_SECRET: "bench-secret-bench-secret-bench-secret-00",
      LOG_LEVEL: "error",
      LOGIN_RATE_LIMIT: "100000",
      ...opts.env,
    }),
    { logger: silent("bench-bpo"), dbPoolSize: opts.poolSize ?? 10 },
  );
  cleanups.push(() => c.close());
  const outer = express();
  opts.mount?.(outer, c);
  const app = buildBpoApp(c);
  outer.use(app);
  const { server, url } = await listen(outer);
  return {
    c,
    app,
    url,
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

export async function startDealer(opts: { poolSize?: number } = {}): Promise<DealerBench> {
  const { dbName, dbUrl, prefix } = await freshDatabase("dealer");
  const c = createDealerContainer(
    loadDealerConfig({
      NODE_ENV: "production",
      DATABASE_URL: dbUrl,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      PUBLIC_URL: "http://dealer.bench.local",
      APP_SECRET: "bench-secret-bench-secret-bench-secret-00",
      LOG_LEVEL: "error",
      DEALER_CODE: "BENCH",
      LOGIN_RATE_LIMIT: "100000",
    }),
    { logger: silent("bench-dealer"), dbPoolSize: opts.poolSize ?? 10 },
  );
  cleanups.push(() => c.close());
  const app = buildDealerApp(c);
  const { server, url } = await listen(app);
  return {
    c,
    app,
    url,
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

/** Closes servers and containers, drops databases and Redis prefixes (in reverse order of creation). */
export async function closeAll(): Promise<void> {
  while (cleanups.length) {
    const f = cleanups.pop()!;
    await f().catch((e: Error) => process.stderr.write(`cleanup: ${e.message}\n`));
  }
}

export interface HttpAnswer {
  status: number;
  body: unknown;
  text: string;
}

/** One HTTP call with a raw or JSON body; never throws on a status. */
export async function http(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const res = await fetch(`${base}${path}`, { method: method.toUpperCase(), headers, body, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, text };
}

export const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
export const median = (xs: number[]): number => quantile(xs, 0.5);
