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

  async create(data: {
    leadId: number;
    userId: number;
    durationMinutes: number;
    result: CallResult;
    summary: string;
    activityId: number | null;
  }): Promise<number> {
    const row = await this.db.callLog.create({ data, select: { id: true } });
    return row.id;
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
