/** Stable `data.code` strings of domain refusals sent over JSON-RPC. */
export const AppErrorCodes = {
  brandCodeNotConfigured: "brand_code_not_configured",
  unknownLead: "unknown_lead",
  leadClosedDifferently: "lead_closed_differently",
  /** dealer.resendOutcome on a lead the dealer has not closed: there is no outcome to send. */
  leadStillOpen: "lead_still_open",
  invalidParams: "invalid_params",
  unauthenticated: "unauthenticated",
} as const;
