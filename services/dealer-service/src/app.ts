import type { Express } from "express";
import { serviceApp } from "@crm/platform/http";
import type { DealerContainer } from "./container";
import { requireRole } from "./domain/actor";
import { presentDealerLeadEntry } from "./domain/lead-live-events";
import { catalogRoutes } from "./http/routes/catalog-routes";
import { instanceRoutes } from "./http/routes/instance-routes";
import { integrationRoutes } from "./http/routes/integration-routes";
import { leadRoutes } from "./http/routes/lead-routes";
import { orderRoutes } from "./http/routes/order-routes";
import { dealerWebApp } from "./http/web-app";
import { rpcMethods } from "./rpc/rpc-methods";

export function buildApp(c: DealerContainer): Express {
  return serviceApp({
    service: "dealer-service",
    config: c.config,
    logger: c.logger,
    redis: c.redis,
    store: c.store,
    metrics: { queues: () => c.jobQueues.all(), outbox: () => c.store.repos.outbox.stats() },
    auth: c.auth,
    // Peers (the BPO) call in with a service key; never with a user session.
    rpc: { methods: rpcMethods(c), authenticate: (key) => c.serviceKeys.authenticate(key) },
    api: {
      title: `Dealer CRM API (${c.config.INSTANCE_NAME})`,
      routes: (api) => {
        leadRoutes(api, c.leads, c.boards);
        orderRoutes(api, c.orders);
        catalogRoutes(api, c);
        integrationRoutes(api, c);
        instanceRoutes(api, { code: c.config.DEALER_CODE, name: c.config.DEALER_NAME, timeZone: c.config.BUSINESS_TIMEZONE });
      },
    },
    // Service accounts never get a session (AuthService refuses them), so only people listen.
    liveEvents: { feed: c.leadEvents, present: presentDealerLeadEntry },
    // bull-board for Admins.
    queueDashboard: {
      title: `${c.config.INSTANCE_NAME} queues`,
      queues: () => c.jobQueues.all(),
      authorize: (actor) => requireRole(actor, "dealer_admin", "open the queue dashboard"),
    },
    web: dealerWebApp(c.config.WEB_DIST_DIR),
  });
}
