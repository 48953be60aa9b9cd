import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { createTestDatabase, deleteRedisPrefix, freePort, newRedisPrefix, testRedisUrl } from "@crm/test-kit";

/**
 * The production build end to end: `pnpm build` (scripts/build.ts) bundles both services, then each bundle runs
 * under plain `node --enable-source-maps` (what `pnpm start:bpo` / `pnpm start:dealer` do) on its own database
 * and Redis prefix, with no tsx in the process.
 */
const ROOT = path.resolve(__dirname, "../../..");
jest.setTimeout(120_000);

interface Running {
  child: ChildProcess;
  log: () => string;
  exit: Promise<number | null>;
}
const running: Running[] = [];
const cleanups: (() => Promise<void>)[] = [];


function runCompiled(service: "bpo" | "dealer", role: "start" | "worker", env: Record<string, string>): Running {
  let text = "";
  const child = spawn(process.execPath, ["--enable-source-maps", `services/${service}-service/dist/main.js`, role], {
    cwd: ROOT,
    // No NODE_OPTIONS from jest (ts-jest / tsx hooks must not leak into the child).
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const r = { child, log: () => text, exit: new Promise<number | null>((res) => child.once("exit", (code) => res(code))) };
  running.push(r);
  return r;
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, proc: Running): Promise<T> {
  const end = Date.now() + 60_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${what}: process exited ${proc.child.exitCode}:\n${proc.log().slice(-3000)}`);
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what} not seen within 60 s; log:\n${proc.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const get = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    async (r) => ({ status: r.status, type: r.headers.get("content-type") ?? "", text: await r.text() }),
    () => ({ status: 0, type: "", text: "" }),
  );

async function instanceEnv(schema: "bpo" | "dealer"): Promise<Record<string, string>> {
  const db = await createTestDatabase(schema);
  const prefix = newRedisPrefix();
  cleanups.push(db.drop, () => deleteRedisPrefix(prefix));
  return { DATABASE_URL: db.url, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, APP_SECRET: "production-build-test-secret-0123456789" };
}

beforeAll(() => {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], { cwd: ROOT, stdio: "pipe" });
});

afterAll(async () => {
  for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGKILL");
  await Promise.all(running.map((r) => r.exit));
  await Promise.all(cleanups.map((c) => c()));
});

describe("production build (pnpm build, node dist/main.js)", () => {
  it.each(["bpo", "dealer"] as const)("serves the %s API from the compiled bundle: /readyz 200 reporting the compiled build, and the web UI at /", async (service) => {
    const port = await freePort();
    const env = { ...(await instanceEnv(service)), PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...(service === "dealer" ? { DEALER_CODE: "BUILDTEST" } : {}) };
    const api = runCompiled(service, "start", env);
    const ready = await until(() => get(`http://127.0.0.1:${port}/readyz`), (r) => r.status === 200, `${service} /readyz 200`, api);
    const body = JSON.parse(ready.text) as { checks: Record<string, string>; version: { mode: string; commit: string; migration: string | null } };
    expect(body.checks).toEqual({ database: "ok", redis: "ok" });
    expect(body.version.mode).toBe("compiled");
    expect(body.version.commit).not.toBe("unknown");
    expect(body.version.migration).toMatch(/^\d{14}_/);
    // The bundle finds the built web UI from dist/ (two folders less deep than the sources).
    const page = await get(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/text\/html/);
  });

  it("runs the BPO worker role from the compiled bundle", async () => {
    const env = { ...(await instanceEnv("bpo")), PUBLIC_URL: "http://127.0.0.1:9" };
    const worker = runCompiled("bpo", "worker", env);
    await until(async () => worker.log(), (l) => /worker started/.test(l), "worker started", worker);
    worker.child.kill("SIGTERM");
    expect(await worker.exit).toBe(0);
  });
});
