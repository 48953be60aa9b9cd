/** Services as real child processes (as deployed), on loopback ports; closeAll() stops them. */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { atClose, atCloseLast } from "./cleanup";
import { sleep } from "./waiting";

/** A free TCP port on loopback (free when asked; the caller binds it right away). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const ROOT = path.resolve(__dirname, "../..");
let logDir: string | null = null;
function benchLogDir(): string {
  if (!logDir) {
    const dir = mkdtempSync(path.join(tmpdir(), "crm-bench-"));
    logDir = dir;
    // Logs of child processes are kept only when BENCH_KEEP_LOGS is set (their path is printed then).
    atCloseLast(async () => {
      if (process.env.BENCH_KEEP_LOGS) process.stderr.write(`child process logs kept in ${dir}\n`);
      else rmSync(dir, { recursive: true, force: true });
    });
  }
  return logDir;
}

/** A child process the script can stop (any signal) and start again; always stopped by closeAll(). */
export interface ChildService {
  name: string;
  /** The pid of the running process (node itself, not a wrapper), null when stopped. */
  pid(): number | null;
  /** http://127.0.0.1:<port> for API roles, null for workers. */
  url: string | null;
  logFile: string;
  start(): Promise<void>;
  /** Sends the signal and waits for the exit (SIGKILL after 15 s). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Resident set size from /proc/<pid>/status (kB), null when stopped. */
  rssKb(): number | null;
  /**
   * CPU time (user + system, ms) used so far by the process and its live descendants (the API workers of
   * WEB_CONCURRENCY > 1); the difference over a run is load-independent where wall-clock rates are not.
   */
  cpuMs(): number;
}

function rssOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of one process (ms) and its parent pid, from /proc/<pid>/stat; null when gone. */
function statOf(pid: number): { cpuMs: number; ppid: number } | null {
  try {
    // Fields after the parenthesised command name: state ppid ... utime (14th field) stime (15th).
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return { ppid: Number(f[1]), cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return null;
  }
}

/** CPU ms of `root` and every live descendant. */
function treeCpuMs(root: number): number {
  const byParent = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = statOf(Number(name));
    if (!s) continue;
    cpu.set(Number(name), s.cpuMs);
    byParent.set(s.ppid, [...(byParent.get(s.ppid) ?? []), Number(name)]);
  }
  let total = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    total += cpu.get(pid) ?? 0;
    todo.push(...(byParent.get(pid) ?? []));
  }
  return total;
}

/**
 * The environment assignments (`NAME=value` before `node`) and node arguments (flags and bundle) of
 * `pnpm start:<service>`, so the bench runs exactly what operators run.
 */
function compiledStart(service: "bpo" | "dealer"): { env: Record<string, string>; args: string[] } {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const words = pkg.scripts[`start:${service}`]!.split(/\s+/);
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0]!)) {
    const [name, ...value] = words.shift()!.split("=");
    env[name!] = value.join("=");
  }
  const [node, ...args] = words;
  if (node !== "node") throw new Error(`start:${service} does not start with node: ${pkg.scripts[`start:${service}`]}`);
  return { env, args };
}

/**
 * Runs services/<service>-service/src/main.ts <role> as a real child process (node --import tsx, so the pid is
 * the service's own), on loopback, with `env` (usually a bench instance's env: same database, Redis prefix and
 * secret). Ready = /readyz answers 200 (API roles) or the "worker started" log line (worker role).
 * `runner: "compiled"` runs the production bundle instead, with the node flags of `pnpm start:<service>`: build it
 * first (`pnpm build`).
 */
export async function childService(
  name: string,
  service: "bpo" | "dealer",
  role: "start" | "worker" | "all",
  env: Record<string, string>,
  runner: "tsx" | "compiled" = "tsx",
): Promise<ChildService> {
  const port = role === "worker" ? null : await freePort();
  const url = port === null ? null : `http://127.0.0.1:${port}`;
  const logFile = path.join(benchLogDir(), `${name}.log`);
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const fullEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...env,
    // Workers announce readiness at info; API processes would log every request at info.
    LOG_LEVEL: role === "start" ? "warn" : "info",
    ...(port === null ? {} : { PORT: String(port) }),
  };
  const svc: ChildService = {
    name,
    url,
    logFile,
    pid: () => child?.pid ?? null,
    async start() {
      if (child) return;
      const offset = (() => {
        try {
          return statSync(logFile).size;
        } catch {
          return 0;
        }
      })();
      const fd = openSync(logFile, "a");
      // BENCH_CPU_PROF=<dir>: each child writes a V8 CPU profile there when it exits (open it in Chrome DevTools).
      const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
      const compiled = runner === "compiled" ? compiledStart(service) : null;
      const args = compiled ? [...prof, ...compiled.args, role] : [...prof, "--import", "tsx", `services/${service}-service/src/main.ts`, role];
      const c = spawn(process.execPath, args, { cwd: ROOT, env: { ...fullEnv, ...compiled?.env }, stdio: ["ignore", fd, fd] });
      closeSync(fd);
      child = c;
      let gone = false;
      exited = new Promise<void>((r) =>
        c.once("exit", () => {
          gone = true;
          if (child === c) child = null;
          r();
        }),
      );
      const log = () => readFileSync(logFile, "utf8").slice(offset);
      const end = Date.now() + 60_000;
      for (;;) {
        if (gone) throw new Error(`${name} exited during start-up:\n${log().slice(-2000)}`);
        if (Date.now() > end) throw new Error(`${name} not ready after 60 s:\n${log().slice(-2000)}`);
        if (url) {
          const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
          if (ok) return;
        } else if (/worker started/.test(log())) return;
        await sleep(100);
      }
    },
    async stop(signal = "SIGTERM") {
      const c = child;
      if (!c) return;
      c.kill(signal);
      const timer = setTimeout(() => c.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
    rssKb: () => (child?.pid ? rssOf(child.pid) : null),
    cpuMs: () => (child?.pid ? treeCpuMs(child.pid) : 0),
  };
  atClose(() => svc.stop());
  await svc.start();
  return svc;
}
