import { z } from "zod";
import { SEEN_EVENT_ID_HEADER, isStreamId } from "@crm/contracts";
import { parseOrThrow } from "@crm/platform/core";
import { type ApiRouter, ZIdParamsSchema, leadArchiveAndChatterRoutes } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import type { LeadBoardService } from "../../domain/lead-board-service";
import {
  ZAssignLeadRequestSchema,
  ZCardPageResponseSchema,
  ZCreateLeadRequestSchema,
  ZLeadMessagesResponseSchema,
  ZLeadViewResponseSchema,
  ZMarkWonResponseSchema,
  ZOkResponseSchema,
  ZOpenLeadsResponseSchema,
  ZPipelineResponseSchema,
  ZMarkLostRequestSchema,
  ZMoveStageRequestSchema,
  ZOverrideStageRequestSchema,
  ZPostNoteRequestSchema,
  ZUpdateLeadRequestSchema,
} from "../../domain/lead-schemas";
import type { LeadService } from "../../domain/lead-service";
import type { MarkWonService } from "../../domain/mark-won-service";

/** The live event id a page sends with a claim (`<ms>-<seq>`, as the event stream gave it). */
const ZClaimHeadersSchema = z.object({
  [SEEN_EVENT_ID_HEADER]: z.string().refine(isStreamId, "must be a live event id, such as 1733280000000-0").optional(),
});

const ZBoardQuerySchema = z.object({ perColumn: z.coerce.number().int().min(1).max(100).default(20) }).strict();
const ZColumnPageQuerySchema = z
  .object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(20) })
  .strict();
const ZOwnerQuery = z
  .union([z.literal("all"), z.coerce.number().int().positive()])
  .optional()
  .describe("Supervisors and Managers: another user's id, or all");

export function leadRoutes(api: ApiRouter<Actor>, leads: LeadService, boards: LeadBoardService, wins: MarkWonService) {
  const tags = ["leads"];
  api.route({
    method: "get",
    path: "/boards/open-leads",
    summary: "Open Leads kanban: unclaimed open leads by brand, with counts",
    tags,
    query: ZBoardQuerySchema,
    response: ZOpenLeadsResponseSchema,
    handler: ({ principal, query }) => boards.openLeads(principal, query.perColumn),
  });
  api.route({
    method: "get",
    path: "/boards/open-leads/brands/:id",
    summary: "Next cards of one Open Leads column",
    tags,
    params: ZIdParamsSchema,
    query: ZColumnPageQuerySchema,
    response: ZCardPageResponseSchema,
    handler: ({ principal, params, query }) => boards.openLeadsPage(principal, params.id, query.cursor, query.limit),
  });
  api.route({
    method: "get",
    path: "/boards/pipeline",
    summary: "My Pipeline kanban by stage",
    tags,
    query: ZBoardQuerySchema.extend({ userId: ZOwnerQuery }),
    response: ZPipelineResponseSchema,
    handler: ({ principal, query }) => boards.pipeline(principal, query.userId, query.perColumn),
  });
  api.route({
    method: "get",
    path: "/boards/pipeline/stages/:id",
    summary: "Next cards of one pipeline column",
    tags,
    params: ZIdParamsSchema,
    query: ZColumnPageQuerySchema.extend({ userId: ZOwnerQuery }),
    response: ZCardPageResponseSchema,
    handler: ({ principal, params, query }) => boards.pipelinePage(principal, params.id, query.userId, query.cursor, query.limit),
  });
  api.route({
    method: "post",
    path: "/leads",
    summary: "Create a lead by hand (never deduplicated)",
    tags,
    body: ZCreateLeadRequestSchema,
    status: 201,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, body }) => leads.create(principal, body),
  });
  api.route({
    method: "get",
    path: "/leads/:id",
    summary: "One lead with display names",
    tags,
    params: ZIdParamsSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params }) => leads.get(principal, params.id),
  });
  api.route({
    method: "patch",
    path: "/leads/:id",
    summary: "Edit lead fields (tracked fields go to the chatter)",
    tags,
    params: ZIdParamsSchema,
    body: ZUpdateLeadRequestSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params, body }) => leads.update(principal, params.id, body),
  });
  api.route({
    method: "post",
    path: "/leads/:id/claim",
    summary: "Claim an unclaimed lead (409 when someone else holds it)",
    tags,
    params: ZIdParamsSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params, req }) =>
      leads.claim(principal, params.id, parseOrThrow(ZClaimHeadersSchema, { [SEEN_EVENT_ID_HEADER]: req.get(SEEN_EVENT_ID_HEADER) }, "headers")[SEEN_EVENT_ID_HEADER]),
  });
  api.route({
    method: "post",
    path: "/leads/:id/assign",
    summary: "Reassign a lead (Supervisor, Manager); null returns it to the pool",
    tags,
    params: ZIdParamsSchema,
    body: ZAssignLeadRequestSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params, body }) => leads.assign(principal, params.id, body.userId),
  });
  api.route({
    method: "post",
    path: "/leads/:id/stage",
    summary: "Move to the next open stage (forward-only, one step); moving into Won runs Mark as Won",
    tags,
    params: ZIdParamsSchema,
    body: ZMoveStageRequestSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params, body }) => wins.moveToStage(principal, params.id, body.stageId),
  });
  api.route({
    method: "post",
    path: "/leads/:id/stage-override",
    summary: "Manager-only stage override for data repair (recorded in the chatter)",
    tags,
    params: ZIdParamsSchema,
    body: ZOverrideStageRequestSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params, body }) => leads.overrideStage(principal, params.id, body.stageId, body.reason),
  });
  api.route({
    method: "post",
    path: "/leads/:id/mark-won",
    summary: "Mark as Won: pushes a sale order to the dealership, then closes the lead",
    tags,
    params: ZIdParamsSchema,
    response: ZMarkWonResponseSchema,
    handler: ({ principal, params }) => wins.markWon(principal, params.id),
  });
  api.route({
    method: "post",
    path: "/leads/:id/mark-lost",
    summary: "Mark as Lost with a reason",
    tags,
    params: ZIdParamsSchema,
    body: ZMarkLostRequestSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params, body }) => leads.markLost(principal, params.id, body),
  });
  leadArchiveAndChatterRoutes(
    api,
    leads,
    { view: ZLeadViewResponseSchema, messages: ZLeadMessagesResponseSchema, note: ZPostNoteRequestSchema, ok: ZOkResponseSchema },
    { archive: "Archive a lead (Supervisor, Manager)", restore: "Restore an archived lead (Supervisor, Manager)" },
  );
}
