import { CONTRACT_VERSION, SYSTEM_PING, type SystemPingResponse, ZSystemPingRequestSchema } from "@crm/contracts";
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
  ];
}
