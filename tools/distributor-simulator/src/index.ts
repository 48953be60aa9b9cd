export * from "./odoo-domain";
export * from "./simulator-state";
export * from "./simulator-server";
export { seedCatalog, seedState, startProducer } from "./seed";
