import { stringify } from "csv-stringify/sync";
import { AppError, nextCursorOf, parseCursor, startOfDayIn, startOfNextDayIn } from "@crm/platform/core";
import type { Cursor, DealerStore, LeadFilter } from "../data-access/dealer-store";
import type { Actor } from "./actor";
import type { LeadFilterQuery } from "./lead-schemas";
import { assertInteractive } from "./lead-service";

/**
 * Query-string filters to repository filters. The created-date range is by whole days of the business time
 * zone, both ends inclusive: a lead created at 01:00 in Manila belongs to that Manila day, whatever UTC says.
 */
export function toLeadFilter(q: LeadFilterQuery, timeZone: string): LeadFilter {
  const from = q.createdFrom ? startOfDayIn(q.createdFrom, timeZone) : undefined;
  const to = q.createdTo ? startOfNextDayIn(q.createdTo, timeZone) : undefined;
  if (from && to && from >= to) throw new AppError("validation", "bad_date_range", "createdFrom must not be after createdTo", { issues: [{ path: "createdFrom", message: "after createdTo" }] });
  return {
    stageId: q.stageId,
    brandId: q.brandId,
    sourceId: q.sourceId,
    userId: q.userId,
    endorsed: q.endorsed,
    createdFrom: from,
    createdBefore: to,
    text: q.q,
    archived: q.archived,
  };
}

export const CSV_COLUMNS = ["name", "bpo_source_lead_name", "bpo_source_url", "source_id", "create_date", "user_id"] as const;
const EXPORT_PAGE = 500;

/** All Leads and My Pipeline boards (grouped by stage), the flat list and the CSV export. */
export class LeadBoardService {
  constructor(
    private readonly store: DealerStore,
    private readonly timeZone = "Asia/Manila",
  ) {}

  /** The query string's filters, with days counted in this dealership's business time zone. */
  filterOf(q: LeadFilterQuery): LeadFilter {
    return toLeadFilter(q, this.timeZone);
  }

  async board(actor: Actor, filter: LeadFilter, perColumn: number) {
    assertInteractive(actor);
    const [stages, board] = await Promise.all([this.store.repos.catalog.listStages(), this.store.repos.leads.board(filter, perColumn)]);
    const columns = stages
      .filter((s) => filter.stageId === undefined || s.id === filter.stageId)
      .map((stage) => {
        const cards = board.cards.filter((c) => c.stageId === stage.id);
        return { stage, count: board.counts.get(stage.id) ?? 0, cards, nextCursor: nextCursorOf(cards, perColumn) };
      });
    return { columns, total: columns.reduce((n, c) => n + c.count, 0) };
  }

  /** My Pipeline: the All Leads board restricted to the actor's own leads. */
  myPipeline(actor: Actor, filter: LeadFilter, perColumn: number) {
    return this.board(actor, { ...filter, userId: actor.id }, perColumn);
  }

  async columnPage(actor: Actor, stageId: number, filter: LeadFilter, cursor: string | undefined, limit: number) {
    assertInteractive(actor);
    const cards = await this.store.repos.leads.list({ ...filter, stageId }, parseCursor(cursor), limit);
    return { cards, nextCursor: nextCursorOf(cards, limit) };
  }

  async list(actor: Actor, filter: LeadFilter, cursor: string | undefined, limit: number) {
    assertInteractive(actor);
    const cards = await this.store.repos.leads.list(filter, parseCursor(cursor), limit);
    return { cards, nextCursor: nextCursorOf(cards, limit) };
  }

  /** dealer-2 audit export: the filtered list with origin columns, newest first. */
  async exportCsv(actor: Actor, filter: LeadFilter): Promise<string> {
    assertInteractive(actor);
    const rows: string[][] = [];
    let cursor: Cursor | null = null;
    for (;;) {
      const page = await this.store.repos.leads.list(filter, cursor, EXPORT_PAGE);
      for (const c of page) {
        rows.push([c.reference, c.bpoSourceLeadName ?? "", c.bpoSourceUrl ?? "", c.sourceName, c.createdAt.toISOString(), c.userName ?? ""]);
      }
      const last = page[page.length - 1];
      if (page.length < EXPORT_PAGE || !last) break;
      cursor = { createdAt: last.createdAt, id: last.id };
    }
    return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
  }
}
