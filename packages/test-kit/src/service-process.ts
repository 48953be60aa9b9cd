import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type { UntilOptions } from "./wait-until";

const REPO_ROOT = path.resolve(__dirname, "../../..");

/** A service's main running as a real child process, its stdout and stderr collected. */
export interface ServiceProcess {
  proc: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr interleaved). */
  log(): string;
  /** Resolves when the process exits, with its code and signal and when it exited (Date.now()). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** SIGKILL unless it already exited, then waits for the exit. */
  kill(): Promise<void>;
  /** `until` options waiting up to `timeoutMs` for `what`, a timeout showing the tail of this process's log. */
  seen(what: string, timeoutMs?: number): UntilOptions;
}

/**
 * Runs services/<service>-service's main with a role (start, worker, all) from the repository root:
 * `source` through tsx (src/main.ts, as the tests and the demo run it) or the production bundle (`compiled`,
 * dist/main.js under plain node: build it first). `env` adds to this process's environment, or with
 * `inheritEnv: false` is all the child sees besides PATH (jest's own NODE_OPTIONS must not reach a compiled child).
 */
export function startServiceProcess(
  service: "bpo" | "dealer",
  role: "start" | "worker" | "all",
  env: Record<string, string>,
  opts: { build?: "source" | "compiled"; inheritEnv?: boolean } = {},
): ServiceProcess {
  const args =
    opts.build === "compiled"
      ? ["--enable-source-maps", `services/${service}-service/dist/main.js`, role]
      : ["--import", "tsx", `services/${service}-service/src/main.ts`, role];
  let text = "";
  const proc = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...(opts.inheritEnv === false ? { PATH: process.env.PATH ?? "" } : process.env), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (d: Buffer) => (text += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((r) =>
    proc.once("exit", (code, signal) => r({ code, signal, at: Date.now() })),
  );
  return {
    proc,
    log: () => text,
    exit,
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exit;
    },
    seen: (what, timeoutMs = 60_000) => ({ what, timeoutMs, everyMs: 20, detail: () => text.slice(-3000) }),
  };
}

/** What a service process needs to run on a test app's instance: its database, Redis prefix, URL and secret. */
export interface InstanceConfig {
  DATABASE_URL: string;
  REDIS_URL: string;
  REDIS_PREFIX: string;
  PUBLIC_URL: string;
  APP_SECRET: string;
}

/**
 * Child processes of one service on a test app's instance (`config()` is read at each start, after beforeAll
 * built the app), each with `env` added; `killAll()` for afterAll.
 */
export function serviceProcessesOn(service: "bpo" | "dealer", config: () => InstanceConfig, env: Record<string, string> = {}) {
  const started: ServiceProcess[] = [];
  return {
    start(role: "start" | "worker" | "all", more: Record<string, string> = {}): ServiceProcess {
      const c = config();
      const p = startServiceProcess(service, role, {
        NODE_ENV: "test",
        DATABASE_URL: c.DATABASE_URL,
        REDIS_URL: c.REDIS_URL,
        REDIS_PREFIX: c.REDIS_PREFIX,
        PUBLIC_URL: c.PUBLIC_URL,
        APP_SECRET: c.APP_SECRET,
        ...env,
        ...more,
      });
      started.push(p);
      return p;
    },
    killAll: () => Promise.all(started.map((p) => p.kill())).then(() => undefined),
  };
}
