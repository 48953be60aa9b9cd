import type { Logger } from "../logging/logger";

/**
 * Process-level safety net shared by API and worker processes: unknown failures are logged once and the
 * process exits (a supervisor restarts it); SIGTERM/SIGINT run the shutdown hooks once, in order.
 */
export function installProcessHandlers(logger: Logger, shutdown: () => Promise<void>): void {
  let stopping = false;
  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { reason });
    const force = setTimeout(() => process.exit(code || 1), 10_000);
    force.unref();
    try {
      await shutdown();
    } catch (error) {
      logger.error("shutdown failed", { error });
    }
    process.exit(code);
  };
  process.on("SIGTERM", () => void stop("SIGTERM", 0));
  process.on("SIGINT", () => void stop("SIGINT", 0));
  process.on("unhandledRejection", (error) => {
    logger.error("unhandled rejection", { error });
    void stop("unhandledRejection", 1);
  });
  process.on("uncaughtException", (error) => {
    logger.error("uncaught exception", { error });
    void stop("uncaughtException", 1);
  });
}
