export * from "./contract-version";
export * from "./rpc-error-codes";
export * from "./application-error-codes";
export * from "./system-ping";
export * from "./dealer-receive-endorsed-lead";
export * from "./dealer-receive-sale-order";
export * from "./bpo-apply-dealer-outcome";
export * from "./dealer-lead-status";
