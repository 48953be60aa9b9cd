import type { ApiRouter } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import { ZSourceReportQuerySchema, ZSourceReportResponseSchema } from "../../domain/source-report-schemas";
import type { SourceReportService } from "../../domain/source-report-service";

/** Reports (Supervisors and Managers). */
export function reportRoutes(api: ApiRouter<Actor>, sources: SourceReportService) {
  api.route({
    method: "get",
    path: "/reports/lead-sources",
    summary: "Leads per source and source type with outcomes, by creation date (Supervisor or Manager)",
    tags: ["reports"],
    query: ZSourceReportQuerySchema,
    response: ZSourceReportResponseSchema,
    handler: ({ principal, query }) => sources.report(principal, query),
  });
  api.route({
    method: "get",
    path: "/reports/lead-sources.csv",
    summary: "The lead source report as CSV (Supervisor or Manager)",
    tags: ["reports"],
    query: ZSourceReportQuerySchema,
    produces: "text/csv",
    handler: async ({ principal, query, res }) => {
      const csv = await sources.csv(principal, query);
      res.status(200).type("text/csv; charset=utf-8").attachment("lead-sources-report.csv").send(csv);
    },
  });
}
