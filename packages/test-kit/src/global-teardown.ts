import { SHARED_CHROMIUM_STOP } from "./global-setup";
import { dropRunDatabases } from "./test-databases";

export default async function globalTeardown(): Promise<void> {
  const stopChromium = (globalThis as Record<symbol, unknown>)[SHARED_CHROMIUM_STOP] as (() => Promise<void>) | null | undefined;
  await stopChromium?.();
  const run = process.env.CRM_TEST_RUN_ID;
  if (run) await dropRunDatabases(run);
}
