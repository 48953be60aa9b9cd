import cluster, { type Worker } from "node:cluster";
import type { Logger } from "../logging/logger";
import { serveClusterMetrics } from "../metrics/cluster-metrics";

/**
 * WEB_CONCURRENCY > 1: this (primary) process only supervises. It forks `count` copies of itself that each run
 * the API on the shared port (node:cluster hands connections round-robin); API processes hold no state of
 * their own (sessions in PostgreSQL, live events and cache invalidation through Redis), so any of them may
 * answer any request. A worker that dies is replaced (after a growing pause if it keeps dying at start-up);
 * SIGTERM / SIGINT are passed to every worker, and the primary exits once all have finished shutting down.
 * It also adds up the workers' /metrics (see cluster-metrics).
 */
export function superviseApiWorkers(opts: { count: number; logger: Logger; shutdownTimeoutMs?: number }): void {
  const { count, logger } = opts;
  let stopping = false;
  let quickDeaths = 0;

  const fork = () => {
    const started = Date.now();
    const worker = cluster.fork();
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      quickDeaths = Date.now() - started < 10_000 ? quickDeaths + 1 : 0;
      const delay = quickDeaths === 0 ? 0 : Math.min(30_000, 250 * 2 ** quickDeaths);
      logger.error("API worker died; starting a new one", { workerPid: worker.process.pid, code, signal, restartInMs: delay });
      setTimeout(() => {
        if (!stopping) fork();
      }, delay).unref();
    });
  };

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    logger.info("shutting down API workers", { signal, workers: workers.length });
    const force = setTimeout(() => {
      logger.error("API workers did not stop in time; killing them");
      for (const w of workers) w.process.kill("SIGKILL");
      process.exit(1);
    }, opts.shutdownTimeoutMs ?? 15_000);
    force.unref();
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const w of workers) {
      w.once("exit", () => {
        if (--left === 0) process.exit(0);
      });
      // Each worker runs its own graceful shutdown (installProcessHandlers) on the forwarded signal.
      w.process.kill(signal);
    }
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  serveClusterMetrics(logger);
  logger.info("starting API workers", { count });
  for (let i = 0; i < count; i++) fork();
}

/** True in the process that should supervise (WEB_CONCURRENCY > 1 and not itself a forked worker). */
export const shouldSuperviseApiWorkers = (count: number): boolean => count > 1 && cluster.isPrimary;
