import type { LeadLiveEvent, LeadPlacement } from "@crm/contracts";
import type { LeadDelta, LeadHint, LiveEntry } from "@crm/platform/core";
import type { BpoStore } from "../data-access/bpo-store";
import { type Actor, seesAllLeads } from "./actor";
import type { BoardCard, LeadBoardService } from "./lead-board-service";
import type { ClaimState } from "./lead-service";

/** What every entry carries besides placement: the card and the counts pages set their columns to. */
export interface LeadLiveBody {
  card: BoardCard;
  /** Open Leads count per brand id, every brand (absolute, read after commit). */
  pool: Record<string, number>;
  /** My Pipeline counts per stage id of the lead's owner (absolute), when it has one. */
  owner: Record<string, number> | null;
}

export type LeadLiveEntry = LiveEntry<LeadPlacement, LeadLiveBody>;

/** In the Open Leads pool: unclaimed, open, not archived. */
export const inPool = (p: LeadPlacement | null | undefined): boolean => !!p && p.u === null && p.o && p.a;

/** The domain's view rule (assertCanView): Agents see the unclaimed leads and their own. */
const canSee = (actor: Actor, p: LeadPlacement): boolean => seesAllLeads(actor) || p.u === null || p.u === actor.id;

/**
 * What a claim's refusal needs from an entry, when the entry says the lead cannot be claimed (someone holds it,
 * or it is closed or archived); null when it is in the pool or gone (a claim must then ask the database).
 */
export function claimStateOf(e: LeadLiveEntry): ClaimState | null {
  const p = e.now;
  if (!p || inPool(p)) return null;
  return { reference: e.body.card.reference, userId: p.u, userName: p.n, open: p.o && p.a };
}

/** Names what happened, from where the lead was and where it is now. */
export function leadEventKind(was: LeadPlacement | null | undefined, now: LeadPlacement | null): string {
  if (!now) return "lead.deleted";
  if (was === null) return "lead.created";
  if (was) {
    if (was.a && !now.a) return "lead.archived";
    if (!was.a && now.a) return "lead.restored";
    if (was.o && !now.o) return "lead.closed";
    if (was.u === null && now.u !== null) return "lead.claimed";
    if (was.u !== null && now.u === null) return "lead.released";
    if (was.u !== now.u) return "lead.reassigned";
    if (was.b !== now.b) return "lead.brand-changed";
    if (was.s !== now.s) return "lead.stage-moved";
  }
  return "lead.updated";
}

/** What a browser receives (the contract's event with the board card). */
export type BpoLeadLiveEvent = LeadLiveEvent<BoardCard>;

/** Reduced placement for someone who may not see the lead: who holds it, whether it is open; no stage. */
const redact = (p: LeadPlacement | null | undefined): LeadPlacement | null | undefined => (p ? { ...p, s: 0 } : p);

/**
 * Decides, per subscriber, what an entry shows (the same rule as reading a lead): Supervisors and Managers
 * get everything; an Agent gets the pool and its own leads in full, and only "it left" (who holds it now,
 * no card, no stage) for a lead it could see before. Another agent's pipeline never reaches an Agent.
 */
export function presentLeadEntry(actor: Actor, e: LeadLiveEntry): { event: string; data: BpoLeadLiveEvent } | null {
  // What an entry shows depends on the actor only through these three facts, so subscribers alike share one
  // answer per entry (and the SSE handler encodes it once for all of them).
  const audience = `${seesAllLeads(actor) ? 1 : 0}${e.now?.u === actor.id ? 1 : 0}${e.was?.u === actor.id ? 1 : 0}`;
  let byAudience = presented.get(e);
  if (!byAudience) presented.set(e, (byAudience = new Map()));
  let shown = byAudience.get(audience);
  if (shown === undefined) byAudience.set(audience, (shown = presentTo(actor, e)));
  return shown;
}

type Presented = { event: string; data: BpoLeadLiveEvent } | null;
const presented = new WeakMap<LeadLiveEntry, Map<string, Presented>>();

function presentTo(actor: Actor, e: LeadLiveEntry): Presented {
  const nowVisible = !!e.now && canSee(actor, e.now);
  const wasVisible = e.was === undefined ? undefined : !!e.was && canSee(actor, e.was);
  const owner = e.now?.u !== null && e.now?.u !== undefined && e.body.owner && (seesAllLeads(actor) || e.now.u === actor.id) ? { userId: e.now.u, stages: e.body.owner } : null;
  if (nowVisible) {
    return {
      event: leadEventKind(e.was, e.now),
      data: { leadId: e.leadId, card: e.body.card, now: e.now, was: wasVisible === false ? redact(e.was) : e.was, counts: { pool: e.body.pool, owner } },
    };
  }
  if (wasVisible === false) return null;
  // It could see the lead before, or the feed does not know where it was (then its pool may have lost a
  // card): say that the lead left and who holds it, not where it went.
  return {
    event: wasVisible ? leadEventKind(e.was, e.now) : "lead.hidden",
    data: { leadId: e.leadId, card: null, now: redact(e.now) ?? null, was: e.was, counts: { pool: e.body.pool, owner: null } },
  };
}

/**
 * Describes a batch of changed leads after commit, in three statements whatever the batch size: the cards
 * (the boards' own card mapping), the pool counts and the owners' pipeline counts.
 */
export function describeLeads(store: BpoStore, boards: LeadBoardService) {
  return async (hints: Map<number, LeadHint>): Promise<LeadDelta<LeadPlacement, LeadLiveBody>[]> => {
    const ids = [...hints.keys()];
    const states = await store.repos.live.states(ids);
    const owners = [...new Set(states.map((s) => s.card.userId).filter((u): u is number => u !== null))];
    const [pool, ownerCounts] = await Promise.all([store.repos.live.poolCounts(), store.repos.live.ownerStageCounts(owners)]);
    const poolRecord = Object.fromEntries(pool);
    const cards = new Map(boards.withActivity(states.map((s) => s.card)).map((c) => [c.id, c]));
    return states.map((s) => {
      const hint = hints.get(s.card.id);
      const now: LeadPlacement = { u: s.card.userId, n: s.card.userName, b: s.card.brandId, s: s.card.stageId, o: !s.isWon && !s.isLost, a: s.active };
      const assumedWas = hint?.kind === "created" ? null : hint?.kind === "claimed" ? { ...now, u: null, n: null } : undefined;
      const owner = s.card.userId === null ? null : Object.fromEntries(ownerCounts.get(s.card.userId) ?? new Map<number, number>());
      return { leadId: s.card.id, version: s.readAt, now, assumedWas, body: { card: cards.get(s.card.id)!, pool: poolRecord, owner } };
    });
  };
}
