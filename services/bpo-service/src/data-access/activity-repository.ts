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
  /** HH:MM on dueDate in the business time zone, or null (any time that day). */
  dueTime: string | null;
  assigneeId: number;
  assigneeName: string;
  done: boolean;
  doneAt: Date | null;
  createdById: number;
  createdAt: Date;
}

export interface NewActivity {
  leadId: number;
  type: ActivityType;
  summary: string;
  note: string | null;
  dueDate: string;
  dueTime?: string | null;
  assigneeId: number;
  createdById: number;
}

const include = {
  assignee: { select: { name: true } },
  lead: { select: { reference: true, contactName: true } },
} satisfies Prisma.ActivityInclude;

type Row = Prisma.ActivityGetPayload<{ include: typeof include }>;

// TIME columns come back as 1970-01-01 instants in UTC: the HH:MM is the wall-clock time as stored.
const toRecord = ({ assignee, lead, dueDate, dueTime, ...r }: Row): ActivityRecord => ({
  ...r,
  dueDate: dueDate.toISOString().slice(0, 10),
  dueTime: dueTime ? dueTime.toISOString().slice(11, 16) : null,
  assigneeName: assignee.name,
  leadReference: lead.reference,
  contactName: lead.contactName,
});

export class ActivityRepository {
  constructor(private readonly db: DbClient) {}

  async create(data: NewActivity): Promise<ActivityRecord> {
    const row = await this.db.activity.create({
      data: { ...data, dueDate: new Date(`${data.dueDate}T00:00:00Z`), dueTime: data.dueTime ? new Date(`1970-01-01T${data.dueTime}:00Z`) : null },
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
      orderBy: [{ done: "asc" }, { dueDate: "asc" }, { dueTime: { sort: "asc", nulls: "first" } }, { id: "asc" }],
      take: opts.limit,
      include,
    });
    return rows.map(toRecord);
  }

  async listForLead(leadId: number): Promise<ActivityRecord[]> {
    const rows = await this.db.activity.findMany({
      where: { leadId },
      orderBy: [{ done: "asc" }, { dueDate: "asc" }, { dueTime: { sort: "asc", nulls: "first" } }, { id: "asc" }],
      include,
    });
    return rows.map(toRecord);
  }

  /**
   * Reminder digests: open activities due by `day` on active leads, for active users with an e-mail who have
   * not been reminded that day; at most `perUser` each (soonest first) with the user's totals. One query.
   */
  async dueForReminders(day: string, perUser: number): Promise<ReminderRow[]> {
    const rows = await this.db.$queryRaw<RawReminderRow[]>`
      SELECT x.* FROM (
        SELECT a.id, a.assignee_id, u.name AS user_name, u.email, a.lead_id, l.reference, l.contact_name,
               a.type::text AS type, a.summary, to_char(a.due_date, 'YYYY-MM-DD') AS due_date,
               row_number() OVER w AS rn,
               count(*) OVER (PARTITION BY a.assignee_id) AS total,
               count(*) FILTER (WHERE a.due_date < ${day}::date) OVER (PARTITION BY a.assignee_id) AS overdue
        FROM activities a
        JOIN users u ON u.id = a.assignee_id
        JOIN leads l ON l.id = a.lead_id
        WHERE NOT a.done AND a.due_date <= ${day}::date AND u.active AND u.email IS NOT NULL AND l.active
          AND NOT EXISTS (SELECT 1 FROM activity_reminders r WHERE r.user_id = a.assignee_id AND r.day = ${day}::date)
        WINDOW w AS (PARTITION BY a.assignee_id ORDER BY a.due_date, a.id)
      ) x
      WHERE x.rn <= ${perUser}
      ORDER BY x.assignee_id, x.rn`;
    return rows.map((r) => ({
      activityId: r.id,
      userId: r.assignee_id,
      userName: r.user_name,
      email: r.email,
      leadId: r.lead_id,
      leadReference: r.reference,
      contactName: r.contact_name,
      type: r.type as ActivityType,
      summary: r.summary,
      dueDate: r.due_date,
      userTotal: Number(r.total),
      userOverdue: Number(r.overdue),
    }));
  }

  /** Records that `userId` is reminded for `day`; false when another tick already did. */
  async claimReminder(userId: number, day: string, activities: number): Promise<boolean> {
    const n = await this.db.$executeRaw`
      INSERT INTO activity_reminders (user_id, day, activities) VALUES (${userId}, ${day}::date, ${activities})
      ON CONFLICT (user_id, day) DO NOTHING`;
    return n === 1;
  }
}

interface RawReminderRow {
  id: number;
  assignee_id: number;
  user_name: string;
  email: string;
  lead_id: number;
  reference: string;
  contact_name: string;
  type: string;
  summary: string;
  due_date: string;
  total: bigint;
  overdue: bigint;
}

export interface ReminderRow {
  activityId: number;
  userId: number;
  userName: string;
  email: string;
  leadId: number;
  leadReference: string;
  contactName: string;
  type: ActivityType;
  summary: string;
  dueDate: string;
  userTotal: number;
  userOverdue: number;
}
