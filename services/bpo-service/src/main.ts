import { runServiceMain } from "@crm/platform/core";
import { loadConfig } from "./config";
import { createContainer } from "./container";

// The app and the job workers are imported inside their role: a worker never evaluates the routes, nor an API
// the job handlers (in the bundle as well, see startServiceRole).
runServiceMain({
  service: "bpo-service",
  loadConfig,
  createContainer: (config) => createContainer(config),
  api: async (c) => (await import("./app")).buildApp(c),
  worker: async (c) => {
    const { outbox, started } = (await import("./jobs/start-workers")).startBpoWorkers(c);
    return { jobs: outbox, started };
  },
});
