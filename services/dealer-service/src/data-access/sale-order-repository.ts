import { Prisma } from "./prisma-client/client";
import type { DbClient } from "./db-client";
import type { NewOrderLine, SaleOrderRecord, SaleOrderState } from "./records";

const orderInclude = {
  partner: { select: { name: true } },
  lines: { include: { product: { select: { name: true } } }, orderBy: [{ sequence: "asc" }, { id: "asc" }] },
} satisfies Prisma.SaleOrderInclude;

type OrderRow = Prisma.SaleOrderGetPayload<{ include: typeof orderInclude }>;

function toOrder(row: OrderRow): SaleOrderRecord {
  const { partner, lines, amountTotal, deliveryDate, updatedAt: _u, bpoSourceLeadId: _b, bpoSourceLeadName: _n, bpoSourceUrl: _s, ...rest } = row;
  return {
    ...rest,
    partnerName: partner.name,
    amountTotal: amountTotal.toNumber(),
    deliveryDate: deliveryDate ? deliveryDate.toISOString().slice(0, 10) : null,
    lines: lines.map(({ product, unitPrice, subtotal, orderId: _o, ...l }) => ({
      ...l,
      productName: product.name,
      unitPrice: unitPrice.toNumber(),
      subtotal: subtotal.toNumber(),
    })),
  };
}

const lineData = (lines: NewOrderLine[]) =>
  lines.map((l, i) => ({
    sequence: (i + 1) * 10,
    productId: l.productId,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    // Money in cents to avoid float drift; the column keeps two decimals.
    subtotal: Math.round(l.unitPrice * 100 * l.quantity) / 100,
  }));

const totalOf = (lines: NewOrderLine[]) => lines.reduce((n, l) => n + Math.round(l.unitPrice * 100 * l.quantity), 0) / 100;

export class SaleOrderRepository {
  constructor(private readonly db: DbClient) {}

  async create(data: {
    leadId: number | null;
    partnerId: number;
    createdById: number | null;
    lines: NewOrderLine[];
    state?: SaleOrderState;
    confirmedAt?: Date;
    bpoOrigin?: { bpoSourceUrl: string; bpoSourceLeadId: number; bpoSourceLeadName: string };
  }): Promise<SaleOrderRecord> {
    const row = await this.db.saleOrder.create({
      data: {
        leadId: data.leadId,
        partnerId: data.partnerId,
        createdById: data.createdById,
        state: data.state,
        confirmedAt: data.confirmedAt,
        ...data.bpoOrigin,
        amountTotal: totalOf(data.lines),
        lines: { create: lineData(data.lines) },
      },
      include: orderInclude,
    });
    return toOrder(row);
  }

  async findById(id: number, opts: { forUpdate?: boolean } = {}): Promise<SaleOrderRecord | null> {
    if (opts.forUpdate) await this.db.$queryRaw`SELECT id FROM sale_orders WHERE id = ${id} FOR UPDATE`;
    const row = await this.db.saleOrder.findUnique({ where: { id }, include: orderInclude });
    return row ? toOrder(row) : null;
  }

  /** The order the BPO Mark Won pushed for this BPO lead, if any. */
  async findByBpoOrigin(bpoSourceUrl: string, bpoSourceLeadId: number): Promise<SaleOrderRecord | null> {
    const row = await this.db.saleOrder.findUnique({ where: { bpoSourceUrl_bpoSourceLeadId: { bpoSourceUrl, bpoSourceLeadId } }, include: orderInclude });
    return row ? toOrder(row) : null;
  }

  /** Name of the lead's most recent delivered order (the one a Won outcome reports). */
  async latestDeliveredName(leadId: number): Promise<string | null> {
    const row = await this.db.saleOrder.findFirst({ where: { leadId, state: "done" }, orderBy: { id: "desc" }, select: { name: true } });
    return row?.name ?? null;
  }

  async listForLead(leadId: number): Promise<SaleOrderRecord[]> {
    const rows = await this.db.saleOrder.findMany({ where: { leadId }, include: orderInclude, orderBy: { id: "asc" } });
    return rows.map(toOrder);
  }

  /** Replaces every line and the total (draft orders only; the domain checks). */
  async replaceLines(id: number, lines: NewOrderLine[]): Promise<SaleOrderRecord> {
    await this.db.saleOrderLine.deleteMany({ where: { orderId: id } });
    const row = await this.db.saleOrder.update({
      where: { id },
      data: { amountTotal: totalOf(lines), lines: { create: lineData(lines) } },
      include: orderInclude,
    });
    return toOrder(row);
  }

  async setState(
    id: number,
    data: { state: SaleOrderState; confirmedAt?: Date; deliveryDate?: string; cancelledAt?: Date },
  ): Promise<SaleOrderRecord> {
    const { deliveryDate, ...rest } = data;
    const row = await this.db.saleOrder.update({
      where: { id },
      data: { ...rest, ...(deliveryDate ? { deliveryDate: new Date(`${deliveryDate}T00:00:00Z`) } : {}) },
      include: orderInclude,
    });
    return toOrder(row);
  }

  /** True when at least one order of the lead is delivered (the Mark Won precondition). */
  async hasDeliveredOrder(leadId: number): Promise<boolean> {
    return (await this.db.saleOrder.count({ where: { leadId, state: "done" } })) > 0;
  }
}
