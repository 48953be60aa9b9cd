import {
  type ApplyDealerOutcomeRequest,
  type ApplyDealerOutcomeResponse,
  BPO_APPLY_DEALER_OUTCOME,
  CONTRACT_VERSION,
  SYSTEM_PING,
  type SystemPingResponse,
  ZApplyDealerOutcomeResponseSchema,
  ZSystemPingResponseSchema,
} from "@crm/contracts";
import { RpcClient } from "@crm/platform/core";

/** What the dealer calls on its BPO (JSON-RPC 2.0 over HTTP with the key the BPO issued to this dealer). */
export interface BpoPeer {
  ping(): Promise<SystemPingResponse>;
  applyDealerOutcome(payload: ApplyDealerOutcomeRequest): Promise<ApplyDealerOutcomeResponse>;
}

export type BpoPeerFactory = (url: string, key: string) => BpoPeer;

export const bpoPeerFactory =
  (timeoutMs: number): BpoPeerFactory =>
  (url, key) => {
    const client = new RpcClient({ url, key, timeoutMs });
    return {
      ping: () => client.call(SYSTEM_PING, { contractVersion: CONTRACT_VERSION }, ZSystemPingResponseSchema),
      applyDealerOutcome: (payload) => client.call(BPO_APPLY_DEALER_OUTCOME, payload, ZApplyDealerOutcomeResponseSchema),
    };
  };
