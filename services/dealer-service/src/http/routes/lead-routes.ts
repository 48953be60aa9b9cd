import { z } from "zod";
import { type ApiRouter, ZIdParamsSchema, leadArchiveAndChatterRoutes } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import type { LeadBoardService } from "../../domain/lead-board-service";
import {
  ZBoardResponseSchema,
  ZCardPageResponseSchema,
  ZCreateLeadRequestSchema,
  ZLeadMessagesResponseSchema,
  ZLeadViewResponseSchema,
  ZMarkWonCheckResponseSchema,
  ZOkResponseSchema,
  ZLeadFilterQuerySchema,
  ZMarkLostRequestSchema,
  ZMoveStageRequestSchema,
  ZPostNoteRequestSchema,
  ZSaleOrderSchema,
  ZUpdateLeadRequestSchema,
} from "../../domain/lead-schemas";
import type { LeadService } from "../../domain/lead-service";

const ZBoardQuerySchema = ZLeadFilterQuerySchema.extend({ perColumn: z.coerce.number().int().min(1).max(100).default(20) }).strict();
const ZPageQuerySchema = ZLeadFilterQuerySchema.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
}).strict();

export function leadRoutes(api: ApiRouter<Actor>, leads: LeadService, boards: LeadBoardService) {
  const tags = ["leads"];
  api.route({
    method: "get",
    path: "/boards/all-leads",
    summary: "All Leads kanban: filtered leads grouped by stage, with counts and the first cards per column",
    tags,
    query: ZBoardQuerySchema,
    response: ZBoardResponseSchema,
    handler: ({ principal, query }) => boards.board(principal, boards.filterOf(query), query.perColumn),
  });
  api.route({
    method: "get",
    path: "/boards/my-pipeline",
    summary: "My Pipeline kanban: the caller's own leads by stage",
    tags,
    query: ZBoardQuerySchema,
    response: ZBoardResponseSchema,
    handler: ({ principal, query }) => boards.myPipeline(principal, boards.filterOf(query), query.perColumn),
  });
  api.route({
    method: "get",
    path: "/boards/stages/:id",
    summary: "Next cards of one board column (pass the same filters, and userId for My Pipeline)",
    tags,
    params: ZIdParamsSchema,
    query: ZPageQuerySchema,
    response: ZCardPageResponseSchema,
    handler: ({ principal, params, query }) => boards.columnPage(principal, params.id, boards.filterOf(query), query.cursor, query.limit),
  });
  api.route({
    method: "get",
    path: "/leads",
    summary: "Filtered list of leads, newest first (keyset paging)",
    tags,
    query: ZPageQuerySchema,
    response: ZCardPageResponseSchema,
    handler: ({ principal, query }) => boards.list(principal, boards.filterOf(query), query.cursor, query.limit),
  });
  api.route({
    method: "get",
    path: "/leads/export.csv",
    summary: "CSV export of the filtered list: name, bpo_source_lead_name, bpo_source_url, source_id, create_date, user_id",
    tags,
    query: ZLeadFilterQuerySchema.strict(),
    produces: "text/csv",
    handler: async ({ principal, query, res }) => {
      const csv = await boards.exportCsv(principal, boards.filterOf(query));
      res.status(200).type("text/csv; charset=utf-8").attachment("dealer-leads.csv").send(csv);
    },
  });
  api.route({
    method: "post",
    path: "/leads",
    summary: "Create a lead by hand (Customer Name, Mobile, Brand required; starts in New)",
    tags,
    body: ZCreateLeadRequestSchema,
    status: 201,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, body }) => leads.create(principal, body),
  });
  api.route({
    method: "get",
    path: "/leads/:id",
    summary: "One lead with display names and its sale orders",
    tags,
    params: ZIdParamsSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params }) => leads.get(principal, params.id),
  });
  api.route({
    method: "patch",
    path: "/leads/:id",
    summary: "Edit lead fields (own leads for Dealer Users; tracked fields go to the chatter)",
    tags,
    params: ZIdParamsSchema,
    body: ZUpdateLeadRequestSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params, body }) => leads.update(principal, params.id, body),
  });
  api.route({
    method: "delete",
    path: "/leads/:id",
    summary: "Hard delete (Manager+); refused while a sale order is linked",
    tags,
    params: ZIdParamsSchema,
    status: 204,
    handler: async ({ principal, params }) => {
      await leads.delete(principal, params.id);
      return undefined;
    },
  });
  api.route({
    method: "post",
    path: "/leads/:id/stage",
    summary: "Move to the next open stage (forward-only, one step); a move into Won is Mark Won, with its checks",
    tags,
    params: ZIdParamsSchema,
    body: ZMoveStageRequestSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params, body }) => leads.moveStage(principal, params.id, body.stageId),
  });
  api.route({
    method: "post",
    path: "/leads/:id/mark-won",
    summary: "Mark Won (only once a linked sale order is delivered)",
    tags,
    params: ZIdParamsSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params }) => leads.markWon(principal, params.id),
  });
  api.route({
    method: "get",
    path: "/leads/:id/mark-won-check",
    summary: "Would Mark Won be accepted now? If not, the reason Mark Won would give (to explain a disabled button)",
    tags,
    params: ZIdParamsSchema,
    response: ZMarkWonCheckResponseSchema,
    handler: ({ principal, params }) => leads.markWonCheck(principal, params.id),
  });
  api.route({
    method: "post",
    path: "/leads/:id/mark-lost",
    summary: "Mark Lost wizard: reason required, optional notes",
    tags,
    params: ZIdParamsSchema,
    body: ZMarkLostRequestSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params, body }) => leads.markLost(principal, params.id, body),
  });
  api.route({
    method: "post",
    path: "/leads/:id/convert-to-quotation",
    summary: "Convert to Quotation: a draft sale order with the lead's vehicle",
    tags,
    params: ZIdParamsSchema,
    status: 201,
    response: ZSaleOrderSchema,
    handler: ({ principal, params }) => leads.convertToQuotation(principal, params.id),
  });
  leadArchiveAndChatterRoutes(
    api,
    leads,
    { view: ZLeadViewResponseSchema, messages: ZLeadMessagesResponseSchema, note: ZPostNoteRequestSchema, ok: ZOkResponseSchema },
    { archive: "Archive a lead (hidden from the views, kept for ever)", restore: "Restore an archived lead" },
  );
}
