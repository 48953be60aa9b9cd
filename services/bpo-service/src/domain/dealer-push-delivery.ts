import { z } from "zod";
import type { LeadEvents, Logger } from "@crm/platform/core";
import { type OutboxHandler, PermanentOutboxError } from "@crm/platform/jobs";
import type { BpoStore, Repositories } from "../data-access/bpo-store";
import type { DealerClients } from "./dealership-connection-service";

/** What a worker needs to push a queued request to a dealership and show the answer on the BPO lead. */
export interface DealerPushDeps {
  store: BpoStore;
  dealers: DealerClients;
  events: LeadEvents;
  logger: Logger;
}

/** The payload of an outbox row that calls one dealership about one BPO lead with a contract's request. */
export const dealerPushMessageSchema = <R extends z.ZodType>(request: R) =>
  z.object({ dealershipId: z.number().int().positive(), leadId: z.number().int().positive(), request });
type DealerPushMessage = z.output<ReturnType<typeof dealerPushMessageSchema>>;

/**
 * The outbox handler of one push topic: read the row (unreadable: it dies), call the dealership, record its
 * answer on the lead in one transaction. A throw leaves the row to the relay: retried, or dead and settled.
 */
export function dealerPushDelivery<M extends DealerPushMessage, Res extends z.ZodType>(
  deps: DealerPushDeps,
  push: {
    /** Names the payload in the error of an unreadable row. */
    what: string;
    method: string;
    message: z.ZodType<M>;
    response: Res;
    record(r: Repositories, message: M, result: z.output<Res>, dealershipName: string): Promise<void>;
    /** The log line of a delivered row. */
    logged(message: M, result: z.output<Res>): [string, Record<string, unknown>];
  },
): OutboxHandler {
  return async (payload) => {
    const parsed = push.message.safeParse(payload);
    if (!parsed.success) throw new PermanentOutboxError(`Unreadable ${push.what} payload: ${parsed.error.message}`);
    const message = parsed.data;
    const { client, dealership } = await deps.dealers.clientFor(message.dealershipId);
    const result = await client.call(push.method, message.request, push.response);
    await deps.store.transaction((r) => push.record(r, message, result, dealership.name));
    deps.events.changed(message.leadId);
    deps.logger.info(...push.logged(message, result));
  };
}
