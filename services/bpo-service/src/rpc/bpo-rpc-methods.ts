import {
  BPO_APPLY_DEALER_OUTCOME,
  CONTRACT_VERSION,
  SYSTEM_PING,
  ZApplyDealerOutcomeRequestSchema,
  ZSystemPingRequestSchema,
  type SystemPingResponse,
} from "@crm/contracts";
import { type RpcMethod, defineRpcMethod } from "@crm/platform";
import type { DealerOutcomeService } from "../domain/dealer-outcome-service";

/** JSON-RPC methods the BPO serves to dealer-services on POST /rpc. */
export function bpoRpcMethods(deps: { instance: string; outcomes: DealerOutcomeService }): RpcMethod[] {
  return [
    defineRpcMethod({
      name: SYSTEM_PING,
      params: ZSystemPingRequestSchema,
      handler: async (_params, ctx): Promise<SystemPingResponse> => ({
        service: "bpo",
        instance: deps.instance,
        contractVersion: CONTRACT_VERSION,
        caller: ctx.caller.name,
        time: new Date().toISOString(),
      }),
    }),
    defineRpcMethod({
      name: BPO_APPLY_DEALER_OUTCOME,
      params: ZApplyDealerOutcomeRequestSchema,
      handler: (params, ctx) => deps.outcomes.apply(ctx.caller, params),
    }),
  ];
}
