import type { Role } from "../../src/domain/actor";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./bpo-test-app";

/**
 * The preamble most BPO test files share: one app for the whole file (beforeAll) with a user per role asked
 * for, handed to `bind` for the file's own variables; after the file, `close` runs, then the app closes.
 */
export function bpoTestFile<R extends Role>(
  roles: readonly R[],
  bind: (t: BpoTestApp, users: Record<R, TestUser>) => void,
  close: () => Promise<unknown> = async () => undefined,
): void {
  let app: BpoTestApp | undefined;
  beforeAll(async () => {
    app = await startBpoTestApp();
    const users = {} as Record<R, TestUser>;
    for (const role of roles) users[role] = await app.user(role);
    bind(app, users);
  });
  afterAll(async () => {
    await close();
    await app?.close();
  });
}

/** Runs a test file's teardown steps one after another, in the order given (the reverse of their start). */
export async function closeInOrder(steps: (() => Promise<unknown>)[]): Promise<void> {
  for (const step of steps) await step();
}
