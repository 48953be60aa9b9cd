import type { DbClient } from "./db-client";
import type { Prisma } from "./prisma-client/client";
import type { FieldChange, LeadMessageRecord, NewLeadMessage } from "./records";

export class LeadMessageRepository {
  constructor(private readonly db: DbClient) {}

  async add(msg: NewLeadMessage): Promise<void> {
    await this.db.leadMessage.create({
      data: {
        leadId: msg.leadId,
        kind: msg.kind,
        body: msg.body,
        authorId: msg.authorId,
        changes: msg.changes ? (msg.changes as unknown as Prisma.InputJsonValue) : undefined,
      },
    });
  }

  /** Newest first, as a chatter reads. */
  async listForLead(leadId: number, limit = 200): Promise<LeadMessageRecord[]> {
    const rows = await this.db.leadMessage.findMany({
      where: { leadId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      include: { author: { select: { name: true } } },
    });
    return rows.map(({ author, changes, ...m }) => ({
      ...m,
      changes: (changes as unknown as FieldChange[] | null) ?? null,
      authorName: author?.name ?? null,
    }));
  }
}
