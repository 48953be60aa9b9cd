import { type SchemaName, createTestDatabase } from "./test-databases";
import { deleteRedisPrefix, newRedisPrefix, testRedisUrl } from "./redis-prefix";

/** The password of every test user (factories, browser sign-ins). */
export const TEST_PASSWORD = "correct horse battery";
/**
 * TEST_PASSWORD hashed once with argon2id at its cheapest (8 KiB, 1 pass): logging a test user in verifies in
 * under a millisecond instead of the production parameters' 50–400 ms, across some 250 sign-ins a run. The
 * services' own hashing (user creation, password change) is unchanged and is what their tests check.
 */
export const TEST_PASSWORD_HASH = "$argon2id$v=19$m=8,t=1,p=1$C7LC1O2QgTT55336iGhA0g$OmtSvIlV3fArElW2zP5VEm4WWCwNqharOMFHj5a60AY";

let userSeq = 0;
/** A number unique within this test file's process, for test users' logins and names. */
export const nextTestUserNumber = (): number => ++userSeq;

/** What a supertest request offers that a bearer agent uses (the test kit does not depend on supertest). */
interface PendingRequest<T> {
  set(name: string, value: string): T;
  send(body: object): T;
}
/** supertest's `request(app)`: each verb starts one request. */
export interface RequestStarter<T extends PendingRequest<T>> {
  get(path: string): T;
  post(path: string): T;
  put(path: string): T;
  patch(path: string): T;
  delete(path: string): T;
}
/** Requests preset with a user's bearer token. */
export interface BearerAgent<T> {
  get(path: string): T;
  post(path: string, body?: object): T;
  put(path: string, body?: object): T;
  patch(path: string, body?: object): T;
  delete(path: string): T;
}

export function bearerAgent<T extends PendingRequest<T>>(start: () => RequestStarter<T>, token: string): BearerAgent<T> {
  const auth = (r: T) => r.set("authorization", `Bearer ${token}`);
  return {
    get: (p) => auth(start().get(p)),
    post: (p, body) => auth(start().post(p)).send(body ?? {}),
    put: (p, body) => auth(start().put(p)).send(body ?? {}),
    patch: (p, body) => auth(start().patch(p)).send(body ?? {}),
    delete: (p) => auth(start().delete(p)),
  };
}

/**
 * A service's container and app on a fresh database (cloned from the run's template) and Redis prefix, for one
 * test file: `build` gets the environment (test defaults, then `env`) and makes them. `close` stops the container
 * and drops the database and the prefix; a failed build drops them at once.
 */
export async function startServiceTestApp<C extends { close(): Promise<void> }, A>(opts: {
  schema: SchemaName;
  env: Record<string, string>;
  build: (env: Record<string, string>) => { c: C; app: A };
}): Promise<{ c: C; app: A; close(): Promise<void> }> {
  const db = await createTestDatabase(opts.schema);
  const prefix = newRedisPrefix();
  const cleanup = async () => {
    await db.drop();
    await deleteRedisPrefix(prefix);
  };
  let built: { c: C; app: A };
  try {
    built = opts.build({
      NODE_ENV: "test",
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      APP_SECRET: "test-secret-test-secret-test-secret-0000",
      LOG_LEVEL: "error",
      ...opts.env,
    });
  } catch (e) {
    await cleanup();
    throw e;
  }
  return {
    ...built,
    async close() {
      await built.c.close();
      await cleanup();
    },
  };
}
