import { z } from "zod";
import { type ApiRouter, ZIdParamsSchema } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import {
  ZCreateUserRequestSchema,
  ZIssueServiceKeyRequestSchema,
  ZIssuedServiceKeySchema,
  ZServiceKeySchema,
  ZServiceKeysResponseSchema,
  ZUpdateUserRequestSchema,
  ZUserSchema,
  ZUsersResponseSchema,
} from "../../domain/admin-schemas";
import {
  ZBrandSchema,
  ZBrandsResponseSchema,
  ZCountriesResponseSchema,
  ZCreateBrandRequestSchema,
  ZCreateLostReasonRequestSchema,
  ZCreateProductRequestSchema,
  ZCreateSourceRequestSchema,
  ZLeadSourceSchema,
  ZLeadSourcesResponseSchema,
  ZLostReasonSchema,
  ZLostReasonsResponseSchema,
  ZProductSchema,
  ZProductsResponseSchema,
  ZStatesResponseSchema,
  ZUpdateBrandRequestSchema,
  ZUpdateLostReasonRequestSchema,
  ZUpdateProductRequestSchema,
  ZUpdateSourceRequestSchema,
} from "../../domain/catalog-schemas";
import type { CatalogService } from "../../domain/catalog-service";
import { ZStagesResponseSchema } from "../../domain/lead-schemas";
import { ZCreatePartnerRequestSchema, ZPartnerSchema, ZPartnersResponseSchema, ZUpdatePartnerRequestSchema } from "../../domain/partner-schemas";
import type { PartnerService } from "../../domain/partner-service";
import type { ServiceKeyService } from "../../domain/service-key-service";
import type { UserService } from "../../domain/user-service";

const ZIncludeInactiveQuery = z.object({ includeInactive: z.enum(["true", "false"]).default("false") }).strict();
const inactive = (q: { includeInactive: "true" | "false" }) => q.includeInactive === "true";

