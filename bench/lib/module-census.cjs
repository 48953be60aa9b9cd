/**
 * Preloaded into a child process by `bench/memory.ts --modules` (node --require). On SIGUSR2 it writes what the
 * process has loaded to $MODULE_CENSUS_DIR/<pid>.json: CommonJS modules in the require cache grouped by package
 * (in the compiled build the workspace code is one bundle file, so the packages are the third-party ones it
 * required), and the JS heap after a forced GC when node runs with --expose-gc.
 */
const { writeFileSync } = require("node:fs");
const path = require("node:path");

process.on("SIGUSR2", () => {
  const files = Object.keys(require.cache);
  const packages = {};
  for (const f of files) {
    const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(f);
    const name = m ? m[1] : "(workspace)";
    packages[name] = (packages[name] ?? 0) + 1;
  }
  if (typeof global.gc === "function") global.gc();
  const heapUsed = process.memoryUsage().heapUsed;
  writeFileSync(path.join(process.env.MODULE_CENSUS_DIR, `${process.pid}.json`), JSON.stringify({ modules: files.length, heapUsed, packages }));
});
