import type { Express } from "express";
import request from "supertest";
import { createLogger } from "@crm/platform";
import { type BearerAgent, TEST_PASSWORD, TEST_PASSWORD_HASH, bearerAgent, nextTestUserNumber, startServiceTestApp } from "@crm/test-kit";
import { buildApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { type BpoContainer, createContainer } from "../../src/container";
import type { Role } from "../../src/domain/actor";

export { TEST_PASSWORD };

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
  as(user: TestUser): BearerAgent<request.Test>;
  user(role: Role, name?: string): Promise<TestUser>;
  /** The SQL statements (BEGIN and COMMIT included) this app's database pool sent while `fn` ran. */
  /** Statements a request sends itself; the live feed's batched reads after the commit (tagged live-feed) are left out. */
  statementsDuring(fn: () => Promise<unknown>): Promise<string[]>;
  /** The same statements with whether each went as a prepared (named) statement. */
  preparedDuring(fn: () => Promise<unknown>): Promise<{ sql: string; prepared: boolean }[]>;
  close(): Promise<void>;
}

/** A BPO API on its own fresh database and Redis prefix, for one test file. */
export async function startBpoTestApp(env: Record<string, string> = {}): Promise<BpoTestApp> {
  let recorded: { sql: string; prepared: boolean }[] | null = null;
  const { c, app, close } = await startServiceTestApp({
    schema: "bpo",
    env: { PUBLIC_URL: "http://bpo.test", ...env },
    build: (e) => {
      const c = createContainer(loadConfig(e), {
        logger: createLogger({ service: "bpo-test", level: "error", silent: true }),
        dbPoolSize: 5,
        onStatement: (sql, prepared) => recorded?.push({ sql, prepared }),
      });
      return { c, app: buildApp(c) };
    },
  });
  const preparedDuring = async (fn: () => Promise<unknown>) => {
    const log: { sql: string; prepared: boolean }[] = [];
    recorded = log;
    try {
      await fn();
    } finally {
      recorded = null;
    }
    return log.filter((s) => !s.sql.includes("/* live-feed */"));
  };
  return {
    c,
    app,
    as: (user) => bearerAgent(() => request(app), user.token),
    async user(role, name) {
      const n = nextTestUserNumber();
      const login = `${role}${n}@test`;
      const created = await c.store.repos.users.create({
        login,
        name: name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${n}`,
        email: null,
        role,
        passwordHash: TEST_PASSWORD_HASH,
      });
      const { token } = await c.auth.login(login, TEST_PASSWORD, "api");
      return { id: created.id, name: created.name, role, token };
    },
    statementsDuring: async (fn) => (await preparedDuring(fn)).map((s) => s.sql),
    preparedDuring,
    close,
  };
}
