import { type ApiRouter, ZIdParamsSchema } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import {
  ZDeliverRequestSchema,
  ZLeadMessagesResponseSchema,
  ZOrderLinesRequestSchema,
  ZSaleOrderSchema,
  ZSaleOrdersResponseSchema,
} from "../../domain/lead-schemas";
import type { SaleOrderService } from "../../domain/sale-order-service";

export function orderRoutes(api: ApiRouter<Actor>, orders: SaleOrderService) {
  const tags = ["sale orders"];
  api.route({
    method: "get",
    path: "/leads/:id/sale-orders",
    summary: "Sale orders linked to a lead",
    tags,
    params: ZIdParamsSchema,
    response: ZSaleOrdersResponseSchema,
    handler: async ({ principal, params }) => ({ orders: await orders.listForLead(principal, params.id) }),
  });
  api.route({
    method: "get",
    path: "/sale-orders/:id",
    summary: "One sale order with its lines",
    tags,
    params: ZIdParamsSchema,
    response: ZSaleOrderSchema,
    handler: ({ principal, params }) => orders.get(principal, params.id),
  });
  api.route({
    method: "put",
    path: "/sale-orders/:id/lines",
    summary: "Replace the lines of a quotation (draft only)",
    tags,
    params: ZIdParamsSchema,
    body: ZOrderLinesRequestSchema,
    response: ZSaleOrderSchema,
    handler: ({ principal, params, body }) => orders.replaceLines(principal, params.id, body),
  });
  api.route({
    method: "post",
    path: "/sale-orders/:id/confirm",
    summary: "Confirm a quotation into a sales order",
    tags,
    params: ZIdParamsSchema,
    response: ZSaleOrderSchema,
    handler: ({ principal, params }) => orders.confirm(principal, params.id),
  });
  api.route({
    method: "post",
    path: "/sale-orders/:id/deliver",
    summary: "Record the vehicle delivery of a confirmed order",
    tags,
    params: ZIdParamsSchema,
    body: ZDeliverRequestSchema,
    response: ZSaleOrderSchema,
    handler: ({ principal, params, body }) => orders.deliver(principal, params.id, body.deliveryDate),
  });
  api.route({
    method: "post",
    path: "/sale-orders/:id/cancel",
    summary: "Cancel a quotation or sales order (not once delivered)",
    tags,
    params: ZIdParamsSchema,
    response: ZSaleOrderSchema,
    handler: ({ principal, params }) => orders.cancel(principal, params.id),
  });
  api.route({
    method: "get",
    path: "/sale-orders/:id/messages",
    summary: "Order chatter, newest first",
    tags,
    params: ZIdParamsSchema,
    response: ZLeadMessagesResponseSchema,
    handler: async ({ principal, params }) => ({ messages: await orders.messages(principal, params.id) }),
  });
}
