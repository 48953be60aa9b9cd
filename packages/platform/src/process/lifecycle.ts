import type { Logger } from "../logging/logger";
import type { HttpDrain } from "./http-drain";

/** Time that closing pools and connections may take after the grace period, before the process is killed. */
const CLOSE_MARGIN_MS = 5_000;

/**
 * Process-level safety net shared by API and worker processes: unknown failures are logged once and the
 * process exits (a supervisor restarts it); SIGTERM/SIGINT run the shutdown hooks once. `shutdown` gets the
 * deadline (epoch ms, `graceMs` after the signal) by which requests and jobs in flight must be finished; a
 * shutdown that hangs past it (plus a margin for closing pools) ends the process with exit code 1.
 */
export function installProcessHandlers(logger: Logger, shutdown: (deadline: number) => Promise<void>, opts: { graceMs?: number } = {}): void {
  const graceMs = opts.graceMs ?? 10_000;
  let stopping = false;
  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { reason, graceMs });
    const force = setTimeout(() => {
      logger.error("shutdown did not finish in time; exiting");
      process.exit(1);
    }, graceMs + CLOSE_MARGIN_MS);
    force.unref();
    try {
      await shutdown(Date.now() + graceMs);
      logger.info("shut down", { reason });
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

/**
 * Waits for `work` (closing job workers, which wait for their active jobs) until `deadline`; past it, logs and
 * returns so the process can still exit: a job cut short stays in BullMQ and is retried after its lock expires.
 */
export async function untilDeadline(work: Promise<unknown>, deadline: number, what: string, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), Math.max(0, deadline - Date.now()))));
  const outcome = await Promise.race([work.then(() => "done" as const), late]);
  clearTimeout(timer);
  if (outcome === "late") logger.warn("shutdown grace period over before this finished", { what });
}

/**
 * The SIGTERM shutdown of a service process (pass to installProcessHandlers): the API stops accepting and lets
 * requests in flight finish while the job workers finish their active jobs, both by the deadline; then the
 * container closes Redis and the database pool. `http` and `jobs` are read when the signal comes (a role may
 * have neither).
 */
export function drainThenClose(parts: {
  logger: Logger;
  http: () => HttpDrain | undefined;
  jobs: () => { close(): Promise<void> } | undefined;
  close: () => Promise<void>;
}): (deadline: number) => Promise<void> {
  return async (deadline) => {
    const jobs = parts.jobs();
    await Promise.all([parts.http()?.drain(deadline), jobs && untilDeadline(jobs.close(), deadline, "job workers", parts.logger)]);
    await untilDeadline(parts.close(), Math.max(deadline, Date.now() + 2_000), "closing queues and pools", parts.logger);
  };
}
