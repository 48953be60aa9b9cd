import type { DbClient } from "./db-client";
import type { Prisma } from "./prisma-client/client";

export type CallResult = "answered" | "no_answer" | "busy" | "voicemail" | "wrong_number";

export interface CallLogRecord {
  id: number;
  leadId: number;
  leadReference: string;
  contactName: string;
  userId: number;
  userName: string;
  durationMinutes: number;
  result: CallResult;
  summary: string;
  activityId: number | null;
  createdAt: Date;
}

export interface CallLogFilter {
  leadId?: number;
  userId?: number;
  result?: CallResult;
  from?: Date;
  to?: Date;
  beforeId?: number;
  limit: number;
}

export class CallLogRepository {
  constructor(private readonly db: DbClient) {}

  /**
   * Writes the call log and, when it is the lead's first, stamps leads.first_call_at in the same statement
   * (the Floor's "claim to first call" reads that column instead of scanning call logs).
   */
  async create(data: {
    leadId: number;
    userId: number;
    durationMinutes: number;
    result: CallResult;
    summary: string;
    activityId: number | null;
  }): Promise<number> {
    const rows = await this.db.$queryRaw<{ id: number }[]>`
      WITH c AS (
        INSERT INTO call_logs (lead_id, user_id, duration_minutes, result, summary, activity_id)
        VALUES (${data.leadId}, ${data.userId}, ${data.durationMinutes}, ${data.result}::"CallResult", ${data.summary}, ${data.activityId})
        RETURNING id, lead_id, created_at
      ), first AS (
        UPDATE leads l SET first_call_at = c.created_at FROM c WHERE l.id = c.lead_id AND l.first_call_at IS NULL
      )
      SELECT id FROM c`;
    return rows[0]!.id;
  }

  /** Newest first; keyset on id so deep pages stay cheap. */
  async list(f: CallLogFilter): Promise<CallLogRecord[]> {
    const where: Prisma.CallLogWhereInput = {
      ...(f.leadId ? { leadId: f.leadId } : {}),
      ...(f.userId ? { userId: f.userId } : {}),
      ...(f.result ? { result: f.result } : {}),
      ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
      ...(f.beforeId ? { id: { lt: f.beforeId } } : {}),
    };
    const rows = await this.db.callLog.findMany({
      where,
      orderBy: { id: "desc" },
      take: f.limit,
      include: { user: { select: { name: true } }, lead: { select: { reference: true, contactName: true } } },
    });
    return rows.map(({ user, lead, ...r }) => ({
      ...r,
      userName: user.name,
      leadReference: lead.reference,
      contactName: lead.contactName,
    }));
  }
}
