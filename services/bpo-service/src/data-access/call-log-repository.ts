import type { ActivityRecord, NewActivity } from "./activity-repository";
import { type DbClient, hotQuery } from "./db-client";
import { Prisma } from "./prisma-client/client";

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
   * The Log Call wizard's write in one statement: the lead locked and guarded by the owner the domain checked,
   * the optional follow-up activity, the call log, leads.first_call_at stamped when it is the lead's first call
   * (the Floor's "claim to first call" reads it instead of scanning call logs) and the chatter note. Answers null
   * when the lead is gone or its owner changed meanwhile (nothing written).
   */
  async logWithMessage(data: {
    leadId: number;
    seenUserId: number | null;
    userId: number;
    durationMinutes: number;
    result: CallResult;
    summary: string;
    activity: NewActivity | null;
    message: string;
  }): Promise<{ id: number; activity: ActivityRecord | null } | null> {
    const a = data.activity;
    const rows = await hotQuery<{ id: number } & { [K in keyof ActivityRecord as `a_${K}`]: ActivityRecord[K] | null }>(this.db, Prisma.sql`
      WITH lead AS (
        SELECT id, reference, contact_name FROM leads
        WHERE id = ${data.leadId} AND user_id IS NOT DISTINCT FROM ${data.seenUserId}::int FOR UPDATE
      ), a AS (
        INSERT INTO activities (lead_id, type, summary, note, due_date, assignee_id, created_by_id)
        SELECT id, ${a?.type ?? null}::"ActivityType", ${a?.summary ?? null}, ${a?.note ?? null}, ${a?.dueDate ?? null}::date, ${a?.assigneeId ?? null}::int, ${a?.createdById ?? null}::int
        FROM lead WHERE ${a !== null}
        RETURNING *
      ), c AS (
        INSERT INTO call_logs (lead_id, user_id, duration_minutes, result, summary, activity_id)
        SELECT id, ${data.userId}, ${data.durationMinutes}, ${data.result}::"CallResult", ${data.summary}, (SELECT id FROM a)
        FROM lead
        RETURNING id, lead_id, created_at
      ), first AS (
        UPDATE leads l SET first_call_at = c.created_at FROM c WHERE l.id = c.lead_id AND l.first_call_at IS NULL
      ), note AS (
        INSERT INTO lead_messages (lead_id, kind, body, author_id) SELECT lead_id, 'note', ${data.message}, ${data.userId} FROM c
      )
      SELECT c.id, a.id AS a_id, a.lead_id AS "a_leadId", lead.reference AS "a_leadReference", lead.contact_name AS "a_contactName",
             a.type::text AS a_type, a.summary AS a_summary, a.note AS a_note, to_char(a.due_date, 'YYYY-MM-DD') AS "a_dueDate",
             a.assignee_id AS "a_assigneeId", u.name AS "a_assigneeName", a.done AS a_done, a.done_at AS "a_doneAt",
             a.created_by_id AS "a_createdById", a.created_at AS "a_createdAt"
      FROM c CROSS JOIN lead LEFT JOIN a ON true LEFT JOIN users u ON u.id = a.assignee_id`);
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      activity:
        r.a_id === null
          ? null
          : {
              id: r.a_id,
              leadId: r.a_leadId!,
              leadReference: r.a_leadReference!,
              contactName: r.a_contactName!,
              type: r.a_type!,
              summary: r.a_summary!,
              note: r.a_note,
              dueDate: r.a_dueDate!,
              dueTime: null, // a follow-up from Log Call is due on a day
              assigneeId: r.a_assigneeId!,
              assigneeName: r.a_assigneeName!,
              done: r.a_done!,
              doneAt: r.a_doneAt,
              createdById: r.a_createdById!,
              createdAt: r.a_createdAt!,
            },
    };
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
