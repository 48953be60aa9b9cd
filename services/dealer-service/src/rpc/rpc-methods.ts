import {
  DEALER_RECEIVE_ENDORSED_LEAD,
  DEALER_LEAD_STATUS,
  DEALER_RECEIVE_SALE_ORDER,
  DEALER_RESEND_OUTCOME,
  type LeadStatusResponse,
  ZLeadStatusRequestSchema,
  ZReceiveEndorsedLeadRequestSchema,
  ZReceiveSaleOrderRequestSchema,
  ZResendOutcomeRequestSchema,
} from "@crm/contracts";
import { type RpcMethod, defineRpcMethod, systemPingMethod } from "@crm/platform/http";
import type { DealerContainer } from "../container";

/** JSON-RPC methods this dealer serves on POST /rpc. */
export function rpcMethods(c: DealerContainer): RpcMethod[] {
  return [
    systemPingMethod("dealer", c.config.INSTANCE_NAME),
    defineRpcMethod({
      name: DEALER_RECEIVE_ENDORSED_LEAD,
      params: ZReceiveEndorsedLeadRequestSchema,
      handler: (params, ctx) => c.endorsements.receiveEndorsedLead(ctx.caller, params),
    }),
    defineRpcMethod({
      name: DEALER_RECEIVE_SALE_ORDER,
      params: ZReceiveSaleOrderRequestSchema,
      handler: (params, ctx) => c.endorsements.receiveSaleOrder(ctx.caller, params),
    }),
    defineRpcMethod({
      name: DEALER_LEAD_STATUS,
      params: ZLeadStatusRequestSchema,
      // Reconciliation (issue 16): read-only, so any authenticated BPO service key may ask.
      handler: async (params): Promise<LeadStatusResponse> => ({ leads: await c.store.repos.leadStatus.byBpoOrigin(params.bpoSourceUrl, params.bpoSourceLeadIds) }),
    }),
    defineRpcMethod({
      name: DEALER_RESEND_OUTCOME,
      params: ZResendOutcomeRequestSchema,
      // Reconciliation (issue 16): queues this dealer's own callback again; harmless to repeat.
      handler: (params, ctx) => c.outcomeResends.resend(ctx.caller, params),
    }),
  ];
}
