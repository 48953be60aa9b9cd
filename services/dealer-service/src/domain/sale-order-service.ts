import { AppError, type LeadEvents, noLeadEvents, notFound } from "@crm/platform/core";
import type { DealerStore, Repositories, SaleOrderRecord, SaleOrderState } from "../data-access/dealer-store";
import type { Actor } from "./actor";
import type { OrderLinesRequest } from "./lead-schemas";
import { postTracking } from "./lead-tracking";
import { assertCanWork, assertInteractive } from "./lead-service";

export const ORDER_STATE_LABEL: Record<SaleOrderState, string> = {
  draft: "Quotation",
  sale: "Sales Order",
  done: "Delivered",
  cancel: "Cancelled",
};

/** Quotation → Sales Order → Delivered, or Cancelled before delivery. Changes go to both chatters. */
export class SaleOrderService {
  constructor(
    private readonly store: DealerStore,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  /** The lead's board card and form show its orders' totals and states. */
  private announce(order: SaleOrderRecord): SaleOrderRecord {
    if (order.leadId !== null) this.events.changed(order.leadId);
    return order;
  }

  /** Locks the order and checks the actor may work the lead it belongs to. */
  private async lockOrder(r: Repositories, actor: Actor, id: number): Promise<SaleOrderRecord> {
    const order = await r.orders.findById(id, { forUpdate: true });
    if (!order) throw notFound("Sale order", id);
    if (order.leadId !== null) {
      const lead = await r.leads.findById(order.leadId);
      if (lead) assertCanWork(actor, lead);
    } else {
      assertInteractive(actor);
    }
    return order;
  }

  async get(actor: Actor, id: number): Promise<SaleOrderRecord> {
    assertInteractive(actor);
    const order = await this.store.repos.orders.findById(id);
    if (!order) throw notFound("Sale order", id);
    return order;
  }

  async listForLead(actor: Actor, leadId: number): Promise<SaleOrderRecord[]> {
    assertInteractive(actor);
    if (!(await this.store.repos.leads.findById(leadId))) throw notFound("Lead", leadId);
    return this.store.repos.orders.listForLead(leadId);
  }

  /** Edit lines while the order is a draft quotation; prices default to the product's list price. */
  async replaceLines(actor: Actor, id: number, input: OrderLinesRequest): Promise<SaleOrderRecord> {
    const saved = await this.store.transaction(async (r) => {
      const order = await this.lockOrder(r, actor, id);
      if (order.state !== "draft") {
        throw new AppError("precondition", "order_not_draft", `${order.name} is a ${ORDER_STATE_LABEL[order.state]}; only quotations can be edited.`);
      }
      const lines = [];
      for (const [i, l] of input.lines.entries()) {
        const product = await r.catalog.findProduct(l.productId);
        if (!product || !product.active) {
          throw new AppError("validation", "unknown_product", `Product ${l.productId} does not exist or is archived`, { issues: [{ path: `lines.${i}.productId`, message: "Unknown product" }] });
        }
        lines.push({ productId: product.id, description: l.description || product.name, quantity: l.quantity, unitPrice: l.unitPrice ?? product.listPrice });
      }
      const updated = await r.orders.replaceLines(id, lines);
      if (updated.amountTotal !== order.amountTotal) {
        await postTracking(r, { saleOrderId: id }, actor.id, [
          { field: "amountTotal", label: "Total", old: order.amountTotal.toFixed(2), new: updated.amountTotal.toFixed(2) },
        ]);
      }
      return updated;
    });
    return this.announce(saved);
  }

  private async transition(
    actor: Actor,
    id: number,
    allowedFrom: SaleOrderState[],
    to: SaleOrderState,
    extra: { confirmedAt?: Date; deliveryDate?: string; cancelledAt?: Date },
  ): Promise<SaleOrderRecord> {
    const saved = await this.store.transaction(async (r) => {
      const order = await this.lockOrder(r, actor, id);
      if (!allowedFrom.includes(order.state)) {
        throw new AppError(
          "precondition",
          "order_state_refused",
          `${order.name} is ${ORDER_STATE_LABEL[order.state]}; it can become ${ORDER_STATE_LABEL[to]} only from ${allowedFrom.map((s) => ORDER_STATE_LABEL[s]).join(" or ")}.`,
        );
      }
      if (to === "sale" && order.lines.length === 0) throw new AppError("precondition", "order_empty", `${order.name} has no lines to confirm.`);
      const updated = await r.orders.setState(id, { state: to, ...extra });
      const change = { field: "state", label: "Status", old: ORDER_STATE_LABEL[order.state], new: ORDER_STATE_LABEL[to] };
      await postTracking(r, { saleOrderId: id }, actor.id, [change]);
      if (order.leadId !== null) {
        const when = to === "done" && extra.deliveryDate ? ` on ${extra.deliveryDate}` : "";
        await r.messages.add({ leadId: order.leadId, kind: "system", body: `Sale order ${order.name}: ${change.old} → ${change.new}${when}`, authorId: actor.id });
      }
      return updated;
    });
    return this.announce(saved);
  }

  confirm(actor: Actor, id: number) {
    return this.transition(actor, id, ["draft"], "sale", { confirmedAt: new Date() });
  }

  deliver(actor: Actor, id: number, deliveryDate: string) {
    return this.transition(actor, id, ["sale"], "done", { deliveryDate });
  }

  cancel(actor: Actor, id: number) {
    return this.transition(actor, id, ["draft", "sale"], "cancel", { cancelledAt: new Date() });
  }

  async messages(actor: Actor, id: number) {
    await this.get(actor, id);
    return this.store.repos.messages.list({ saleOrderId: id });
  }
}
