/**
 * `@crm/platform/http`: the API role only: express app and middleware, OpenAPI router, session auth, the
 * JSON-RPC server, live events over SSE, /metrics, the queue dashboard and the API worker supervisor. Import it
 * from a service's app and routes (loaded by the API role), never from what a worker loads.
 */
export * from "./http/request-context";
export * from "./http/error-handler";
export * from "./http/health-routes";
export * from "./http/api-router";
export * from "./http/session-auth";
export * from "./http/web-app";
export * from "./http/live-events-handler";
export * from "./rpc/rpc-server";
export * from "./rpc/system-ping";
export * from "./process/api-workers";
export * from "./metrics/service-metrics";
export * from "./outbox/dead-letter-schemas";
export * from "./http/queue-dashboard";
export * from "./http/service-app";
