import { execFileSync } from "node:child_process";
import path from "node:path";

export type Runner = "tsx" | "compiled";

/**
 * `--runner compiled` (the default): the API under test is the production build with the node flags of
 * `pnpm start:bpo`, built first, so the figures are what a deployment gets. `--runner tsx`: main.ts through
 * tsx, as tests and `pnpm demo` run it (no start flags).
 */
export function apiRunner(): Runner {
  const i = process.argv.indexOf("--runner");
  const runner = i > 0 ? process.argv[i + 1] : "compiled";
  if (runner !== "tsx" && runner !== "compiled") throw new Error(`--runner ${runner}: tsx or compiled`);
  if (runner === "compiled") execFileSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], { cwd: path.resolve(__dirname, "../.."), stdio: ["ignore", "ignore", "inherit"] });
  return runner;
}
