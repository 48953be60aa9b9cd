import cluster, { type Worker } from "node:cluster";
import { randomUUID } from "node:crypto";
import { AggregatorRegistry, type Registry } from "prom-client";
import type { Logger } from "../logging/logger";

/**
 * WEB_CONCURRENCY > 1: a scrape reaches one API worker, but request, SSE and login-failure figures are counted
 * in each worker. The worker that got the scrape asks the primary over IPC; the primary collects every worker's
 * registry (prom-client's AggregatorRegistry.clusterMetrics) and answers with the sum, so /metrics reports the
 * host whichever worker serves it. Families read from shared state (queues, outbox, sync) are marked
 * `aggregator: "first"` so they are not multiplied by the number of workers.
 */
const ASK = "crm:cluster-metrics-request";
const ANSWER = "crm:cluster-metrics-response";
const ASK_TIMEOUT_MS = 8_000;

interface Ask {
  type: typeof ASK;
  id: string;
}
interface Answer {
  type: typeof ANSWER;
  id: string;
  body?: string;
  error?: string;
}

/** Primary: answers the workers' requests with every worker's metrics added up. */
export function serveClusterMetrics(logger: Logger): void {
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker: Worker, message: Ask) => {
    if (message?.type !== ASK) return;
    aggregator.clusterMetrics().then(
      (body) => worker.isConnected() && worker.send({ type: ANSWER, id: message.id, body } satisfies Answer),
      (error: Error) => {
        logger.warn("cluster metrics: a worker did not answer", { error: error.message });
        if (worker.isConnected()) worker.send({ type: ANSWER, id: message.id, error: error.message } satisfies Answer);
      },
    );
  });
}

/** True in an API worker forked by the primary: /metrics then reports the whole host through the primary. */
export const inClusterWorker = (): boolean => cluster.isWorker;

/** Worker: offers `registry` to the primary's collection (prom-client answers its requests). */
export function exposeToPrimary(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one installs prom-client's worker-side listener for the primary's requests.
  new AggregatorRegistry();
}

/** Worker: the host's metrics (every worker added up), in Prometheus text format. */
export function metricsFromPrimary(): Promise<string> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const onMessage = (message: Answer) => {
      if (message?.type !== ANSWER || message.id !== id) return;
      clearTimeout(timer);
      process.off("message", onMessage);
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.body ?? "");
    };
    const timer = setTimeout(() => {
      process.off("message", onMessage);
      reject(new Error("the primary did not answer with the workers' metrics"));
    }, ASK_TIMEOUT_MS);
    process.on("message", onMessage);
    process.send!({ type: ASK, id } satisfies Ask);
  });
}
