export * from "./contract-version";
export * from "./rpc-error-codes";
export * from "./system-ping";
