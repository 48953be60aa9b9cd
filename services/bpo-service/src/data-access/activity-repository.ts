import type { DbClient } from "./db-client";
import type { Prisma } from "./prisma-client/client";

export type ActivityType = "call" | "visit" | "task";

export interface ActivityRecord {
  id: number;
  leadId: number;
  leadReference: string;
  contactName: string;
  type: ActivityType;
  summary: string;
  note: string | null;
  dueDate: string;
  assigneeId: number;
  assigneeName: string;
  done: boolean;
  doneAt: Date | null;
  createdById: number;
  createdAt: Date;
}

const include = {
  assignee: { select: { name: true } },
  lead: { select: { reference: true, contactName: true } },
} satisfies Prisma.ActivityInclude;

type Row = Prisma.ActivityGetPayload<{ include: typeof include }>;

const toRecord = ({ assignee, lead, dueDate, ...r }: Row): ActivityRecord => ({
  ...r,
  dueDate: dueDate.toISOString().slice(0, 10),
  assigneeName: assignee.name,
  leadReference: lead.reference,
  contactName: lead.contactName,
});

export class ActivityRepository {
  constructor(private readonly db: DbClient) {}

  async create(data: {
    leadId: number;
    type: ActivityType;
    summary: string;
    note: string | null;
    dueDate: string;
    assigneeId: number;
    createdById: number;
  }): Promise<ActivityRecord> {
    const row = await this.db.activity.create({
      data: { ...data, dueDate: new Date(`${data.dueDate}T00:00:00Z`) },
      include,
    });
    return toRecord(row);
  }

  async findById(id: number): Promise<ActivityRecord | null> {
    const row = await this.db.activity.findUnique({ where: { id }, include });
    return row ? toRecord(row) : null;
  }

  async markDone(id: number): Promise<ActivityRecord> {
    return toRecord(await this.db.activity.update({ where: { id }, data: { done: true, doneAt: new Date() }, include }));
  }

  async listForAssignee(assigneeId: number, opts: { includeDone: boolean; limit: number }): Promise<ActivityRecord[]> {
    const rows = await this.db.activity.findMany({
      where: { assigneeId, ...(opts.includeDone ? {} : { done: false }) },
      orderBy: [{ done: "asc" }, { dueDate: "asc" }, { id: "asc" }],
      take: opts.limit,
      include,
    });
    return rows.map(toRecord);
  }

  async listForLead(leadId: number): Promise<ActivityRecord[]> {
    const rows = await this.db.activity.findMany({
      where: { leadId },
      orderBy: [{ done: "asc" }, { dueDate: "asc" }, { id: "asc" }],
      include,
    });
    return rows.map(toRecord);
  }
}
