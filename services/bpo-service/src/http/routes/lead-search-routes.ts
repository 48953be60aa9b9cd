import type { ApiRouter } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import { ZLeadListQuerySchema, ZLeadListResponseSchema } from "../../domain/lead-search-schemas";
import type { LeadSearchService } from "../../domain/lead-search-service";

/** Leads list view and customer search (registered before /leads/:id so /leads/export.csv is not an id). */
export function leadSearchRoutes(api: ApiRouter<Actor>, search: LeadSearchService) {
  const tags = ["leads"];
  api.route({
    method: "get",
    path: "/leads",
    summary: "Leads list and search (phone digits, e-mail, name, reference) across every lead, newest first, keyset paging",
    tags,
    query: ZLeadListQuerySchema,
    response: ZLeadListResponseSchema,
    handler: ({ principal, query }) => search.list(principal, query),
  });
  api.route({
    method: "get",
    path: "/leads/export.csv",
    summary: "CSV export of the Leads list exactly as filtered and shown",
    tags,
    query: ZLeadListQuerySchema,
    produces: "text/csv",
    handler: async ({ principal, query, res }) => {
      const csv = await search.csv(principal, query);
      res.status(200).type("text/csv; charset=utf-8").attachment("bpo-leads.csv").send(csv);
    },
  });
}
