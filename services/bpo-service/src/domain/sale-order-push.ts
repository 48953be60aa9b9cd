import type { z } from "zod";
import {
  CONTRACT_VERSION,
  DEALER_RECEIVE_SALE_ORDER,
  type ReceiveSaleOrderRequest,
  type ReceiveSaleOrderResponse,
  ZReceiveSaleOrderRequestSchema,
  ZReceiveSaleOrderResponseSchema,
} from "@crm/contracts";
import type { OutboxHandler } from "@crm/platform/jobs";
import type { LeadView, Repositories } from "../data-access/bpo-store";
import { type DealerPushDeps, dealerPushDelivery, dealerPushMessageSchema } from "./dealer-push-delivery";

/** What the outbox row of a re-pushed sale order carries (reconciliation's Replay of a Mark Won push). */
export const ZSaleOrderPushMessageSchema = dealerPushMessageSchema(ZReceiveSaleOrderRequestSchema);
export type SaleOrderPushMessage = z.output<typeof ZSaleOrderPushMessageSchema>;

/** The sale order Mark Won pushes to the lead's dealership (the dealer answers idempotently per BPO lead). */
export function saleOrderRequest(lead: LeadView, bpoUrl: string): ReceiveSaleOrderRequest {
  return {
    contractVersion: CONTRACT_VERSION,
    bpoSourceLeadId: lead.id,
    bpoSourceLeadName: lead.reference,
    bpoSourceUrl: bpoUrl,
    customer: { name: lead.contactName, mobile: lead.mobile, email: lead.email, phone: lead.phone, street: lead.street, city: lead.city },
    brandCode: lead.brand.code,
    productCode: lead.vehicleModel?.code ?? null,
    vehicleModelName: lead.vehicleModel?.name ?? null,
    quantity: lead.quantity,
    unitPrice: lead.expectedPrice,
  };
}

/** The worker's half of a replayed Mark Won push: the dealer answers with the order it has (or creates it). */
export const saleOrderRepushDelivery = (deps: DealerPushDeps): OutboxHandler =>
  dealerPushDelivery(deps, {
    what: "sale order",
    method: DEALER_RECEIVE_SALE_ORDER,
    message: ZSaleOrderPushMessageSchema,
    response: ZReceiveSaleOrderResponseSchema,
    record: recordRepushed,
    logged: (m, result) => ["sale order re-pushed", { leadId: m.leadId, saleOrderName: result.saleOrderName, created: result.created }],
  });

/** A re-pushed sale order reached the dealer: the lead names the order the dealer now holds. */
async function recordRepushed(r: Repositories, message: SaleOrderPushMessage, result: ReceiveSaleOrderResponse, dealershipName: string) {
  await r.leads.update(message.leadId, { dealerSoName: result.saleOrderName });
  const verb = result.created ? "created again" : "already existed";
  await r.messages.add({ leadId: message.leadId, kind: "system", body: `Sale order ${result.saleOrderName} ${verb} at ${dealershipName} (Mark Won push replayed).`, authorId: null });
}
