import { z } from "zod";
import { type ApiRouter, ZDeadOutboxResponseSchema, ZIdParamsSchema, ZOutboxReplayResponseSchema } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import { type EndorsementService, ZEndorseLeadRequestSchema, ZEndorsementCheckResponseSchema } from "../../domain/endorsement/endorse-service";
import { ZLeadViewResponseSchema } from "../../domain/lead-schemas";
import type { OutboxAdminService } from "../../domain/outbox-admin-service";

/** Endorse w/ or w/o S.Q., and the dead letters of cross-service delivery. */
export function endorsementRoutes(api: ApiRouter<Actor>, endorsements: EndorsementService, outbox: OutboxAdminService) {
  api.route({
    method: "post",
    path: "/leads/:id/endorse",
    summary: "Endorse the lead to a dealership, with or without a draft sales quotation (delivered by the worker)",
    tags: ["leads"],
    params: ZIdParamsSchema,
    body: ZEndorseLeadRequestSchema,
    response: ZLeadViewResponseSchema,
    handler: ({ principal, params, body }) => endorsements.endorse(principal, params.id, body),
  });
  api.route({
    method: "get",
    path: "/leads/:id/endorsement-check",
    summary: "Fields of the lead a dealership would refuse on Endorse, named as the lead form names them",
    tags: ["leads"],
    params: ZIdParamsSchema,
    response: ZEndorsementCheckResponseSchema,
    handler: ({ principal, params }) => endorsements.check(principal, params.id),
  });
  api.route({
    method: "get",
    path: "/outbox/dead",
    summary: "Messages to dealerships that could not be delivered (Manager)",
    tags: ["operations"],
    response: ZDeadOutboxResponseSchema,
    handler: async ({ principal }) => ({ messages: await outbox.listDead(principal) }),
  });
  api.route({
    method: "post",
    path: "/outbox/:id/replay",
    summary: "Replay an undelivered message (Manager)",
    tags: ["operations"],
    params: z.object({ id: z.uuid("id must be a message id") }),
    response: ZOutboxReplayResponseSchema,
    handler: ({ principal, params }) => outbox.replay(principal, params.id),
  });
}
