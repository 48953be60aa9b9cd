import { ZReconcileActionResultSchema, ZReconcileQuerySchema, ZReconcileReportSchema, ZReconcileSettingsSchema } from "@crm/contracts";
import { type ApiRouter, ZIdParamsSchema } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import { ZReconcileSettingsResponseSchema } from "../../domain/reconciliation-schemas";
import type { ReconciliationService } from "../../domain/reconciliation-service";

/** BPO ↔ dealer reconciliation (issue 16, Managers): the unsettled endorsements and the actions that settle them. */
export function reconciliationRoutes(api: ApiRouter<Actor>, reconciliation: ReconciliationService) {
  api.route({
    method: "get",
    path: "/reconciliation",
    summary: "Endorsed leads the BPO and the dealers do not agree on or have not settled, with both sides' last step and the fitting action (Manager)",
    tags: ["reconciliation"],
    query: ZReconcileQuerySchema,
    response: ZReconcileReportSchema,
    handler: ({ principal, query }) => reconciliation.report(principal, query),
  });
  api.route({
    method: "get",
    path: "/reconciliation/settings",
    summary: "Days a delivered endorsement may wait for the dealer's outcome (Manager)",
    tags: ["reconciliation"],
    response: ZReconcileSettingsResponseSchema,
    handler: ({ principal }) => reconciliation.settings(principal),
  });
  api.route({
    method: "put",
    path: "/reconciliation/settings",
    summary: "Set the days a delivered endorsement may wait for the dealer's outcome; null for the configured default (Manager)",
    tags: ["reconciliation"],
    body: ZReconcileSettingsSchema,
    response: ZReconcileSettingsResponseSchema,
    handler: ({ principal, body }) => reconciliation.setSettings(principal, body),
  });
  api.route({
    method: "post",
    path: "/reconciliation/leads/:id/replay-endorsement",
    summary: "Replay the lead's dead endorsement through the outbox (Manager)",
    tags: ["reconciliation"],
    params: ZIdParamsSchema,
    response: ZReconcileActionResultSchema,
    handler: ({ principal, params }) => reconciliation.replayEndorsement(principal, params.id),
  });
  api.route({
    method: "post",
    path: "/reconciliation/leads/:id/replay-mark-won",
    summary: "Push the lead's Mark Won sale order to its dealership again through the outbox (Manager)",
    tags: ["reconciliation"],
    params: ZIdParamsSchema,
    response: ZReconcileActionResultSchema,
    handler: ({ principal, params }) => reconciliation.replayMarkWon(principal, params.id),
  });
  api.route({
    method: "post",
    path: "/reconciliation/leads/:id/resend-outcome",
    summary: "Ask the dealership to re-send its Won/Lost outcome of the lead (dealer.resendOutcome) (Manager)",
    tags: ["reconciliation"],
    params: ZIdParamsSchema,
    response: ZReconcileActionResultSchema,
    handler: ({ principal, params }) => reconciliation.resendOutcome(principal, params.id),
  });
}
