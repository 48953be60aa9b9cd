import { AppError } from "@crm/platform/core";
import type { DeadOutboxRow, OutboxStore } from "@crm/platform/core";
import { type Actor, requireRole } from "./actor";

/** Dead letters: outbox rows that exhausted their attempts or were refused, and their replay (Manager). */
export class OutboxAdminService {
  constructor(
    private readonly outbox: OutboxStore,
    private readonly kick: () => void = () => undefined,
  ) {}

  listDead(actor: Actor, limit = 200): Promise<DeadOutboxRow[]> {
    requireRole(actor, "manager", "view undelivered messages");
    return this.outbox.listDead(limit);
  }

  async replay(actor: Actor, id: string): Promise<{ id: string; status: "pending" }> {
    requireRole(actor, "manager", "replay undelivered messages");
    if (!(await this.outbox.resetDead(id))) throw new AppError("not_found", "not_dead", `Outbox message ${id} is not a dead letter`);
    this.kick();
    return { id, status: "pending" };
  }
}