/** Configuration (brands, products, countries, sources, lost reasons, stages), customers, users, service keys. */
export function catalogRoutes(
  api: ApiRouter<Actor>,
  s: { catalog: CatalogService; partners: PartnerService; users: UserService; serviceKeys: ServiceKeyService },
) {
  const { catalog, partners, users, serviceKeys } = s;
  const tags = ["configuration"];
  api.route({ method: "get", path: "/stages", summary: "Pipeline stages in order", tags, response: ZStagesResponseSchema, handler: async ({ principal }) => ({ stages: await catalog.listStages(principal) }) });

  api.route({ method: "get", path: "/brands", summary: "Brands", tags, query: ZIncludeInactiveQuery, response: ZBrandsResponseSchema, handler: async ({ principal, query }) => ({ brands: await catalog.listBrands(principal, inactive(query)) }) });
  api.route({ method: "post", path: "/brands", summary: "Create a brand (Admin)", tags, body: ZCreateBrandRequestSchema, status: 201, response: ZBrandSchema, handler: ({ principal, body }) => catalog.createBrand(principal, body) });
  api.route({ method: "patch", path: "/brands/:id", summary: "Edit or archive a brand (Admin)", tags, params: ZIdParamsSchema, body: ZUpdateBrandRequestSchema, response: ZBrandSchema, handler: ({ principal, params, body }) => catalog.updateBrand(principal, params.id, body) });

  api.route({
    method: "get",
    path: "/products",
    summary: "Products (vehicles), optionally of one brand",
    tags,
    query: ZIncludeInactiveQuery.extend({ brandId: z.coerce.number().int().positive().optional() }),
    response: ZProductsResponseSchema,
    handler: async ({ principal, query }) => ({ products: await catalog.listProducts(principal, { brandId: query.brandId, includeInactive: inactive(query) }) }),
  });
  api.route({ method: "post", path: "/products", summary: "Create a product (Admin)", tags, body: ZCreateProductRequestSchema, status: 201, response: ZProductSchema, handler: ({ principal, body }) => catalog.createProduct(principal, body) });
  api.route({ method: "patch", path: "/products/:id", summary: "Edit or archive a product (Admin)", tags, params: ZIdParamsSchema, body: ZUpdateProductRequestSchema, response: ZProductSchema, handler: ({ principal, params, body }) => catalog.updateProduct(principal, params.id, body) });

  api.route({ method: "get", path: "/countries", summary: "Countries (ISO 3166-1 codes)", tags, response: ZCountriesResponseSchema, handler: async ({ principal }) => ({ countries: await catalog.listCountries(principal) }) });
  api.route({ method: "get", path: "/countries/:id/states", summary: "States / regions / provinces of a country", tags, params: ZIdParamsSchema, response: ZStatesResponseSchema, handler: async ({ principal, params }) => ({ states: await catalog.listStates(principal, params.id) }) });

  api.route({ method: "get", path: "/lead-sources", summary: "Lead sources", tags, query: ZIncludeInactiveQuery, response: ZLeadSourcesResponseSchema, handler: async ({ principal, query }) => ({ sources: await catalog.listSources(principal, inactive(query)) }) });
  api.route({ method: "post", path: "/lead-sources", summary: "Create a lead source (Admin)", tags, body: ZCreateSourceRequestSchema, status: 201, response: ZLeadSourceSchema, handler: ({ principal, body }) => catalog.createSource(principal, body) });
  api.route({ method: "patch", path: "/lead-sources/:id", summary: "Edit or archive a lead source (Admin)", tags, params: ZIdParamsSchema, body: ZUpdateSourceRequestSchema, response: ZLeadSourceSchema, handler: ({ principal, params, body }) => catalog.updateSource(principal, params.id, body) });

  api.route({ method: "get", path: "/lost-reasons", summary: "Lost reasons", tags, query: ZIncludeInactiveQuery, response: ZLostReasonsResponseSchema, handler: async ({ principal, query }) => ({ lostReasons: await catalog.listLostReasons(principal, inactive(query)) }) });
  api.route({ method: "post", path: "/lost-reasons", summary: "Create a lost reason (Admin)", tags, body: ZCreateLostReasonRequestSchema, status: 201, response: ZLostReasonSchema, handler: ({ principal, body }) => catalog.createLostReason(principal, body) });
  api.route({ method: "patch", path: "/lost-reasons/:id", summary: "Edit or archive a lost reason (Admin)", tags, params: ZIdParamsSchema, body: ZUpdateLostReasonRequestSchema, response: ZLostReasonSchema, handler: ({ principal, params, body }) => catalog.updateLostReason(principal, params.id, body) });

  const ptags = ["customers"];
  api.route({
    method: "get",
    path: "/partners",
    summary: "Search customers by name, mobile or email",
    tags: ptags,
    query: z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
    response: ZPartnersResponseSchema,
    handler: async ({ principal, query }) => ({ partners: await partners.search(principal, query.q || undefined, query.limit) }),
  });
  api.route({ method: "post", path: "/partners", summary: "Create a customer", tags: ptags, body: ZCreatePartnerRequestSchema, status: 201, response: ZPartnerSchema, handler: ({ principal, body }) => partners.create(principal, body) });
  api.route({ method: "get", path: "/partners/:id", summary: "One customer", tags: ptags, params: ZIdParamsSchema, response: ZPartnerSchema, handler: ({ principal, params }) => partners.get(principal, params.id) });
  api.route({ method: "patch", path: "/partners/:id", summary: "Edit a customer", tags: ptags, params: ZIdParamsSchema, body: ZUpdatePartnerRequestSchema, response: ZPartnerSchema, handler: ({ principal, params, body }) => partners.update(principal, params.id, body) });

  const atags = ["administration"];
  api.route({ method: "get", path: "/users", summary: "Users", tags: atags, response: ZUsersResponseSchema, handler: async ({ principal }) => ({ users: await users.list(principal) }) });
  api.route({ method: "post", path: "/users", summary: "Create a user or service account (Admin)", tags: atags, body: ZCreateUserRequestSchema, status: 201, response: ZUserSchema, handler: ({ principal, body }) => users.create(principal, body) });
  api.route({ method: "patch", path: "/users/:id", summary: "Edit or deactivate a user (Admin)", tags: atags, params: ZIdParamsSchema, body: ZUpdateUserRequestSchema, response: ZUserSchema, handler: ({ principal, params, body }) => users.update(principal, params.id, body) });
  api.route({ method: "get", path: "/service-keys", summary: "Service keys for peers (Admin; hashes are never shown)", tags: atags, response: ZServiceKeysResponseSchema, handler: async ({ principal }) => ({ keys: await serviceKeys.list(principal) }) });
  api.route({
    method: "post",
    path: "/service-keys",
    summary: "Issue a service key for a peer's service account (Admin); the plaintext key is returned once",
    tags: atags,
    body: ZIssueServiceKeyRequestSchema,
    status: 201,
    response: ZIssuedServiceKeySchema,
    handler: ({ principal, body }) => serviceKeys.issue(principal, body),
  });
  api.route({ method: "post", path: "/service-keys/:id/revoke", summary: "Revoke a service key (Admin)", tags: atags, params: ZIdParamsSchema, response: ZServiceKeySchema, handler: ({ principal, params }) => serviceKeys.revoke(principal, params.id) });
}
