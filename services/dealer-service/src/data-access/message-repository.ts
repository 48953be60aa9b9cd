import type { DbClient } from "./db-client";
import type { Prisma } from "./prisma-client/client";
import type { FieldChange, MessageRecord, MessageTarget, NewMessage } from "./records";

/** Chatter of leads and sale orders. */
export class MessageRepository {
  constructor(private readonly db: DbClient) {}

  async add(msg: NewMessage): Promise<void> {
    await this.db.message.create({
      data: {
        leadId: "leadId" in msg ? msg.leadId : null,
        saleOrderId: "saleOrderId" in msg ? msg.saleOrderId : null,
        kind: msg.kind,
        body: msg.body,
        authorId: msg.authorId,
        changes: msg.changes ? (msg.changes as unknown as Prisma.InputJsonValue) : undefined,
      },
    });
  }

  /** Newest first, as a chatter reads. */
  async list(target: MessageTarget, limit = 200): Promise<MessageRecord[]> {
    const rows = await this.db.message.findMany({
      where: "leadId" in target ? { leadId: target.leadId } : { saleOrderId: target.saleOrderId },
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
