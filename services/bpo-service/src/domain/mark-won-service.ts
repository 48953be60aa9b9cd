import { DEALER_RECEIVE_SALE_ORDER, ZReceiveSaleOrderResponseSchema } from "@crm/contracts";
import { AppError, notFound, type LeadEvents, noLeadEvents } from "@crm/platform/core";
import type { BpoStore, LeadView } from "../data-access/bpo-store";
import { type Actor, hasRole } from "./actor";
import type { DealerClients } from "./dealership-connection-service";
import { assertCanWork, isOpen, type LeadService } from "./lead-service";
import { postTracking, trackedChanges } from "./lead-tracking";
import { queueMail } from "./outbound-mail";
import { saleOrderRequest } from "./sale-order-push";

/**
 * Mark as Won (bpo-2): validate the won stage and the dealership connection, push a sale order to the
 * dealership synchronously, then in one transaction move the lead to Won, write dealer_so_name and queue
 * the manager's e-mail. Any failure leaves the lead where it was and says why in the chatter.
 */
export class MarkWonService {
  constructor(
    private readonly store: BpoStore,
    private readonly leads: LeadService,
    private readonly links: DealerClients,
    private readonly bpoUrl: string,
    private readonly kick: () => void = () => undefined,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  /** Statusbar / kanban drag: a move into the Won stage is Mark as Won; anything else is a plain move. */
  async moveToStage(actor: Actor, id: number, stageId: number): Promise<LeadView> {
    const stage = (await this.store.repos.catalog.listStages()).find((s) => s.id === stageId);
    if (stage?.isWon) return (await this.markWon(actor, id)).lead;
    return this.leads.moveStage(actor, id, stageId);
  }

  async markWon(actor: Actor, id: number): Promise<{ lead: LeadView; saleOrderName: string }> {
    const lead = await this.store.repos.leads.findView(id);
    if (!lead) throw notFound("Lead", id);
    assertCanWork(actor, lead);
    if (!isOpen(lead)) throw new AppError("precondition", "lead_closed", `Lead ${lead.reference} is already closed.`);
    const endorsed = lead.endorsementStatus === "pending" || lead.endorsementStatus === "delivered";
    if (endorsed && !hasRole(actor, "manager")) {
      throw new AppError("forbidden", "endorsed_lead", `Lead ${lead.reference} was endorsed to a dealership; its outcome comes from the dealer. Only a BPO Manager can close it here.`);
    }
    try {
      const won = (await this.store.repos.catalog.listStages()).find((s) => s.isWon);
      if (!won) throw new AppError("precondition", "no_won_stage", "No won stage configured");
      if (!lead.dealershipId) throw new AppError("precondition", "no_dealership", "Set the lead's dealership before marking it Won: the sale order is pushed there.");
      const { client, dealership } = await this.links.clientFor(lead.dealershipId);
      const request = saleOrderRequest(lead, this.bpoUrl);
      const so = await client.call(DEALER_RECEIVE_SALE_ORDER, request, ZReceiveSaleOrderResponseSchema).catch((e: Error) => {
        throw new AppError("unavailable", "so_push_failed", `Creating the sale order at ${dealership.name} failed: ${e.message}`);
      });
      const managerEmail = (await this.store.repos.catalog.findDealership(lead.dealershipId))?.managerEmail ?? null;
      await this.store.transaction(async (r) => {
        const before = await r.leads.findById(id, { forUpdate: true });
        if (!before || !isOpen(before)) throw new AppError("conflict", "lead_closed", `Lead ${lead.reference} was closed meanwhile.`);
        const after = await r.leads.update(id, { stageId: won.id, isWon: true, closedAt: new Date(), dealerSoName: so.saleOrderName });
        const override = endorsed ? ` (closed by Manager ${actor.name} although endorsed)` : "";
        await r.messages.add({ leadId: id, kind: "system", body: `Marked as Won${override}. Sale order ${so.saleOrderName} ${so.created ? "created" : "already existed"} at ${dealership.name}.`, authorId: actor.id });
        await postTracking(r, id, actor.id, await trackedChanges(r, before, after));
        if (managerEmail) {
          await queueMail(r, {
            to: managerEmail,
            subject: `New sale order ${so.saleOrderName} from BPO lead ${lead.reference}`,
            text: `${actor.name} marked BPO lead ${lead.reference} (${lead.contactName}, ${lead.mobile}) as Won.\nSale order ${so.saleOrderName} was created for ${lead.vehicleModel?.name ?? "the requested vehicle"} at ${dealership.name}.`,
          });
        }
      });
      if (managerEmail) this.kick();
      this.events.changed(id);
      return { lead: (await this.store.repos.leads.findView(id))!, saleOrderName: so.saleOrderName };
    } catch (e) {
      if (e instanceof AppError && e.kind !== "forbidden") {
        // bpo-2: the stage change is rolled back (never made) and the error is surfaced in the chatter.
        await this.store.repos.messages.add({ leadId: id, kind: "system", body: `Mark as Won failed: ${e.message}`, authorId: actor.id });
        this.events.changed(id);
      }
      throw e;
    }
  }
}
