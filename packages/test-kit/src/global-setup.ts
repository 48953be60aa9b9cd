import { startSharedChromium } from "./browser";
import { createTemplates, newRunId } from "./test-databases";

/** Kept for the global teardown (same process). */
export const SHARED_CHROMIUM_STOP = Symbol.for("crm.test.sharedChromiumStop");

/** Jest globalSetup: one run id, migrated template databases and one Chromium for the whole run. */
export default async function globalSetup(): Promise<void> {
  const run = newRunId();
  process.env.CRM_TEST_RUN_ID = run;
  const [, stopChromium] = await Promise.all([createTemplates(run), startSharedChromium()]);
  (globalThis as Record<symbol, unknown>)[SHARED_CHROMIUM_STOP] = stopChromium;
}
