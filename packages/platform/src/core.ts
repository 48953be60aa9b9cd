/**
 * `@crm/platform/core`: what every role of a service uses (API, job worker, the supervisor). Nothing here may
 * import the HTTP stack (express, OpenAPI, bull-board, the RPC server) or BullMQ at run time: a worker loads
 * only core and jobs, and those packages are a large part of a process's idle memory (README, Performance).
 */
export * from "./errors/app-error";
export * from "./errors/zod-issues";
export * from "./logging/context";
export * from "./logging/logger";
export * from "./config/parse-config";
export * from "./security/password";
export * from "./security/tokens";
export * from "./security/password-sessions";
export * from "./security/user-accounts";
export * from "./security/secret-box";
export * from "./live/redis-lead-events";
export * from "./live/live-lead-memory";
export * from "./pipeline/forward-only-stages";
export * from "./pagination/keyset-cursor";
export * from "./data/db-errors";
export * from "./data/cache-scope";
export * from "./data/service-store";
export * from "./data/pg-prisma-client";
export * from "./data/session-repository";
export * from "./data/column-names";
export * from "./audit/tracked-changes";
export * from "./validation/form-fields";
export * from "./validation/patch-schema";
export * from "./validation/customer-identity";
export * from "./time/business-day";
export * from "./rpc/rpc-client";
export * from "./process/lifecycle";
export * from "./process/http-drain";
export * from "./process/build-info";
export * from "./process/service-roles";
export * from "./outbox/outbox-store";
export * from "./outbox/memory-outbox-store";
export * from "./outbox/prisma-outbox-table";
export * from "./cache/shared-invalidation";
export * from "./locks/redis-lease";
