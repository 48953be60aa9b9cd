import { execFileSync } from "node:child_process";
import path from "node:path";
import { deleteRedisPrefix, newRedisPrefix, testRedisUrl } from "@crm/test-kit";

const SRC = path.resolve(__dirname, "../src");
const HTTP_STACK = ["express", "@bull-board/api", "@bull-board/express", "@asteasolutions/zod-to-openapi", "json-rpc-2.0", "helmet", "prom-client"];

/**
 * The packages (under node_modules) a fresh node process has loaded after requiring `files`, then again after
 * running `then` (a script body with the required modules as `mods`, may await); `result` is what it returns.
 */
function packagesLoadedBy(files: string[], then = "return null;"): { before: string[]; after: string[]; result: unknown } {
  const script = `const packages = () => {
  const names = new Set();
  for (const k of Object.keys(require.cache)) {
    const m = /node_modules\\/(?:\\.pnpm\\/[^/]+\\/node_modules\\/)?((?:@[^/]+\\/)?[^/]+)/.exec(k);
    if (m) names.add(m[1]);
  }
  return [...names];
};
const mods = ${JSON.stringify(files)}.map((f) => require(f));
const before = packages();
(async () => { ${then} })().then((result) => {
  process.stdout.write(JSON.stringify({ before, after: packages(), result }));
  process.exit(0);
});`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" });
  return JSON.parse(out) as { before: string[]; after: string[]; result: unknown };
}

describe("platform entries by role", () => {
  test("a worker's entries (core and jobs) load none of the HTTP stack", () => {
    const { before } = packagesLoadedBy([path.join(SRC, "core.ts"), path.join(SRC, "jobs.ts")]);
    expect(HTTP_STACK.filter((p) => before.includes(p))).toEqual([]);
  });

  test("the jobs entry loads bullmq on the first queue handle, and that handle works", async () => {
    const prefix = newRedisPrefix();
    try {
      const { before, after, result } = packagesLoadedBy(
        [path.join(SRC, "core.ts"), path.join(SRC, "jobs.ts")],
        `const [core, jobs] = mods;
const queues = new jobs.JobQueues(core.redisConnectionOptions(${JSON.stringify(testRedisUrl())}), ${JSON.stringify(prefix)}, ["outbox"], core.createLogger({ service: "t", level: "error" }));
const [q] = queues.all();
await q.add("ping", {});
const counts = await q.getJobCounts("waiting");
await queues.close();
return counts;`,
      );
      expect(before).not.toContain("bullmq");
      expect(after).toContain("bullmq");
      expect(result).toEqual({ waiting: 1 });
    } finally {
      await deleteRedisPrefix(prefix);
    }
  });

  test("the http entry loads the HTTP stack, but not the queue dashboard until someone opens it", () => {
    const { before } = packagesLoadedBy([path.join(SRC, "http.ts")]);
    expect(before).toEqual(expect.arrayContaining(["express", "@asteasolutions/zod-to-openapi"]));
    expect(before.filter((p) => p.startsWith("@bull-board/"))).toEqual([]);
    expect(before).not.toContain("bullmq");
  });
});
