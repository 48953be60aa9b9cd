/** One jest run for the whole workspace: every package and service is a project. */
const project = (dir) => ({
  displayName: dir,
  rootDir: `<rootDir>/${dir}`,
  testEnvironment: "node",
  // jest 30 clears globals between files by default, which breaks nock 14.
  testEnvironmentOptions: { globalsCleanup: "off" },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: `${__dirname}/tsconfig.base.json` }] },
});

module.exports = {
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: `${__dirname}/tsconfig.base.json` }] },
  globalSetup: "<rootDir>/packages/test-kit/src/global-setup.ts",
  globalTeardown: "<rootDir>/packages/test-kit/src/global-teardown.ts",
  projects: ["packages/contracts", "packages/platform", "packages/ui-kit", "services/bpo-service", "services/dealer-service", "tools/distributor-simulator"]
    .filter((d) => require("node:fs").existsSync(`${__dirname}/${d}/test`))
    .map(project),
  // A deadline, not a wait: passing tests end as soon as their state is reached. 60 s because on a loaded 2-core
  // machine (CI next to other jobs) browser and cross-service tests took over 30 s while correct.
  testTimeout: 60_000,
  // One worker per core (jest's default leaves one core idle): about half of each file's time is module loading
  // and waiting on PostgreSQL, Redis or Chromium, so a second worker on a 2-core machine shortens the run.
  // JEST_WORKERS overrides it (e.g. 1 to reproduce a failure alone).
  maxWorkers: process.env.JEST_WORKERS ?? "100%",
  // How long a worker may take to exit at the end before jest kills it and says it "failed to exit gracefully"
  // (default 500 ms). On a loaded 2-core machine a worker with no handle left fired 'exit' 1 ms after jest asked
  // and still took 620 ms to be gone (process teardown waiting for a core). A leaked server, socket or timer
  // still holds a worker past 5 s and is still reported.
  workerGracefulExitTimeout: 5_000,
  // In CI the failing tests are repeated at the end (summary) and then listed one per line by name.
  reporters: process.env.CI
    ? ["default", ["summary", { summaryThreshold: 0 }], "github-actions", "<rootDir>/packages/test-kit/reporters/failing-tests-reporter.cjs"]
    : ["default", "<rootDir>/packages/test-kit/reporters/failing-tests-reporter.cjs"],
};
