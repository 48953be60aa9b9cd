import type { Server } from "node:http";
import { type BaseConfig, ConfigError } from "../config/parse-config";
import { type Logger, createLogger } from "../logging/logger";
import { type HttpDrain, keepConnectionsAlive, trackHttpConnections } from "./http-drain";
import { drainThenClose, installProcessHandlers } from "./lifecycle";

/** `start` = API, `worker` = background jobs, `all` = both in one process (demo). */
export const SERVICE_ROLES = ["start", "worker", "all"] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

/** What the start-up reads from a service's parsed config. */
export type RoleConfig = Pick<BaseConfig, "PORT" | "PUBLIC_URL" | "LOG_LEVEL" | "WEB_CONCURRENCY" | "SHUTDOWN_GRACE_MS" | "HTTP_KEEP_ALIVE_MS">;

/** Job workers as the shutdown sees them: `close()` waits for their active jobs. */
export interface RunningJobs {
  close(): Promise<void>;
}

export interface ServiceRoles<Config extends RoleConfig, C extends { logger: Logger; close(): Promise<void> }> {
  /** "bpo-service", "dealer-service": the logger's `service`. */
  service: string;
  loadConfig(): Config;
  createContainer(config: Config): C;
  /**
   * The API (roles start and all). Import the app inside (`await import("./app")`): a module imported
   * dynamically is evaluated only when called, in the bundle as well, so a worker never evaluates the routes,
   * their schemas and the HTTP stack.
   */
  api(c: C): Promise<{ listen(port: number, listening: () => void): Server }>;
  /** Fields of the "listening" log line besides the port and public URL. */
  listeningLog?(config: Config): Record<string, unknown>;
  /**
   * The job workers (roles worker and all), imported inside as the API is. `jobs` is what SIGTERM closes, handed
   * back at once; `started` resolves once schedulers are set up (the worker logs "… worker started").
   */
  worker(c: C): Promise<{ jobs: RunningJobs; started?: Promise<unknown> }>;
}

/**
 * Starts one role of a service process: config, the API worker supervisor (start with WEB_CONCURRENCY > 1), the
 * container, SIGTERM handling (drain HTTP, finish jobs, close pools), then the API and/or the job workers.
 */
export async function startServiceRole<Config extends RoleConfig, C extends { logger: Logger; close(): Promise<void> }>(
  role: string,
  s: ServiceRoles<Config, C>,
): Promise<void> {
  if (!(SERVICE_ROLES as readonly string[]).includes(role)) throw new ConfigError(`Unknown role "${role}": use ${SERVICE_ROLES.join(", ")}`);
  const config = s.loadConfig();
  if (role === "start" && config.WEB_CONCURRENCY > 1) {
    // With the API (it serves the cluster's /metrics): a worker process does not load the supervisor.
    const { shouldSuperviseApiWorkers, superviseApiWorkers } = await import("./api-workers");
    if (shouldSuperviseApiWorkers(config.WEB_CONCURRENCY)) {
      // This process only supervises; each forked worker runs the same file again and serves the API.
      superviseApiWorkers({
        count: config.WEB_CONCURRENCY,
        logger: createLogger({ service: s.service, level: config.LOG_LEVEL }),
        // Each worker drains within the grace period; the primary waits that long plus time to close pools.
        shutdownTimeoutMs: config.SHUTDOWN_GRACE_MS + 5_000,
      });
      return;
    }
  }
  const c = s.createContainer(config);
  let http: HttpDrain | undefined;
  let jobs: RunningJobs | undefined;
  installProcessHandlers(c.logger, drainThenClose({ logger: c.logger, http: () => http, jobs: () => jobs, close: () => c.close() }), {
    graceMs: config.SHUTDOWN_GRACE_MS,
  });
  if (role === "start" || role === "all") {
    const app = await s.api(c);
    const server = app.listen(config.PORT, () => c.logger.info(`${s.service} listening`, { port: config.PORT, publicUrl: config.PUBLIC_URL, ...s.listeningLog?.(config) }));
    keepConnectionsAlive(server, config.HTTP_KEEP_ALIVE_MS);
    http = trackHttpConnections(server, c.logger);
  }
  if (role === "worker" || role === "all") {
    const w = await s.worker(c);
    jobs = w.jobs;
    await w.started;
  }
}

/** A service's main: the role from the command line (default start); a failure to start is one line on stderr. */
export function runServiceMain<Config extends RoleConfig, C extends { logger: Logger; close(): Promise<void> }>(s: ServiceRoles<Config, C>): void {
  startServiceRole(process.argv[2] ?? "start", s).catch((e) => {
    // Before the logger exists the only place to say why we stop is stderr, in one line.
    process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack}\n`);
    process.exit(1);
  });
}
