/**
 * The dealer-service's live events and how the boards, the list and the form read them. Pure (no React).
 * Each event carries the lead's card and its placement (the facts the filters look at), before and after,
 * so a page tells by itself whether the lead enters, leaves or moves within what it shows.
 */
import { startOfDayIn, startOfNextDayIn } from "@crm/contracts/src/business-day";
import { DEALER_LEAD_EVENT_KINDS, type DealerLeadEvent as DealerLeadEventOf, type DealerLeadPlacement } from "@crm/contracts/src/live-lead-events";
import { type BoardPatch, applyBoardPatch } from "@crm/ui-kit/src/live-board";
import type { LeadCard } from "../api";
import type { LeadFilters } from "./filters";

export { DEALER_LEAD_EVENT_KINDS };
export type { DealerLeadPlacement };
/** What a dealer page receives, with the board's card. */
export type DealerLeadEvent = DealerLeadEventOf<LeadCard>;

/**
 * The server's filter rule (lead-repository whereOf), on an event's placement. The created-date range counts
 * whole days of the dealership's business time zone, as the server does (toLeadFilter).
 */
export function matchesFilters(p: DealerLeadPlacement | null | undefined, f: LeadFilters, ownerId: number | null, timeZone: string): p is DealerLeadPlacement {
  if (!p) return false;
  if (p.a === (f.archived === "true")) return false;
  if (f.stageId && p.s !== Number(f.stageId)) return false;
  if (f.brandId && p.b !== Number(f.brandId)) return false;
  if (f.sourceId && p.src !== Number(f.sourceId)) return false;
  const user = ownerId ?? (f.userId ? Number(f.userId) : null);
  if (user !== null && p.u !== user) return false;
  if (f.endorsed && p.e !== (f.endorsed === "true")) return false;
  const created = new Date(p.c).getTime();
  if (f.createdFrom && created < startOfDayIn(f.createdFrom, timeZone).getTime()) return false;
  if (f.createdTo && created >= startOfNextDayIn(f.createdTo, timeZone).getTime()) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    if (!p.t.some((x) => x.toLowerCase().includes(q))) return false;
  }
  return true;
}

/** A board by stage (All Leads, or My Pipeline with ownerId): counts move with the lead. */
export function dealerBoardPatch(e: DealerLeadEvent, f: LeadFilters, ownerId: number | null, timeZone: string): BoardPatch<LeadCard> {
  return {
    leadId: e.leadId,
    card: e.card,
    to: matchesFilters(e.now, f, ownerId, timeZone) ? e.now.s : null,
    from: e.was === undefined ? undefined : matchesFilters(e.was, f, ownerId, timeZone) ? e.was.s : null,
    counts: null,
  };
}

export function applyDealerBoardEvent<Col extends { stage: { id: number }; count: number; cards: LeadCard[]; nextCursor: string | null }>(
  columns: Col[],
  e: DealerLeadEvent,
  f: LeadFilters,
  ownerId: number | null,
  timeZone: string,
): Col[] {
  return applyBoardPatch(columns, (c) => c.stage.id, dealerBoardPatch(e, f, ownerId, timeZone));
}

/** The list is one newest-first column. */
export function applyDealerListEvent(list: { count: number; cards: LeadCard[]; nextCursor: string | null }, e: DealerLeadEvent, f: LeadFilters, timeZone: string) {
  const p = dealerBoardPatch(e, f, null, timeZone);
  return applyBoardPatch([list], () => 0, { ...p, to: p.to === null ? null : 0, from: p.from === undefined ? undefined : p.from === null ? null : 0 })[0]!;
}
