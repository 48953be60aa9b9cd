/**
 * The BPO's live events (GET /api/events) and how each board reads them. Pure (no React), so bench/floor.ts
 * runs exactly this code for its simulated pages.
 */
import { LEAD_EVENT_KINDS, type LeadLiveEvent, type LeadPlacement } from "@crm/contracts/src/live-lead-events";
import { type BoardPatch, type LiveCard, applyBoardPatch } from "@crm/ui-kit/src/live-board";

/** What the patching needs of a card (the pages pass their full card types through). */
type Card = LiveCard;

export { LEAD_EVENT_KINDS };
export type { LeadLiveEvent, LeadPlacement };

const inPool = (p: LeadPlacement | null | undefined): p is LeadPlacement => !!p && p.u === null && p.o && p.a;

/** Open Leads: a column per brand; the pool's counts come with every event. */
export function openLeadsPatch<C extends Card>(e: LeadLiveEvent<C>): BoardPatch<C> {
  return {
    leadId: e.leadId,
    card: e.card,
    to: inPool(e.now) ? e.now.b : null,
    from: e.was === undefined ? undefined : inPool(e.was) ? e.was.b : null,
    counts: e.counts.pool,
  };
}

/** My Pipeline of one owner (or everyone's): active owned leads by stage; the owner's counts when sent. */
export function pipelinePatch<C extends Card>(e: LeadLiveEvent<C>, owner: number | "all"): BoardPatch<C> {
  const member = (p: LeadPlacement | null | undefined): p is LeadPlacement => !!p && p.u !== null && p.a && (owner === "all" || p.u === owner);
  return {
    leadId: e.leadId,
    card: e.card,
    to: member(e.now) ? e.now.s : null,
    from: e.was === undefined ? undefined : member(e.was) ? e.was.s : null,
    counts: owner !== "all" && e.counts.owner?.userId === owner ? e.counts.owner.stages : null,
  };
}

/** What Open Leads does with one event (the web page and the bench's simulated pages). */
export function applyOpenLeadsEvent<C extends Card, Col extends { brand: { id: number }; count: number; cards: C[]; nextCursor: string | null }>(columns: Col[], e: LeadLiveEvent<C>): Col[] {
  return applyBoardPatch(columns, (c) => c.brand.id, openLeadsPatch(e));
}

export function applyPipelineEvent<C extends Card, Col extends { stage: { id: number }; count: number; cards: C[]; nextCursor: string | null }>(columns: Col[], e: LeadLiveEvent<C>, owner: number | "all"): Col[] {
  return applyBoardPatch(columns, (c) => c.stage.id, pipelinePatch(e, owner));
}
