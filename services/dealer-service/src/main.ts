import { ConfigError, type HttpDrain, createLogger, drainThenClose, installProcessHandlers, trackHttpConnections } from "@crm/platform/core";
import { shouldSuperviseApiWorkers, superviseApiWorkers } from "@crm/platform/http";
import { loadConfig } from "./config";
import { createContainer } from "./container";
import type { DealerOutbox } from "./jobs/outbox-jobs";

/** `start` = API, `worker` = background jobs, `all` = both in one process (demo). */
async function main(role: string) {
  if (!["start", "worker", "all"].includes(role)) throw new ConfigError(`Unknown role "${role}": use start, worker or all`);
  const config = loadConfig();
  if (role === "start" && shouldSuperviseApiWorkers(config.WEB_CONCURRENCY)) {
    // This process only supervises; each forked worker runs this file again and serves the API.
    superviseApiWorkers({
      count: config.WEB_CONCURRENCY,
      logger: createLogger({ service: "dealer-service", level: config.LOG_LEVEL }),
      // Each worker drains within the grace period; the primary waits that long plus time to close pools.
      shutdownTimeoutMs: config.SHUTDOWN_GRACE_MS + 5_000,
    });
    return;
  }
  const c = createContainer(config);
  let http: HttpDrain | undefined;
  let outbox: DealerOutbox | undefined;
  installProcessHandlers(
    c.logger,
    drainThenClose({ logger: c.logger, http: () => http, jobs: () => outbox, close: () => c.close() }),
    { graceMs: config.SHUTDOWN_GRACE_MS },
  );
  if (role === "start" || role === "all") {
    // Loaded per role: a worker does not evaluate the routes and their middleware, nor an API the job handlers
    // (in the bundle as well: esbuild initialises a dynamically imported module on first use).
    const { buildApp } = await import("./app");
    const server = buildApp(c).listen(config.PORT, () => {
      c.logger.info("dealer-service listening", { port: config.PORT, publicUrl: config.PUBLIC_URL, dealer: config.DEALER_CODE, instance: config.INSTANCE_NAME });
    });
    http = trackHttpConnections(server, c.logger);
  }
  if (role === "worker" || role === "all") {
    const { startDealerOutbox } = await import("./jobs/outbox-jobs");
    outbox = startDealerOutbox(c);
    c.logger.info("dealer worker started (outbox: BPO outcome callbacks)", { dealer: config.DEALER_CODE });
  }
}

main(process.argv[2] ?? "start").catch((e) => {
  // Before the logger exists the only place to say why we stop is stderr, in one line.
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack}\n`);
  process.exit(1);
});
