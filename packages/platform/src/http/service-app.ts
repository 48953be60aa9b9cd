import cookieParser from "cookie-parser";
import express, { type Express, type RequestHandler, type Router } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { Redis } from "ioredis";
import { RedisStore, type RedisReply } from "rate-limit-redis";
import type { BaseConfig } from "../config/parse-config";
import { AppError } from "../errors/app-error";
import type { RedisLeadFeed } from "../live/redis-lead-events";
import type { Logger } from "../logging/logger";
import { type MetricsSources, type PoolStats, ServiceMetrics } from "../metrics/service-metrics";
import { type RpcEndpointOptions, rpcEndpoint } from "../rpc/rpc-server";
import { buildInfo } from "../process/build-info";
import { ApiRouter } from "./api-router";
import { errorHandler, notFoundHandler } from "./error-handler";
import { healthRoutes } from "./health-routes";
import { type PresentEntry, liveEventsHandler } from "./live-events-handler";
import { queueDashboard } from "./queue-dashboard";
import { requestContext } from "./request-context";
import { securityHeaders } from "./security-headers";
import { type SessionAuth, type SessionPrincipal, requirePrincipal, resolvePrincipal, sessionAuthRoutes } from "./session-auth";

/** What one service gives the HTTP stack both services share; everything else in it is the same. */
export interface ServiceAppOptions<P extends SessionPrincipal, LP, LB> {
  /** "bpo-service" or "dealer-service": the metrics' `service` label and /version's `service`. */
  service: string;
  config: BaseConfig & { LOGIN_RATE_LIMIT: number };
  logger: Logger;
  redis: Redis;
  store: { ping(): Promise<void>; poolStats(): PoolStats; migrationVersion(): Promise<string | null> };
  /** Scrape-time figures besides the database pool. */
  metrics: Omit<MetricsSources, "service" | "logger" | "pool">;
  auth: SessionAuth<P>;
  /** The JSON-RPC endpoint peers call with a service key (never a user session). */
  rpc: Omit<RpcEndpointOptions, "logger">;
  /** The REST routes under /api and the title of their OpenAPI document. */
  api: { title: string; routes: (api: ApiRouter<P>) => void };
  /** GET /api/events: the lead feed and what each principal may see of an entry. */
  liveEvents: { feed: RedisLeadFeed<LP, LB>; present: PresentEntry<P, LP, LB> };
  /** bull-board at /admin/queues; `authorize` throws for principals who may not open it. */
  queueDashboard: Pick<Parameters<typeof queueDashboard>[0], "title" | "queues"> & { authorize: (principal: P) => void };
  /** The built web UI at "/", when there is one. */
  web: Router | null;
}

/** Login attempts per IP + login, shared through Redis so several API processes count together. */
export function loginRateLimiter(o: { limit: number; redisPrefix: string; redis: Pick<Redis, "call"> }) {
  return rateLimit({
    windowMs: 15 * 60_000,
    limit: o.limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // Only failures count: a successful login (status < 400) is taken back, so people who sign in often are never locked out.
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? "")}|${String((req.body as { login?: unknown })?.login ?? "").toLowerCase()}`,
    store: new RedisStore({
      prefix: `${o.redisPrefix}:login-rl:`,
      sendCommand: (command: string, ...args: string[]) => o.redis.call(command, ...args) as Promise<RedisReply>,
    }),
    handler: (_req, _res, next) => next(new AppError("rate_limited", "too_many_logins", "Too many login attempts; wait 15 minutes and try again")),
    // This check formats a stack trace when the limiter is created; under --enable-source-maps that makes node decode
    // the bundle's whole source map and keep it (about 5 MB of heap in the BPO API). It only catches limiters built
    // inside a request handler, and this one is built with the app.
    validate: { creationStack: false },
  });
}

/**
 * The Express app of a service: request context and timing, security headers, /metrics, health, the peer
 * RPC endpoint, the REST API with session login (rate-limited through Redis), live events, the queue
 * dashboard and the web UI, then 404 and the one error handler.
 */
export function serviceApp<P extends SessionPrincipal, LP, LB>(o: ServiceAppOptions<P, LP, LB>): Express {
  const app = express();
  app.disable("x-powered-by");
  // No ETag on res.send/res.json: express would copy every JSON answer into a Buffer and SHA-1 it for a tag no
  // client uses, since API answers are never stored (no-store below). index.html still revalidates by
  // Last-Modified; fingerprinted assets keep serve-static's own ETag.
  app.set("etag", false);
  app.set("trust proxy", "loopback");
  const metrics = new ServiceMetrics({ ...o.metrics, service: o.service, logger: o.logger, pool: () => o.store.poolStats() });
  app.use(requestContext(o.logger));
  app.use(metrics.requestTimer());
  app.use(securityHeaders());
  // For a Prometheus scraper with METRICS_TOKEN (not a user session); off when the token is unset.
  app.get("/metrics", metrics.endpoint(o.config.METRICS_TOKEN));
  app.use(
    healthRoutes({ database: () => o.store.ping(), redis: async () => void (await o.redis.ping()) }, async () => ({
      service: o.service,
      ...buildInfo(),
      migration: await o.store.migrationVersion(),
    })),
  );

  // Tests check every JSON answer against its route's response schema (never in production).
  const api = new ApiRouter<P>(requirePrincipal<P>, "/api", o.config.NODE_ENV === "test");
  sessionAuthRoutes(api, o.auth, { secureCookies: o.config.PUBLIC_URL.startsWith("https:") });
  o.api.routes(api);

  const loginLimiter = loginRateLimiter({ limit: o.config.LOGIN_RATE_LIMIT, redisPrefix: o.config.REDIS_PREFIX, redis: o.redis });

  app.use(rpcEndpoint({ ...o.rpc, logger: o.logger }));
  const cookies = cookieParser();
  // A bearer token is the session (tokenFrom reads it first): such requests have no cookie worth parsing.
  const sessionCookies: RequestHandler = (req, res, next) => (req.headers.authorization?.startsWith("Bearer ") ? next() : cookies(req, res, next));
  // Answers hold customers' personal data and change with every action: no browser or proxy keeps a copy.
  const noStore: RequestHandler = (_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  };
  app.use("/api", noStore, express.json({ limit: "256kb" }), sessionCookies);
  app.post("/api/auth/login", metrics.loginFailureCounter(), loginLimiter);
  // Generated on the first fetch and kept: few clients ever read it, so an API process does not hold it from start-up.
  let openapi: ReturnType<typeof api.openApiDocument> | undefined;
  app.get("/api/openapi.json", (_req, res) => {
    openapi ??= api.openApiDocument({ title: o.api.title, version: "1.0.0" });
    res.json(openapi);
  });
  const resolve = resolvePrincipal(o.auth);
  app.get("/api/events", resolve, metrics.streamTracker(), liveEventsHandler(o.liveEvents.feed, o.logger, o.liveEvents.present));
  app.use("/api", resolve, api.router);
  // bull-board on the web UI's session cookie (or a bearer token).
  app.use(
    "/admin/queues",
    cookieParser(),
    resolve,
    ...queueDashboard({
      basePath: "/admin/queues",
      title: o.queueDashboard.title,
      queues: o.queueDashboard.queues,
      authorize: (req, res, next) => {
        o.queueDashboard.authorize(requirePrincipal<P>(req, res));
        next();
      },
    }),
  );
  if (o.web) app.use(o.web);
  app.use(notFoundHandler);
  app.use(errorHandler(o.logger));
  return app;
}
