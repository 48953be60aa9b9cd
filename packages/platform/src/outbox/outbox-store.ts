/**
 * What a service's data-access layer implements so the generic relay can send its outbox rows. The relay
 * never sees the database: rows stay `pending` until `markSent` or `markDead`, so nothing queued in Redis is
 * the only copy of a message.
 */
export interface OutboxRow {
  id: string;
  topic: string;
  payload: unknown;
  /** Failed attempts recorded so far (survives Redis losing the job). */
  attempts: number;
  correlationId: string | null;
  createdAt: Date;
}

export interface DeadOutboxRow extends OutboxRow {
  lastError: string | null;
}

/** Keyset position for paging through unsent rows (oldest first). */
export interface OutboxCursor {
  createdAt: Date;
  id: string;
}

export interface OutboxStore {
  /** Pending rows, oldest first, after `after` when given. */
  listUnsent(limit: number, after: OutboxCursor | null): Promise<OutboxRow[]>;
  /** The row when it is still pending; null when it was sent, died or vanished (the job then does nothing). */
  findUnsent(id: string): Promise<OutboxRow | null>;
  markSent(row: OutboxRow): Promise<void>;
  /** One more failed attempt; the row stays pending. */
  recordFailure(row: OutboxRow, error: string): Promise<void>;
  /** No more attempts: the row becomes a dead letter and keeps the error. */
  markDead(row: OutboxRow, error: string): Promise<void>;
  listDead(limit: number): Promise<DeadOutboxRow[]>;
  /** Dead → pending with attempts reset (replay). False when the row is not dead. */
  resetDead(id: string): Promise<boolean>;
}
