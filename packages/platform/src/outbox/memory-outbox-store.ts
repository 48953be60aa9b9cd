import type { DeadOutboxRow, OutboxCursor, OutboxRow, OutboxStore } from "./outbox-store";

type MemoryRow = DeadOutboxRow & { status: "pending" | "sent" | "dead" };

/** An OutboxStore kept in memory: for tests of the relay and for tools without a database. */
export class MemoryOutboxStore implements OutboxStore {
  readonly rows = new Map<string, MemoryRow>();
  private seq = 0;

  add(topic: string, payload: unknown, correlationId: string | null = null): OutboxRow {
    const id = `00000000-0000-4000-8000-${String(++this.seq).padStart(12, "0")}`;
    const row: MemoryRow = { id, topic, payload, attempts: 0, correlationId, createdAt: new Date(Date.now() + this.seq), lastError: null, status: "pending" };
    this.rows.set(id, row);
    return this.view(row);
  }

  status(id: string): MemoryRow["status"] | undefined {
    return this.rows.get(id)?.status;
  }

  get(id: string): MemoryRow | undefined {
    return this.rows.get(id);
  }

  private view(r: MemoryRow): OutboxRow {
    return { id: r.id, topic: r.topic, payload: r.payload, attempts: r.attempts, correlationId: r.correlationId, createdAt: r.createdAt };
  }

  async listUnsent(limit: number, after: OutboxCursor | null): Promise<OutboxRow[]> {
    return [...this.rows.values()]
      .filter((r) => r.status === "pending")
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .filter((r) => !after || r.createdAt > after.createdAt || (r.createdAt.getTime() === after.createdAt.getTime() && r.id > after.id))
      .slice(0, limit)
      .map((r) => this.view(r));
  }

  async findUnsent(id: string): Promise<OutboxRow | null> {
    const r = this.rows.get(id);
    return r && r.status === "pending" ? this.view(r) : null;
  }

  async markSent(row: OutboxRow): Promise<void> {
    const r = this.rows.get(row.id);
    if (r) r.status = "sent";
  }

  async recordFailure(row: OutboxRow, error: string): Promise<void> {
    const r = this.rows.get(row.id);
    if (r) Object.assign(r, { attempts: r.attempts + 1, lastError: error });
  }

  async markDead(row: OutboxRow, error: string): Promise<void> {
    const r = this.rows.get(row.id);
    if (r) Object.assign(r, { attempts: r.attempts + 1, lastError: error, status: "dead" });
  }

  async listDead(limit: number): Promise<DeadOutboxRow[]> {
    return [...this.rows.values()].filter((r) => r.status === "dead").slice(0, limit).map((r) => ({ ...this.view(r), lastError: r.lastError }));
  }

  async resetDead(id: string): Promise<boolean> {
    const r = this.rows.get(id);
    if (!r || r.status !== "dead") return false;
    Object.assign(r, { status: "pending", attempts: 0 });
    return true;
  }
}
