import { CONTRACT_VERSION, SYSTEM_PING, type SystemPingResponse, ZSystemPingRequestSchema } from "@crm/contracts";
import { type RpcMethod, defineRpcMethod } from "./rpc-server";

/** system.ping, served by every service: Test Connection shows who answered and who the caller is to it. */
export const systemPingMethod = (service: SystemPingResponse["service"], instance: string): RpcMethod =>
  defineRpcMethod({
    name: SYSTEM_PING,
    params: ZSystemPingRequestSchema,
    handler: async (_params, ctx): Promise<SystemPingResponse> => ({
      service,
      instance,
      contractVersion: CONTRACT_VERSION,
      caller: ctx.caller.name,
      time: new Date().toISOString(),
    }),
  });
