import { z } from "zod";
import { type ApiRouter, ZIdParamsSchema } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import type { CatalogService } from "../../domain/catalog-service";
import {
  ZBrandSchema,
  ZBrandsResponseSchema,
  ZDealershipSchema,
  ZDealershipsResponseSchema,
  ZLeadSourceSchema,
  ZLeadSourcesResponseSchema,
  ZStageSchema,
  ZStagesResponseSchema,
  ZVehicleModelSchema,
  ZVehicleModelsResponseSchema,
  ZCreateBrandRequestSchema,
  ZCreateDealershipRequestSchema,
  ZCreateLeadSourceRequestSchema,
  ZCreateStageRequestSchema,
  ZCreateVehicleModelRequestSchema,
  ZUpdateBrandRequestSchema,
  ZUpdateDealershipRequestSchema,
  ZUpdateLeadSourceRequestSchema,
  ZUpdateStageRequestSchema,
  ZUpdateVehicleModelRequestSchema,
} from "../../domain/catalog-schemas";
import type { UserService } from "../../domain/user-service";
import { ZCreateUserRequestSchema, ZUpdateUserRequestSchema, ZUserSchema, ZUsersResponseSchema } from "../../domain/user-schemas";

const ZIncludeInactiveQuery = z.object({ includeInactive: z.enum(["true", "false"]).default("false") }).strict();
const ZByBrandQuery = ZIncludeInactiveQuery.extend({ brandId: z.coerce.number().int().positive().optional() });

