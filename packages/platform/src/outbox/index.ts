export * from "./outbox-store";
export * from "./outbox-relay";
export * from "./memory-outbox-store";
export * from "./prisma-outbox-table";
export * from "./outbox-delivery";
export * from "./dead-letter-schemas";
