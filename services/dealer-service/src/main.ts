import type { Server } from "node:http";
import { ConfigError, createLogger, installProcessHandlers, shouldSuperviseApiWorkers, superviseApiWorkers } from "@crm/platform";
import { buildApp } from "./app";
import { loadConfig } from "./config";
import { createContainer } from "./container";
import { type DealerOutbox, startDealerOutbox } from "./jobs/outbox-jobs";

/** `start` = API, `worker` = background jobs, `all` = both in one process (demo). */
async function main(role: string) {
  if (!["start", "worker", "all"].includes(role)) throw new ConfigError(`Unknown role "${role}": use start, worker or all`);
  const config = loadConfig();
  if (role === "start" && shouldSuperviseApiWorkers(config.WEB_CONCURRENCY)) {
    // This process only supervises; each forked worker runs this file again and serves the API.
    superviseApiWorkers({ count: config.WEB_CONCURRENCY, logger: createLogger({ service: "dealer-service", level: config.LOG_LEVEL }) });
    return;
  }
  const c = createContainer(config);
  let server: Server | undefined;
  let outbox: DealerOutbox | undefined;
  installProcessHandlers(c.logger, async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await outbox?.close();
    await c.close();
  });
  if (role === "start" || role === "all") {
    server = buildApp(c).listen(config.PORT, () => {
      c.logger.info("dealer-service listening", { port: config.PORT, publicUrl: config.PUBLIC_URL, dealer: config.DEALER_CODE, instance: config.INSTANCE_NAME });
    });
  }
  if (role === "worker" || role === "all") {
    outbox = startDealerOutbox(c);
    c.logger.info("dealer worker started (outbox: BPO outcome callbacks)", { dealer: config.DEALER_CODE });
  }
}

main(process.argv[2] ?? "start").catch((e) => {
  // Before the logger exists the only place to say why we stop is stderr, in one line.
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack}\n`);
  process.exit(1);
});
