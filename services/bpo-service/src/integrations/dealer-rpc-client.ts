import { RpcClient } from "@crm/platform/core";

/** Builds a JSON-RPC client for one dealer-service; a factory so tests and workers share one seam. */
export type DealerRpcClientFactory = (url: string, key: string) => RpcClient;

export const dealerRpcClientFactory =
  (timeoutMs: number): DealerRpcClientFactory =>
  (url, key) =>
    new RpcClient({ url, key, timeoutMs });
