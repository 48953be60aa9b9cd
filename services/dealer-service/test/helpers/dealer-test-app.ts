import type { Express } from "express";
import request from "supertest";
import { createLogger } from "@crm/platform";
import { type BearerAgent, TEST_PASSWORD, TEST_PASSWORD_HASH, bearerAgent, nextTestUserNumber, startServiceTestApp } from "@crm/test-kit";
import { buildApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { type DealerContainer, createContainer } from "../../src/container";
import type { Role } from "../../src/domain/actor";

export { TEST_PASSWORD };

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
  as(user: TestUser): BearerAgent<request.Test>;
  user(role: Role, name?: string): Promise<TestUser>;
  close(): Promise<void>;
}

/** A dealer API on its own fresh database and Redis prefix, for one test file. */
export async function startDealerTestApp(env: Record<string, string> = {}): Promise<DealerTestApp> {
  const { c, app, close } = await startServiceTestApp({
    schema: "dealer",
    env: { PUBLIC_URL: "http://dealer.test", DEALER_CODE: "TEST", ...env },
    build: (e) => {
      const c = createContainer(loadConfig(e), { logger: createLogger({ service: "dealer-test", level: "error", silent: true }), dbPoolSize: 5 });
      return { c, app: buildApp(c) };
    },
  });
  return {
    c,
    app,
    as: (user) => bearerAgent(() => request(app), user.token),
    async user(role, name) {
      const n = nextTestUserNumber();
      const login = `${role.replace(/_/g, "-")}${n}@test`;
      const created = await c.store.repos.users.create({ login, name: name ?? `${role} ${n}`, email: null, role, passwordHash: TEST_PASSWORD_HASH });
      const token = role === "service_account" ? "" : (await c.auth.login(login, TEST_PASSWORD, "api")).token;
      return { id: created.id, login, name: created.name, role, token };
    },
    close,
  };
}
