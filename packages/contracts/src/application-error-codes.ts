/** Stable `data.code` strings of domain refusals sent over JSON-RPC. */
export const AppErrorCodes = {
  brandCodeNotConfigured: "brand_code_not_configured",
  unknownLead: "unknown_lead",
  leadClosedDifferently: "lead_closed_differently",
  invalidParams: "invalid_params",
  unauthenticated: "unauthenticated",
} as const;
