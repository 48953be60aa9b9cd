import { z } from "zod";
import { type ApiRouter, ZIdParamsSchema } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import type { ActivityService } from "../../domain/activity-service";
import { ZActivitiesResponseSchema, ZActivitySchema, ZNewActivitySchema, ZScheduleVisitRequestSchema } from "../../domain/activity-schemas";
import type { CallLogService } from "../../domain/call-log-service";
import { ZCallLogQuerySchema, ZCallLogsResponseSchema, ZLogCallRequestSchema, ZLogCallResponseSchema } from "../../domain/call-log-schemas";

/** Call logs and activities: the day-to-day work on a claimed lead. */
export function workRoutes(api: ApiRouter<Actor>, callLogs: CallLogService, activities: ActivityService) {
  api.route({
    method: "post",
    path: "/leads/:id/call-logs",
    summary: "Log Call wizard",
    tags: ["calls"],
    params: ZIdParamsSchema,
    body: ZLogCallRequestSchema,
    status: 201,
    response: ZLogCallResponseSchema,
    handler: ({ principal, params, body }) => callLogs.log(principal, params.id, body),
  });
  api.route({
    method: "get",
    path: "/leads/:id/call-logs",
    summary: "Calls logged on one lead by anyone, newest first (whoever may view the lead)",
    tags: ["calls"],
    params: ZIdParamsSchema,
    query: z
      .object({ beforeId: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
      .strict(),
    response: ZCallLogsResponseSchema,
    handler: async ({ principal, params, query }) => ({ callLogs: await callLogs.forLead(principal, params.id, query) }),
  });
  api.route({
    method: "get",
    path: "/call-logs",
    summary: "Call Logs across leads, newest first (Agents: their own)",
    tags: ["calls"],
    query: ZCallLogQuerySchema,
    response: ZCallLogsResponseSchema,
    handler: async ({ principal, query }) => ({ callLogs: await callLogs.list(principal, query) }),
  });
  api.route({
    method: "get",
    path: "/leads/:id/activities",
    summary: "Activities of a lead with their state",
    tags: ["activities"],
    params: ZIdParamsSchema,
    response: ZActivitiesResponseSchema,
    handler: async ({ principal, params }) => ({ activities: await activities.forLead(principal, params.id) }),
  });
  api.route({
    method: "post",
    path: "/leads/:id/activities",
    summary: "Schedule an activity",
    tags: ["activities"],
    params: ZIdParamsSchema,
    body: ZNewActivitySchema,
    status: 201,
    response: ZActivitySchema,
    handler: ({ principal, params, body }) => activities.schedule(principal, params.id, body),
  });
  api.route({
    method: "post",
    path: "/leads/:id/schedule-visit",
    summary: "Schedule Visit: a visit activity",
    tags: ["activities"],
    params: ZIdParamsSchema,
    body: ZScheduleVisitRequestSchema,
    status: 201,
    response: ZActivitySchema,
    handler: ({ principal, params, body }) => activities.scheduleVisit(principal, params.id, body),
  });
  api.route({
    method: "get",
    path: "/activities/mine",
    summary: "My Activities (overdue / today / planned)",
    tags: ["activities"],
    query: z.object({ includeDone: z.enum(["true", "false"]).default("false") }).strict(),
    response: ZActivitiesResponseSchema,
    handler: async ({ principal, query }) => ({ activities: await activities.mine(principal, query.includeDone === "true") }),
  });
  api.route({
    method: "post",
    path: "/activities/:id/done",
    summary: "Mark an activity done",
    tags: ["activities"],
    params: ZIdParamsSchema,
    response: ZActivitySchema,
    handler: ({ principal, params }) => activities.markDone(principal, params.id),
  });
}
