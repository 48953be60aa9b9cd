import type { Express } from "express";
import request from "supertest";
import { createLogger, hashPassword } from "@crm/platform";
import { createTestDatabase, deleteRedisPrefix, newRedisPrefix, testRedisUrl } from "@crm/test-kit";
import { buildApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { type BpoContainer, createContainer } from "../../src/container";
import type { Role } from "../../src/domain/actor";

export interface TestUser {
  id: number;
  name: string;
  role: Role;
  token: string;
}

export interface BpoTestApp {
  c: BpoContainer;
  app: Express;
  /** supertest agent preset with a user's bearer token. */
  as(user: TestUser): {
    get(path: string): request.Test;
    post(path: string, body?: object): request.Test;
    put(path: string, body?: object): request.Test;
    patch(path: string, body?: object): request.Test;
    delete(path: string): request.Test;
  };
  user(role: Role, name?: string): Promise<TestUser>;
  /** The SQL statements (BEGIN and COMMIT included) this app's database pool sent while `fn` ran. */
  /** Statements a request sends itself; the live feed's batched reads after the commit (tagged live-feed) are left out. */
  statementsDuring(fn: () => Promise<unknown>): Promise<string[]>;
  close(): Promise<void>;
}

let seq = 0;
// Hashing with argon2 is deliberately slow; tests share one hash.
const PASSWORD = "correct horse battery";
const passwordHash = hashPassword(PASSWORD);
export const TEST_PASSWORD = PASSWORD;

/** A BPO API on its own fresh database and Redis prefix, for one test file. */
export async function startBpoTestApp(env: Record<string, string> = {}): Promise<BpoTestApp> {
  const db = await createTestDatabase("bpo");
  const prefix = newRedisPrefix();
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    PUBLIC_URL: "http://bpo.test",
    APP_SECRET: "test-secret-test-secret-test-secret-0000",
    LOG_LEVEL: "error",
    ...env,
  });
  let recorded: string[] | null = null;
  const c = createContainer(config, {
    logger: createLogger({ service: "bpo-test", level: "error", silent: true }),
    dbPoolSize: 5,
    onStatement: (sql) => recorded?.push(sql),
  });
  const app = buildApp(c);
  const t: BpoTestApp = {
    c,
    app,
    as(user) {
      const auth = (r: request.Test) => r.set("authorization", `Bearer ${user.token}`);
      return {
        get: (p) => auth(request(app).get(p)),
        post: (p, body) => auth(request(app).post(p)).send(body ?? {}),
        put: (p, body) => auth(request(app).put(p)).send(body ?? {}),
        patch: (p, body) => auth(request(app).patch(p)).send(body ?? {}),
        delete: (p) => auth(request(app).delete(p)),
      };
    },
    async user(role, name) {
      const n = ++seq;
      const login = `${role}${n}@test`;
      const created = await c.store.repos.users.create({
        login,
        name: name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${n}`,
        email: null,
        role,
        passwordHash: await passwordHash,
      });
      const { token } = await c.auth.login(login, PASSWORD, "api");
      return { id: created.id, name: created.name, role, token };
    },
    async statementsDuring(fn) {
      const log: string[] = [];
      recorded = log;
      try {
        await fn();
      } finally {
        recorded = null;
      }
      return log.filter((sql) => !sql.includes("/* live-feed */"));
    },
    async close() {
      await c.close();
      await db.drop();
      await deleteRedisPrefix(prefix);
    },
  };
  return t;
}
