export * from "./test-databases";
export * from "./redis-prefix";
export * from "./browser";
export * from "./event-stream";
export * from "./ui-checks";
export * from "./free-port";
