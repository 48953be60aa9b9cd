import type { Express } from "express";
import request from "supertest";
import { createLogger, hashPassword } from "@crm/platform";
// dealer-service has no package dependency on the test kit (the lockfile is shared); a relative import keeps it so.
import { createTestDatabase, deleteRedisPrefix, newRedisPrefix, testRedisUrl } from "@crm/test-kit";
import { buildApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { type DealerContainer, createContainer } from "../../src/container";
import type { Role } from "../../src/domain/actor";

export interface TestUser {
  id: number;
  login: string;
  name: string;
  role: Role;
  /** Empty for service accounts: they cannot log in. */
  token: string;
}

export interface DealerTestApp {
  c: DealerContainer;
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
  close(): Promise<void>;
}

let seq = 0;
// Hashing with argon2 is deliberately slow; tests share one hash.
export const TEST_PASSWORD = "correct horse battery";
const passwordHash = hashPassword(TEST_PASSWORD);

/** A dealer API on its own fresh database and Redis prefix, for one test file. */
export async function startDealerTestApp(env: Record<string, string> = {}): Promise<DealerTestApp> {
  const db = await createTestDatabase("dealer");
  const prefix = newRedisPrefix();
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    PUBLIC_URL: "http://dealer.test",
    APP_SECRET: "test-secret-test-secret-test-secret-0000",
    LOG_LEVEL: "error",
    DEALER_CODE: "TEST",
    ...env,
  });
  const c = createContainer(config, { logger: createLogger({ service: "dealer-test", level: "error", silent: true }), dbPoolSize: 5 });
  const app = buildApp(c);
  return {
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
      const login = `${role.replace(/_/g, "-")}${n}@test`;
      const created = await c.store.repos.users.create({
        login,
        name: name ?? `${role} ${n}`,
        email: null,
        role,
        passwordHash: await passwordHash,
      });
      const token = role === "service_account" ? "" : (await c.auth.login(login, TEST_PASSWORD, "api")).token;
      return { id: created.id, login, name: created.name, role, token };
    },
    async close() {
      await c.close();
      await db.drop();
      await deleteRedisPrefix(prefix);
    },
  };
}
