import type { Express } from "express";
import { serviceApp } from "@crm/platform/http";
import type { BpoContainer } from "./container";
import { requireRole } from "./domain/actor";
import { presentLeadEntry } from "./domain/lead-live-events";
import { catalogRoutes } from "./http/routes/catalog-routes";
import { dealershipConnectionRoutes } from "./http/routes/dealership-connection-routes";
import { endorsementRoutes } from "./http/routes/endorsement-routes";
import { rpcMethods } from "./rpc/rpc-methods";
import { distributorRoutes } from "./http/routes/distributor-routes";
import { reportRoutes } from "./http/routes/report-routes";
import { floorRoutes } from "./http/routes/floor-routes";
import { instanceRoutes } from "./http/routes/instance-routes";
import { reconciliationRoutes } from "./http/routes/reconciliation-routes";
import { leadRoutes } from "./http/routes/lead-routes";
import { leadSearchRoutes } from "./http/routes/lead-search-routes";
import { leadMergeRoutes } from "./http/routes/lead-merge-routes";
import { workRoutes } from "./http/routes/work-routes";
import { webApp } from "./http/web-app";

export function buildApp(c: BpoContainer): Express {
  return serviceApp({
    service: "bpo-service",
    config: c.config,
    logger: c.logger,
    redis: c.redis,
    store: c.store,
    metrics: {
      queues: () => c.jobQueues.all(),
      outbox: () => c.store.repos.outbox.stats(),
      syncRuns: () => c.store.repos.syncRuns.statsByBrandAndOutcome(),
      syncLag: () => c.store.repos.syncRuns.lastSuccessByConnectedBrand(),
    },
    auth: c.auth,
    // Dealer-services call back here with the keys this BPO issued to them.
    rpc: {
      methods: rpcMethods({ instance: c.config.INSTANCE_NAME, outcomes: c.dealerOutcomes }),
      authenticate: (key) => c.dealerLinks.authenticatePeer(key),
    },
    api: {
      title: "BPO CRM API",
      routes: (api) => {
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
        instanceRoutes(api, { name: c.config.INSTANCE_NAME, timeZone: c.config.BUSINESS_TIMEZONE });
      },
    },
    liveEvents: { feed: c.leadEvents, present: presentLeadEntry },
    // bull-board for Managers.
    queueDashboard: {
      title: "BPO CRM queues",
      queues: () => c.jobQueues.all(),
      authorize: (actor) => requireRole(actor, "manager", "open the queue dashboard"),
    },
    web: webApp(c.config.WEB_DIST_DIR),
  });
}
