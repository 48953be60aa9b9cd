import { type ApiRouter, ZIdParamsSchema } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import { ZMergeLeadRequestSchema } from "../../domain/lead-merge-schemas";
import type { LeadMergeService } from "../../domain/lead-merge-service";
import { ZLeadViewResponseSchema } from "../../domain/lead-schemas";

export function leadMergeRoutes(api: ApiRouter<Actor>, merges: LeadMergeService) {
  api.route({
    method: "post",
    path: "/leads/:id/merge",
    summary: "Merge this lead into another (owner of both, or a Supervisor/Manager): history moves, this one is archived",
    tags: ["leads"],
    params: ZIdParamsSchema,
    body: ZMergeLeadRequestSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params, body }) => merges.merge(principal, params.id, body),
  });
}
