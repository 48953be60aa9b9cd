/**
 * Everything, for tests and scripts. Service code imports the entry of its role instead (`@crm/platform/core`,
 * `/jobs`, `/http`), so that a worker never evaluates the HTTP stack: in the bundle, whatever a module imports
 * statically is evaluated at start-up.
 */
export * from "./core";
export * from "./jobs";
export * from "./http";
