import { z } from "zod";
import { type ApiRouter, ZIdParamsSchema } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import type { DistributorConnectionService } from "../../domain/distributor-connection-service";
import {
  ZCatalogSyncResponseSchema,
  ZDistributorConnectionResponseSchema,
  ZDistributorTestResponseSchema,
  ZSetDistributorConnectionRequestSchema,
  ZSyncRunSchema,
  ZSyncRunsResponseSchema,
  ZSyncSettingsRequestSchema,
  ZSyncSettingsResponseSchema,
} from "../../domain/distributor-connection-schemas";

const ZRunsQuery = z
  .object({
    brandId: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** nextCursor of the previous page. */
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** Brand form: Distributor Connection, Test Connection, Sync Dealers / Vehicle Models, Run sync now; sync history and settings. */
export function distributorRoutes(api: ApiRouter<Actor>, distributors: DistributorConnectionService) {
  const tags = ["distributor intake"];
  api.route({
    method: "get",
    path: "/brands/:id/distributor",
    summary: "A brand's distributor connection, without its password (Manager)",
    tags,
    params: ZIdParamsSchema,
    response: ZDistributorConnectionResponseSchema,
    handler: ({ principal, params }) => distributors.get(principal, params.id),
  });
  api.route({
    method: "put",
    path: "/brands/:id/distributor",
    summary: "Set a brand's distributor connection; the password is stored encrypted (Manager)",
    tags,
    params: ZIdParamsSchema,
    body: ZSetDistributorConnectionRequestSchema,
    response: ZDistributorConnectionResponseSchema,
    handler: ({ principal, params, body }) => distributors.set(principal, params.id, body),
  });
  api.route({
    method: "delete",
    path: "/brands/:id/distributor",
    summary: "Clear a brand's distributor connection (Manager)",
    tags,
    params: ZIdParamsSchema,
    response: ZDistributorConnectionResponseSchema,
    handler: ({ principal, params }) => distributors.clear(principal, params.id),
  });
  api.route({
    method: "post",
    path: "/brands/:id/distributor/test",
    summary: "Test Connection: login, server version, read access to both lead models (Manager)",
    tags,
    params: ZIdParamsSchema,
    response: ZDistributorTestResponseSchema,
    handler: ({ principal, params }) => distributors.test(principal, params.id),
  });
  api.route({
    method: "post",
    path: "/brands/:id/distributor/sync-dealers",
    summary: "Sync Dealers: upsert dealerships by remote id (Manager)",
    tags,
    params: ZIdParamsSchema,
    response: ZCatalogSyncResponseSchema,
    handler: ({ principal, params }) => distributors.syncCatalog(principal, params.id, "dealers"),
  });
  api.route({
    method: "post",
    path: "/brands/:id/distributor/sync-vehicle-models",
    summary: "Sync Vehicle Models: upsert vehicle models by remote id (Manager)",
    tags,
    params: ZIdParamsSchema,
    response: ZCatalogSyncResponseSchema,
    handler: ({ principal, params }) => distributors.syncCatalog(principal, params.id, "vehicle-models"),
  });
  api.route({
    method: "post",
    path: "/brands/:id/distributor/sync-now",
    summary: "Run the lead sync now for one brand; answers with the recorded run (Manager)",
    tags,
    params: ZIdParamsSchema,
    response: ZSyncRunSchema,
    handler: ({ principal, params }) => distributors.runNow(principal, params.id),
  });
  api.route({
    method: "get",
    path: "/distributor-sync/runs",
    summary: "Sync run history, newest first, paged by cursor (Manager)",
    tags,
    query: ZRunsQuery,
    response: ZSyncRunsResponseSchema,
    handler: ({ principal, query }) => distributors.listRuns(principal, query),
  });
  api.route({
    method: "get",
    path: "/distributor-sync/settings",
    summary: "Interval of the scheduled distributor sync (Manager)",
    tags,
    response: ZSyncSettingsResponseSchema,
    handler: ({ principal }) => distributors.getSettings(principal),
  });
  api.route({
    method: "put",
    path: "/distributor-sync/settings",
    summary: "Change the interval of the scheduled distributor sync; the schedule follows (Manager)",
    tags,
    body: ZSyncSettingsRequestSchema,
    response: ZSyncSettingsResponseSchema,
    handler: ({ principal, body }) => distributors.setSettings(principal, body),
  });
}
