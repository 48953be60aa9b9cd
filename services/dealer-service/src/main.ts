import { runServiceMain } from "@crm/platform/core";
import { loadConfig } from "./config";
import { createContainer } from "./container";

// The app and the job workers are imported inside their role: a worker never evaluates the routes, nor an API
// the job handlers (in the bundle as well, see startServiceRole).
runServiceMain({
  service: "dealer-service",
  loadConfig,
  createContainer: (config) => createContainer(config),
  api: async (c) => (await import("./app")).buildApp(c),
  listeningLog: (config) => ({ dealer: config.DEALER_CODE, instance: config.INSTANCE_NAME }),
  worker: async (c) => {
    const jobs = (await import("./jobs/outbox-jobs")).startDealerOutbox(c);
    c.logger.info("dealer worker started (outbox: BPO outcome callbacks)", { dealer: c.config.DEALER_CODE });
    return { jobs };
  },
});
