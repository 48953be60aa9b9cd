import { execFileSync } from "node:child_process";
import path from "node:path";

const SRC = path.resolve(__dirname, "../src");
const HTTP_STACK = ["express", "@bull-board/api", "@bull-board/express", "@asteasolutions/zod-to-openapi", "json-rpc-2.0", "helmet", "prom-client"];

/** The packages (under node_modules) a fresh node process has loaded after requiring `files`. */
function packagesLoadedBy(files: string[]): string[] {
  const script = `for (const f of ${JSON.stringify(files)}) require(f);
const names = new Set();
for (const k of Object.keys(require.cache)) {
  const m = /node_modules\\/(?:\\.pnpm\\/[^/]+\\/node_modules\\/)?((?:@[^/]+\\/)?[^/]+)/.exec(k);
  if (m) names.add(m[1]);
}
process.stdout.write(JSON.stringify([...names]));`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" });
  return JSON.parse(out) as string[];
}

describe("platform entries by role", () => {
  test("a worker's entries (core and jobs) load none of the HTTP stack", () => {
    const loaded = packagesLoadedBy([path.join(SRC, "core.ts"), path.join(SRC, "jobs.ts")]);
    expect(loaded).toContain("bullmq");
    expect(HTTP_STACK.filter((p) => loaded.includes(p))).toEqual([]);
  });

  test("the http entry loads the HTTP stack, but not the queue dashboard until someone opens it", () => {
    const loaded = packagesLoadedBy([path.join(SRC, "http.ts")]);
    expect(loaded).toEqual(expect.arrayContaining(["express", "@asteasolutions/zod-to-openapi"]));
    expect(loaded.filter((p) => p.startsWith("@bull-board/"))).toEqual([]);
  });
});
