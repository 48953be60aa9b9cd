export * from "./odoo-domain";
export * from "./simulator-state";
export * from "./simulator-server";
export { seedState, startProducer } from "./seed";
