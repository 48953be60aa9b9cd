import { createTemplates, newRunId } from "./test-databases";

/** Jest globalSetup: one run id and migrated template databases for the whole run. */
export default async function globalSetup(): Promise<void> {
  const run = newRunId();
  process.env.CRM_TEST_RUN_ID = run;
  await createTemplates(run);
}
