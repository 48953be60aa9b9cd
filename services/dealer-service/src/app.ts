import cookieParser from "cookie-parser";
import express, { type Express } from "express";
import helmet from "helmet";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { RedisStore, type RedisReply } from "rate-limit-redis";
import { ApiRouter, AppError, ServiceMetrics, buildInfo, errorHandler, queueDashboard, healthRoutes, liveEventsHandler, notFoundHandler, requestContext, rpcEndpoint, sessionAuthRoutes } from "@crm/platform";
import type { DealerContainer } from "./container";
import { type Actor, requireRole } from "./domain/actor";
import { presentDealerLeadEntry } from "./domain/lead-live-events";
import { requireActor, resolveActor } from "./http/authenticate";
import { catalogRoutes } from "./http/routes/catalog-routes";
import { instanceRoutes } from "./http/routes/instance-routes";
import { integrationRoutes } from "./http/routes/integration-routes";
import { leadRoutes } from "./http/routes/lead-routes";
import { orderRoutes } from "./http/routes/order-routes";
import { dealerWebApp } from "./http/web-app";
import { rpcMethods } from "./rpc/rpc-methods";

export function buildApp(c: DealerContainer): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  const metrics = new ServiceMetrics({
    service: "dealer-service",
    logger: c.logger,
    pool: () => c.store.poolStats(),
    queues: () => c.jobQueues.all(),
    outbox: () => c.store.repos.outbox.stats(),
  });
  app.use(requestContext(c.logger));
  app.use(metrics.requestTimer());
  app.use(helmet());
  // For a Prometheus scraper with METRICS_TOKEN (not a user session); off when the token is unset.
  app.get("/metrics", metrics.endpoint(c.config.METRICS_TOKEN));
  app.use(
    healthRoutes({ database: () => c.store.ping(), redis: async () => void (await c.redis.ping()) }, async () => ({
      service: "dealer-service",
      ...buildInfo(),
      migration: await c.store.migrationVersion(),
    })),
  );

  // Peers (the BPO) call in with a service key; never with a user session.
  app.use(rpcEndpoint({ logger: c.logger, methods: rpcMethods(c), authenticate: (key) => c.serviceKeys.authenticate(key) }));

  const api = new ApiRouter<Actor>(requireActor);
  sessionAuthRoutes(api, c.auth, { secureCookies: c.config.PUBLIC_URL.startsWith("https:") });
  leadRoutes(api, c.leads, c.boards);
  orderRoutes(api, c.orders);
  catalogRoutes(api, c);
  integrationRoutes(api, c);
  instanceRoutes(api, { code: c.config.DEALER_CODE, name: c.config.DEALER_NAME, timeZone: c.config.BUSINESS_TIMEZONE });
  const openapi = api.openApiDocument({ title: `Dealer CRM API (${c.config.INSTANCE_NAME})`, version: "1.0.0" });

  // Per IP + login, shared through Redis so several API processes count together.
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: c.config.LOGIN_RATE_LIMIT,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // Only failures count: a successful login (status < 400) is taken back, so people who sign in often are never locked out.
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? "")}|${String((req.body as { login?: unknown })?.login ?? "").toLowerCase()}`,
    store: new RedisStore({
      prefix: `${c.config.REDIS_PREFIX}:login-rl:`,
      sendCommand: (command: string, ...args: string[]) => c.redis.call(command, ...args) as Promise<RedisReply>,
    }),
    handler: (_req, _res, next) => next(new AppError("rate_limited", "too_many_logins", "Too many login attempts; wait 15 minutes and try again")),
  });

  app.use("/api", express.json({ limit: "256kb" }), cookieParser());
  app.post("/api/auth/login", metrics.loginFailureCounter(), loginLimiter);
  app.get("/api/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  // Service accounts never get a session (AuthService.authenticate refuses them), so only people listen.
  app.get("/api/events", resolveActor(c.auth), metrics.streamTracker(), liveEventsHandler(c.leadEvents, c.logger, presentDealerLeadEntry));
  app.use("/api", resolveActor(c.auth), api.router);
  // bull-board for Admins, on the web UI's session cookie (or a bearer token).
  app.use(
    "/admin/queues",
    cookieParser(),
    resolveActor(c.auth),
    ...queueDashboard({
      basePath: "/admin/queues",
      title: `${c.config.INSTANCE_NAME} queues`,
      queues: () => c.jobQueues.all(),
      authorize: (req, res, next) => {
        requireRole(requireActor(req, res), "dealer_admin", "open the queue dashboard");
        next();
      },
    }),
  );
  const web = dealerWebApp(c.config.WEB_DIST_DIR);
  if (web) app.use(web);
  app.use(notFoundHandler);
  app.use(errorHandler(c.logger));
  return app;
}
