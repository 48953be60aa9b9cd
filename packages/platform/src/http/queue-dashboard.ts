import type { Queue } from "bullmq";
import type { RequestHandler } from "express";
import { AppError } from "../errors/app-error";

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|^key$|authorization|cookie|credential/i;

/** A copy of a job's data or result with every secret-looking field replaced (payloads are shown to operators). */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redactSecrets(v)]));
  }
  return value;
}

// Changes the dashboard may make: retry and clean (one job or a whole state). Adding, editing, emptying,
// obliterating or pausing queues would bypass the outbox and the schedules, so they are refused.
const ALLOWED_CHANGE = /^\/api\/queues\/[^/]+\/(?:(?:retry|clean)\/[a-z]+|[^/]+\/(?:retry|clean))$/;

/**
 * bull-board over the instance's queues at `basePath`, for callers `authorize` accepts (it throws an AppError
 * otherwise). The board is loaded and built on first use: processes nobody opens it on hold no queue connections
 * and do not carry bull-board's modules (about 55, with its template engine) in memory.
 */
export function queueDashboard(opts: { basePath: string; title: string; queues: () => Queue[]; authorize: RequestHandler }): RequestHandler[] {
  let router: Promise<RequestHandler> | undefined;
  const build = async (): Promise<RequestHandler> => {
    const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
      import("@bull-board/api"),
      import("@bull-board/api/bullMQAdapter"),
      import("@bull-board/express"),
    ]);
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(opts.basePath);
    const adapters = opts.queues().map((q) => {
      const a = new BullMQAdapter(q, { allowRetries: true });
      a.setFormatter("data", redactSecrets);
      a.setFormatter("returnValue", redactSecrets);
      return a;
    });
    createBullBoard({ queues: adapters, serverAdapter, options: { uiConfig: { boardTitle: opts.title } } });
    return serverAdapter.getRouter() as RequestHandler;
  };
  const board = (): Promise<RequestHandler> => {
    router ??= build().catch((e: unknown) => {
      router = undefined; // a failed load is tried again on the next request
      throw e;
    });
    return router;
  };
  const onlyRetryAndClean: RequestHandler = (req, _res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || ALLOWED_CHANGE.test(req.path)) return next();
    throw new AppError("forbidden", "queue_change_refused", "The queue dashboard only retries and cleans jobs");
  };
  return [opts.authorize, onlyRetryAndClean, (req, res, next) => void board().then((r) => r(req, res, next), next)];
}
