import { dropRunDatabases } from "./test-databases";

export default async function globalTeardown(): Promise<void> {
  const run = process.env.CRM_TEST_RUN_ID;
  if (run) await dropRunDatabases(run);
}
