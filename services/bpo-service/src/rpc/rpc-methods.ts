import { BPO_APPLY_DEALER_OUTCOME, ZApplyDealerOutcomeRequestSchema } from "@crm/contracts";
import { type RpcMethod, defineRpcMethod, systemPingMethod } from "@crm/platform/http";
import type { DealerOutcomeService } from "../domain/dealer-outcome-service";

/** JSON-RPC methods the BPO serves to dealer-services on POST /rpc. */
export function rpcMethods(deps: { instance: string; outcomes: DealerOutcomeService }): RpcMethod[] {
  return [
    systemPingMethod("bpo", deps.instance),
    defineRpcMethod({
      name: BPO_APPLY_DEALER_OUTCOME,
      params: ZApplyDealerOutcomeRequestSchema,
      handler: (params, ctx) => deps.outcomes.apply(ctx.caller, params),
    }),
  ];
}
