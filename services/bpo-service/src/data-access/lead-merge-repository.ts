import type { DbClient } from "./db-client";

export interface MovedCounts {
  messages: number;
  callLogs: number;
  activities: number;
  remoteOrigins: number;
}

/** The row work of Merge into…: locks and moves a duplicate's history to the kept lead. Runs inside one transaction. */
export class LeadMergeRepository {
  constructor(private readonly db: DbClient) {}

  /**
   * Locks both leads, always in id order, so two merges of the same pair (in either direction) queue up instead
   * of deadlocking, and a claim's conditional UPDATE waits for the merge and then sees the archived duplicate.
   */
  async lockPair(a: number, b: number): Promise<void> {
    await this.db.$queryRaw`SELECT id FROM leads WHERE id IN (${a}, ${b}) ORDER BY id FOR UPDATE`;
  }

  /** Moves chatter, call logs, activities and distributor origins (absorbed ones and the duplicate's own). */
  async moveHistory(fromId: number, toId: number): Promise<MovedCounts> {
    const messages = await this.db.$executeRaw`UPDATE lead_messages SET lead_id = ${toId} WHERE lead_id = ${fromId}`;
    const callLogs = await this.db.$executeRaw`UPDATE call_logs SET lead_id = ${toId} WHERE lead_id = ${fromId}`;
    const activities = await this.db.$executeRaw`UPDATE activities SET lead_id = ${toId} WHERE lead_id = ${fromId}`;
    const absorbed = await this.db.$executeRaw`UPDATE lead_remote_origins SET lead_id = ${toId} WHERE lead_id = ${fromId}`;
    // The duplicate's own remote record becomes an absorbed origin of the kept lead: the intake still finds it
    // imported (so never imports it again), and the archived duplicate no longer claims it.
    const own = await this.db.$executeRaw`
      WITH dup AS (
        UPDATE leads d SET remote_brand_id = NULL, remote_source_id = NULL, remote_model = NULL, remote_id = NULL
        FROM (SELECT id, remote_brand_id, remote_source_id, remote_model, remote_id FROM leads WHERE id = ${fromId} AND remote_id IS NOT NULL) o
        WHERE d.id = o.id
        RETURNING o.remote_brand_id, o.remote_source_id, o.remote_model, o.remote_id)
      INSERT INTO lead_remote_origins (lead_id, remote_brand_id, remote_source_id, remote_model, remote_id)
      SELECT ${toId}, remote_brand_id, remote_source_id, remote_model, remote_id FROM dup`;
    return { messages, callLogs, activities, remoteOrigins: absorbed + own };
  }
}
