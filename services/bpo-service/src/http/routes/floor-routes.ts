import type { ApiRouter } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import { ZFloorQuerySchema, ZFloorSummaryResponseSchema, ZFloorThresholdsSchema } from "../../domain/floor-schemas";
import type { FloorService } from "../../domain/floor-service";

/** The Supervisor's live floor (Supervisors and Managers; thresholds set by Managers). */
export function floorRoutes(api: ApiRouter<Actor>, floor: FloorService) {
  api.route({
    method: "get",
    path: "/floor",
    summary: "Waiting leads per brand, response times (today, last 7 days, an optional range), agents today, threshold breaches, the day's chart (Supervisor or Manager)",
    tags: ["floor"],
    query: ZFloorQuerySchema,
    response: ZFloorSummaryResponseSchema,
    handler: ({ principal, query }) => floor.summary(principal, query),
  });
  api.route({
    method: "get",
    path: "/floor/thresholds",
    summary: "Floor thresholds: claim within, first call within, in minutes (Supervisor or Manager)",
    tags: ["floor"],
    response: ZFloorThresholdsSchema,
    handler: ({ principal }) => floor.thresholds(principal),
  });
  api.route({
    method: "put",
    path: "/floor/thresholds",
    summary: "Set the floor thresholds (Manager)",
    tags: ["floor"],
    body: ZFloorThresholdsSchema,
    response: ZFloorThresholdsSchema,
    handler: ({ principal, body }) => floor.setThresholds(principal, body),
  });
}
