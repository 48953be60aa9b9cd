import { DEALER_RECEIVE_ENDORSED_LEAD, type ReceiveEndorsedLeadResponse, ZReceiveEndorsedLeadResponseSchema } from "@crm/contracts";
import type { OutboxHandler } from "@crm/platform/jobs";
import type { Repositories } from "../../data-access/bpo-store";
import { type DealerPushDeps, dealerPushDelivery } from "../dealer-push-delivery";
import { type EndorsementMessage, ZEndorsementMessageSchema } from "./endorsement-message";

/**
 * The worker's half of an endorsement: send the queued request to the dealership and show its answer (the
 * dealer lead's name, its quotation) on the BPO lead. Retries and failure are endorsementSettlement's.
 */
export const endorsementDelivery = (deps: DealerPushDeps): OutboxHandler =>
  dealerPushDelivery(deps, {
    what: "endorsement",
    method: DEALER_RECEIVE_ENDORSED_LEAD,
    message: ZEndorsementMessageSchema,
    response: ZReceiveEndorsedLeadResponseSchema,
    record: recordDelivered,
    logged: (m, result) => ["endorsement delivered", { leadId: m.leadId, dealerLeadName: result.dealerLeadName, created: result.created }],
  });

/** The dealer created (or already had) the lead: show its name and quotation on the BPO lead. */
async function recordDelivered(r: Repositories, message: EndorsementMessage, result: ReceiveEndorsedLeadResponse, dealershipName: string) {
  await r.leads.update(message.leadId, {
    endorsementStatus: "delivered",
    endorsementError: null,
    dealerLeadId: result.dealerLeadId,
    dealerLeadName: result.dealerLeadName,
    dealerQuotationName: result.saleOrderName,
  });
  const quotation = result.saleOrderName ? ` with draft quotation ${result.saleOrderName}` : "";
  const verb = result.created ? "created" : "already existed";
  await r.messages.add({ leadId: message.leadId, kind: "system", body: `Dealer lead ${result.dealerLeadName}${quotation} ${verb} at ${dealershipName}.`, authorId: null });
}
