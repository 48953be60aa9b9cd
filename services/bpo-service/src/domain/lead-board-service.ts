import { AppError, dayIn, nextCursorOf, parseCursor } from "@crm/platform/core";
import type { BpoStore, LeadCard } from "../data-access/bpo-store";
import { type Actor, seesAllLeads } from "./actor";
import { type ActivityState, activityState } from "./activity-service";

/** A kanban card with its red/yellow/green activity pill (bpo-2), null when nothing is planned. */
export type BoardCard = LeadCard & { activityState: Exclude<ActivityState, "done"> | null };

/** Kanban boards: one request gives every column's count and first page; columns page on demand. */
export class LeadBoardService {
  constructor(
    private readonly store: BpoStore,
    private readonly opts: { timeZone?: string; now?: () => Date } = {},
  ) {}

  /** Adds the activity pill the boards show (live updates use it too, so their cards match the board's). */
  withActivity(cards: LeadCard[]): BoardCard[] {
    const today = dayIn(this.opts.timeZone ?? "UTC", this.opts.now?.() ?? new Date());
    return cards.map((c) => ({
      ...c,
      activityState: c.nextActivityDue ? (activityState({ done: false, dueDate: c.nextActivityDue }, today) as Exclude<ActivityState, "done">) : null,
    }));
  }

  /**
   * Open Leads (bpo-1): unclaimed, open leads by brand; every role sees the same pool. The pool is defined by
   * owner and outcome only, so an archived brand keeps a column while leads of it still wait.
   */
  async openLeads(_actor: Actor, perColumn: number) {
    const [brands, board] = await Promise.all([
      this.store.repos.catalog.listBrands(true),
      this.store.repos.leads.openBoard(perColumn),
    ]);
    const columns = brands.filter((b) => b.active || board.counts.has(b.id)).map((brand) => {
      const cards = this.withActivity(board.cards.filter((c) => c.brandId === brand.id));
      return { brand, count: board.counts.get(brand.id) ?? 0, cards, nextCursor: nextCursorOf(cards, perColumn) };
    });
    return { columns, total: columns.reduce((n, c) => n + c.count, 0) };
  }

  async openLeadsPage(_actor: Actor, brandId: number, cursor: string | undefined, limit: number) {
    const cards = this.withActivity(await this.store.repos.leads.openBoardPage(brandId, parseCursor(cursor), limit));
    return { cards, nextCursor: nextCursorOf(cards, limit) };
  }

  /** My Pipeline: the actor's leads by stage. Supervisors and Managers may look at anyone's, or all. */
  private ownerFilter(actor: Actor, userId: number | "all" | undefined): number | null {
    if (userId === undefined || userId === actor.id) return actor.id;
    if (!seesAllLeads(actor)) throw new AppError("forbidden", "forbidden", "Agents see only their own pipeline.");
    return userId === "all" ? null : userId;
  }

  async pipeline(actor: Actor, userId: number | "all" | undefined, perColumn: number) {
    const owner = this.ownerFilter(actor, userId);
    const [stages, board] = await Promise.all([
      this.store.repos.catalog.listStages(),
      this.store.repos.leads.pipelineBoard(owner, perColumn),
    ]);
    const columns = stages.map((stage) => {
      const cards = this.withActivity(board.cards.filter((c) => c.stageId === stage.id));
      return { stage, count: board.counts.get(stage.id) ?? 0, cards, nextCursor: nextCursorOf(cards, perColumn) };
    });
    return { columns };
  }

  async pipelinePage(actor: Actor, stageId: number, userId: number | "all" | undefined, cursor: string | undefined, limit: number) {
    const owner = this.ownerFilter(actor, userId);
    const cards = this.withActivity(await this.store.repos.leads.pipelinePage(stageId, owner, parseCursor(cursor), limit));
    return { cards, nextCursor: nextCursorOf(cards, limit) };
  }
}
