import { z } from "zod";
import { type ApiRouter, ZIdParamsSchema } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import type { DealershipConnectionService } from "../../domain/dealership-connection-service";
import {
  ZConnectionTestResponseSchema,
  ZDealershipConnectionResponseSchema,
  ZIssuePeerKeyRequestSchema,
  ZIssuedPeerKeyResponseSchema,
  ZPeerKeysResponseSchema,
  ZSetDealershipConnectionRequestSchema,
} from "../../domain/dealership-connection-schemas";

const ZKeyParamsSchema = ZIdParamsSchema.extend({ keyId: z.coerce.number().int().positive() });

/** Dealership ↔ dealer-service link (Managers): connection, Test Connection, keys issued for callbacks. */
export function dealershipConnectionRoutes(api: ApiRouter<Actor>, links: DealershipConnectionService) {
  const tags = ["dealerships"];
  api.route({ method: "get", path: "/dealerships/:id/connection", summary: "Dealer-service connection (the key is never returned)", tags, params: ZIdParamsSchema, response: ZDealershipConnectionResponseSchema, handler: ({ principal, params }) => links.get(principal, params.id) });
  api.route({
    method: "put",
    path: "/dealerships/:id/connection",
    summary: "Set the dealer-service URL and the service key it issued to the BPO",
    tags,
    params: ZIdParamsSchema,
    body: ZSetDealershipConnectionRequestSchema,
    response: ZDealershipConnectionResponseSchema,
    handler: ({ principal, params, body }) => links.set(principal, params.id, body),
  });
  api.route({
    method: "delete",
    path: "/dealerships/:id/connection",
    summary: "Remove the connection",
    tags,
    params: ZIdParamsSchema,
    status: 204,
    handler: async ({ principal, params }) => {
      await links.clear(principal, params.id);
      return undefined;
    },
  });
  api.route({ method: "post", path: "/dealerships/:id/connection/test", summary: "Test Connection (system.ping)", tags, params: ZIdParamsSchema, response: ZConnectionTestResponseSchema, handler: ({ principal, params }) => links.test(principal, params.id) });
  api.route({ method: "get", path: "/dealerships/:id/peer-keys", summary: "Keys issued to this dealership for its callbacks", tags, params: ZIdParamsSchema, response: ZPeerKeysResponseSchema, handler: async ({ principal, params }) => ({ keys: await links.listPeerKeys(principal, params.id) }) });
  api.route({
    method: "post",
    path: "/dealerships/:id/peer-keys",
    summary: "Issue a key the dealership uses to call the BPO (shown once)",
    tags,
    params: ZIdParamsSchema,
    body: ZIssuePeerKeyRequestSchema,
    status: 201,
    response: ZIssuedPeerKeyResponseSchema,
    handler: ({ principal, params, body }) => links.issuePeerKey(principal, params.id, body.label),
  });
  api.route({
    method: "post",
    path: "/dealerships/:id/peer-keys/:keyId/revoke",
    summary: "Revoke a key",
    tags,
    params: ZKeyParamsSchema,
    status: 204,
    handler: async ({ principal, params }) => {
      await links.revokePeerKey(principal, params.id, params.keyId);
      return undefined;
    },
  });
}
