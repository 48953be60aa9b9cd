import { BPO_APPLY_DEALER_OUTCOME } from "@crm/contracts";
import { type OutboxDelivery, startServiceOutbox } from "@crm/platform/jobs";
import type { DealerContainer } from "../container";
import { outcomeDelivery } from "../domain/outcome-callback";

export type DealerOutbox = OutboxDelivery;

/** The dealer worker's outbox: relays outbox_messages to BullMQ and delivers outcome callbacks to the BPO. */
export const startDealerOutbox = (c: DealerContainer): DealerOutbox =>
  // Topic → the flow that delivers it.
  startServiceOutbox(c, { [BPO_APPLY_DEALER_OUTCOME]: outcomeDelivery({ peer: () => c.bpoConnection.peer(), logger: c.logger }) });
