import { AppError } from "@crm/platform/core";
import type { DeadOutboxRow, OutboxStore } from "@crm/platform/core";
import { type Actor, requireRole } from "./actor";

/** Dead letters: outbox rows that exhausted their attempts or were refused, and their replay (Admin). */
export class OutboxAdminService {
  constructor(
    private readonly outbox: OutboxStore,
    /** Asks the relay to queue pending rows now (a no-op in processes without one). */
    private readonly kick: () => void = () => undefined,
  ) {}

  listDead(actor: Actor, limit = 200): Promise<DeadOutboxRow[]> {
    requireRole(actor, "dealer_admin", "view undelivered messages");
    return this.outbox.listDead(limit);
  }

  async replay(actor: Actor, id: string): Promise<{ id: string; status: "pending" }> {
    requireRole(actor, "dealer_admin", "replay undelivered messages");
    if (!(await this.outbox.resetDead(id))) throw new AppError("not_found", "not_dead", `Outbox message ${id} is not a dead letter`);
    this.kick();
    return { id, status: "pending" };
  }
}
