import cookieParser from "cookie-parser";
import express, { type Express } from "express";
import helmet from "helmet";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { RedisStore, type RedisReply } from "rate-limit-redis";
import { ApiRouter, AppError, ServiceMetrics, buildInfo, errorHandler, queueDashboard, healthRoutes, liveEventsHandler, notFoundHandler, requestContext, rpcEndpoint, sessionAuthRoutes } from "@crm/platform";
import type { BpoContainer } from "./container";
import { type Actor, requireRole } from "./domain/actor";
import { presentLeadEntry } from "./domain/lead-live-events";
import { requireActor, resolveActor } from "./http/authenticate";
import { catalogRoutes } from "./http/routes/catalog-routes";
import { dealershipConnectionRoutes } from "./http/routes/dealership-connection-routes";
import { endorsementRoutes } from "./http/routes/endorsement-routes";
import { rpcMethods } from "./rpc/rpc-methods";
import { distributorRoutes } from "./http/routes/distributor-routes";
import { reportRoutes } from "./http/routes/report-routes";
import { floorRoutes } from "./http/routes/floor-routes";
import { reconciliationRoutes } from "./http/routes/reconciliation-routes";
import { leadRoutes } from "./http/routes/lead-routes";
import { leadSearchRoutes } from "./http/routes/lead-search-routes";
import { leadMergeRoutes } from "./http/routes/lead-merge-routes";
import { workRoutes } from "./http/routes/work-routes";
import { webApp } from "./http/web-app";

export function buildApp(c: BpoContainer): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  const metrics = new ServiceMetrics({
    service: "bpo-service",
    logger: c.logger,
    pool: () => c.store.poolStats(),
    queues: () => c.jobQueues.all(),
    outbox: () => c.store.repos.outbox.stats(),
    syncRuns: () => c.store.repos.syncRuns.statsByBrandAndOutcome(),
    syncLag: () => c.store.repos.syncRuns.lastSuccessByConnectedBrand(),
  });
  app.use(requestContext(c.logger));
  app.use(metrics.requestTimer());
  app.use(helmet());
  // For a Prometheus scraper with METRICS_TOKEN (not a user session); off when the token is unset.
  app.get("/metrics", metrics.endpoint(c.config.METRICS_TOKEN));
  app.use(
    healthRoutes({ database: () => c.store.ping(), redis: async () => void (await c.redis.ping()) }, async () => ({
      service: "bpo-service",
      ...buildInfo(),
      migration: await c.store.migrationVersion(),
    })),
  );

  const api = new ApiRouter<Actor>(requireActor);
  sessionAuthRoutes(api, c.auth, { secureCookies: c.config.PUBLIC_URL.startsWith("https:") });
  leadSearchRoutes(api, c.leadSearch);
  leadMergeRoutes(api, c.leadMerges);
  leadRoutes(api, c.leads, c.boards, c.markWon);
  workRoutes(api, c.callLogs, c.activities);
  catalogRoutes(api, c.catalog, c.users);
  dealershipConnectionRoutes(api, c.dealerLinks);
  endorsementRoutes(api, c.endorsements, c.outboxAdmin);
  distributorRoutes(api, c.distributors);
  reportRoutes(api, c.sourceReport);
  floorRoutes(api, c.floor);
  reconciliationRoutes(api, c.reconciliation);
  const openapi = api.openApiDocument({ title: "BPO CRM API", version: "1.0.0" });

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
    handler: (_req, _res, next) =>
      next(new AppError("rate_limited", "too_many_logins", "Too many login attempts; wait 15 minutes and try again")),
  });

  // Dealer-services call back here with the keys this BPO issued to them.
  app.use(
    rpcEndpoint({
      logger: c.logger,
      methods: rpcMethods({ instance: c.config.INSTANCE_NAME, outcomes: c.dealerOutcomes }),
      authenticate: (key) => c.dealerLinks.authenticatePeer(key),
    }),
  );
  app.use("/api", express.json({ limit: "256kb" }), cookieParser());
  app.post("/api/auth/login", metrics.loginFailureCounter(), loginLimiter);
  app.get("/api/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  app.get("/api/events", resolveActor(c.auth), metrics.streamTracker(), liveEventsHandler(c.leadEvents, c.logger, presentLeadEntry));
  app.use("/api", resolveActor(c.auth), api.router);
  // bull-board for Managers, on the web UI's session cookie (or a bearer token).
  app.use(
    "/admin/queues",
    cookieParser(),
    resolveActor(c.auth),
    ...queueDashboard({
      basePath: "/admin/queues",
      title: "BPO CRM queues",
      queues: () => c.jobQueues.all(),
      authorize: (req, res, next) => {
        requireRole(requireActor(req, res), "manager", "open the queue dashboard");
        next();
      },
    }),
  );
  const web = webApp(c.config.WEB_DIST_DIR);
  if (web) app.use(web);
  app.use(notFoundHandler);
  app.use(errorHandler(c.logger));
  return app;
}