/** Configuration: lead sources, stages, brands, dealerships, vehicle models, users. */
export function catalogRoutes(api: ApiRouter<Actor>, catalog: CatalogService, users: UserService) {
  api.route({
    method: "get",
    path: "/lead-sources",
    summary: "Lead sources (archived ones with includeInactive=true)",
    tags: ["configuration"],
    query: ZIncludeInactiveQuery,
    response: ZLeadSourcesResponseSchema,
    handler: async ({ principal, query }) => ({ sources: await catalog.listSources(principal, query.includeInactive === "true") }),
  });
  api.route({
    method: "post",
    path: "/lead-sources",
    summary: "Create a lead source (Manager)",
    tags: ["configuration"],
    body: ZCreateLeadSourceRequestSchema,
    status: 201,
    response: ZLeadSourceSchema,
    handler: ({ principal, body }) => catalog.createSource(principal, body),
  });
  api.route({
    method: "patch",
    path: "/lead-sources/:id",
    summary: "Edit or archive a lead source (Manager)",
    tags: ["configuration"],
    params: ZIdParamsSchema,
    body: ZUpdateLeadSourceRequestSchema,
    response: ZLeadSourceSchema,
    handler: ({ principal, params, body }) => catalog.updateSource(principal, params.id, body),
  });
  api.route({
    method: "delete",
    path: "/lead-sources/:id",
    summary: "Delete a never-used lead source (Manager)",
    tags: ["configuration"],
    params: ZIdParamsSchema,
    status: 204,
    handler: async ({ principal, params }) => {
      await catalog.deleteSource(principal, params.id);
      return undefined;
    },
  });
  api.route({
    method: "get",
    path: "/stages",
    summary: "Pipeline stages in order",
    tags: ["configuration"],
    response: ZStagesResponseSchema,
    handler: async () => ({ stages: await catalog.listStages() }),
  });
  api.route({
    method: "post",
    path: "/stages",
    summary: "Add a stage (Manager)",
    tags: ["configuration"],
    body: ZCreateStageRequestSchema,
    status: 201,
    response: ZStageSchema,
    handler: ({ principal, body }) => catalog.createStage(principal, body),
  });
  api.route({
    method: "patch",
    path: "/stages/:id",
    summary: "Rename, reorder, fold or set Won / Lost on a stage (Manager; the kind is fixed while leads are in it)",
    tags: ["configuration"],
    params: ZIdParamsSchema,
    body: ZUpdateStageRequestSchema,
    response: ZStageSchema,
    handler: ({ principal, params, body }) => catalog.updateStage(principal, params.id, body),
  });
  api.route({
    method: "delete",
    path: "/stages/:id",
    summary: "Delete a stage no lead is in (Manager)",
    tags: ["configuration"],
    params: ZIdParamsSchema,
    status: 204,
    handler: async ({ principal, params }) => {
      await catalog.deleteStage(principal, params.id);
      return undefined;
    },
  });
  api.route({
    method: "get",
    path: "/brands",
    summary: "Brands",
    tags: ["configuration"],
    query: ZIncludeInactiveQuery,
    response: ZBrandsResponseSchema,
    handler: async ({ principal, query }) => ({ brands: await catalog.listBrands(principal, query.includeInactive === "true") }),
  });
  api.route({
    method: "post",
    path: "/brands",
    summary: "Create a brand (Manager)",
    tags: ["configuration"],
    body: ZCreateBrandRequestSchema,
    status: 201,
    response: ZBrandSchema,
    handler: ({ principal, body }) => catalog.createBrand(principal, body),
  });
  api.route({
    method: "patch",
    path: "/brands/:id",
    summary: "Edit a brand (Manager)",
    tags: ["configuration"],
    params: ZIdParamsSchema,
    body: ZUpdateBrandRequestSchema,
    response: ZBrandSchema,
    handler: ({ principal, params, body }) => catalog.updateBrand(principal, params.id, body),
  });
  api.route({
    method: "get",
    path: "/dealerships",
    summary: "Dealerships",
    tags: ["configuration"],
    query: ZByBrandQuery,
    response: ZDealershipsResponseSchema,
    handler: async ({ principal, query }) => ({
      dealerships: await catalog.listDealerships(principal, { brandId: query.brandId, includeInactive: query.includeInactive === "true" }),
    }),
  });
  api.route({
    method: "post",
    path: "/dealerships",
    summary: "Create a dealership (Manager)",
    tags: ["configuration"],
    body: ZCreateDealershipRequestSchema,
    status: 201,
    response: ZDealershipSchema,
    handler: ({ principal, body }) => catalog.createDealership(principal, body),
  });
  api.route({
    method: "patch",
    path: "/dealerships/:id",
    summary: "Edit a dealership (Manager)",
    tags: ["configuration"],
    params: ZIdParamsSchema,
    body: ZUpdateDealershipRequestSchema,
    response: ZDealershipSchema,
    handler: ({ principal, params, body }) => catalog.updateDealership(principal, params.id, body),
  });
  api.route({
    method: "get",
    path: "/vehicle-models",
    summary: "Vehicle models",
    tags: ["configuration"],
    query: ZByBrandQuery,
    response: ZVehicleModelsResponseSchema,
    handler: async ({ principal, query }) => ({
      vehicleModels: await catalog.listVehicleModels(principal, { brandId: query.brandId, includeInactive: query.includeInactive === "true" }),
    }),
  });
  api.route({
    method: "post",
    path: "/vehicle-models",
    summary: "Create a vehicle model (Manager)",
    tags: ["configuration"],
    body: ZCreateVehicleModelRequestSchema,
    status: 201,
    response: ZVehicleModelSchema,
    handler: ({ principal, body }) => catalog.createVehicleModel(principal, body),
  });
  api.route({
    method: "patch",
    path: "/vehicle-models/:id",
    summary: "Edit a vehicle model (Manager)",
    tags: ["configuration"],
    params: ZIdParamsSchema,
    body: ZUpdateVehicleModelRequestSchema,
    response: ZVehicleModelSchema,
    handler: ({ principal, params, body }) => catalog.updateVehicleModel(principal, params.id, body),
  });
  api.route({
    method: "get",
    path: "/users",
    summary: "Users",
    tags: ["configuration"],
    response: ZUsersResponseSchema,
    handler: async ({ principal }) => ({ users: await users.list(principal) }),
  });
  api.route({
    method: "post",
    path: "/users",
    summary: "Create a user (Manager)",
    tags: ["configuration"],
    body: ZCreateUserRequestSchema,
    status: 201,
    response: ZUserSchema,
    handler: ({ principal, body }) => users.create(principal, body),
  });
  api.route({
    method: "patch",
    path: "/users/:id",
    summary: "Edit, deactivate or reset the password of a user (Manager)",
    tags: ["configuration"],
    params: ZIdParamsSchema,
    body: ZUpdateUserRequestSchema,
    response: ZUserSchema,
    handler: ({ principal, params, body }) => users.update(principal, params.id, body),
  });
}
