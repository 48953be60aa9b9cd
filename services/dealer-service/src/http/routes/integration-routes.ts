import { z } from "zod";
import { type ApiRouter, ZDeadOutboxResponseSchema, ZOutboxReplayResponseSchema } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import {
  ZBpoConnectionResponseSchema,
  ZSetBpoConnectionRequestSchema,
  ZTestConnectionResponseSchema,
} from "../../domain/admin-schemas";
import type { BpoConnectionService } from "../../domain/bpo-connection-service";
import type { OutboxAdminService } from "../../domain/outbox-admin-service";

const ZOutboxIdParams = z.object({ id: z.uuid("id must be an outbox message id") }).strict();

/** Admin: the BPO connection (URL + key, Test Connection) and undelivered outbox messages (dead letters). */
export function integrationRoutes(api: ApiRouter<Actor>, s: { bpoConnection: BpoConnectionService; outboxAdmin: OutboxAdminService }) {
  const tags = ["integration"];
  api.route({ method: "get", path: "/bpo-connection", summary: "The BPO connection (Admin; the key is never shown)", tags, response: ZBpoConnectionResponseSchema, handler: ({ principal }) => s.bpoConnection.get(principal) });
  api.route({
    method: "put",
    path: "/bpo-connection",
    summary: "Set the BPO URL and the service key the BPO issued to this dealership (Admin)",
    tags,
    body: ZSetBpoConnectionRequestSchema,
    response: ZBpoConnectionResponseSchema,
    handler: ({ principal, body }) => s.bpoConnection.set(principal, body),
  });
  api.route({ method: "post", path: "/bpo-connection/test", summary: "Test Connection: system.ping on the BPO (Admin)", tags, response: ZTestConnectionResponseSchema, handler: ({ principal }) => s.bpoConnection.test(principal) });
  api.route({ method: "get", path: "/outbox/dead", summary: "Outbox messages that could not be delivered (Admin)", tags, response: ZDeadOutboxResponseSchema, handler: async ({ principal }) => ({ messages: await s.outboxAdmin.listDead(principal) }) });
  api.route({ method: "post", path: "/outbox/:id/replay", summary: "Send a dead outbox message again (Admin)", tags, params: ZOutboxIdParams, response: ZOutboxReplayResponseSchema, handler: ({ principal, params }) => s.outboxAdmin.replay(principal, params.id) });
}
