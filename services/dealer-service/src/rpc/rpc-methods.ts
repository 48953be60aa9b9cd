import {
  CONTRACT_VERSION,
  DEALER_RECEIVE_ENDORSED_LEAD,
  DEALER_LEAD_STATUS,
  DEALER_RECEIVE_SALE_ORDER,
  DEALER_RESEND_OUTCOME,
  SYSTEM_PING,
  type LeadStatusResponse,
  type SystemPingResponse,
  ZLeadStatusRequestSchema,
  ZReceiveEndorsedLeadRequestSchema,
  ZReceiveSaleOrderRequestSchema,
  ZResendOutcomeRequestSchema,
  ZSystemPingRequestSchema,
} from "@crm/contracts";
import { type RpcMethod, defineRpcMethod } from "@crm/platform";
import type { DealerContainer } from "../container";

/** JSON-RPC methods this dealer serves on POST /rpc. */
export function rpcMethods(c: DealerContainer): RpcMethod[] {
  return [
    defineRpcMethod({
      name: SYSTEM_PING,
      params: ZSystemPingRequestSchema,
      handler: async (_params, ctx): Promise<SystemPingResponse> => ({
        service: "dealer",
        instance: c.config.INSTANCE_NAME,
        contractVersion: CONTRACT_VERSION,
        caller: ctx.caller.name,
        time: new Date().toISOString(),
      }),
    }),
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
