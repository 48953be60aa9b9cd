import type { DealerLeadPlacement } from "@crm/contracts";
import type { LeadDelta, LeadHint, LiveEntry } from "@crm/platform/core";
import type { DealerStore, LeadCard } from "../data-access/dealer-store";
import { type Actor, hasRole } from "./actor";

export interface DealerLiveBody {
  /** null: the lead was deleted. */
  card: LeadCard | null;
}

export type DealerLiveEntry = LiveEntry<DealerLeadPlacement, DealerLiveBody>;

export function dealerLeadEventKind(was: DealerLeadPlacement | null | undefined, now: DealerLeadPlacement | null): string {
  if (!now) return "lead.deleted";
  if (was === null) return "lead.created";
  if (was) {
    if (was.a && !now.a) return "lead.archived";
    if (!was.a && now.a) return "lead.restored";
    if (was.s !== now.s) return "lead.stage-moved";
    if (was.u !== now.u) return "lead.reassigned";
  }
  return "lead.updated";
}

/**
 * dealer-2: every person of the dealership sees every lead (boards, list and form), so people get every
 * event; the service account (JSON-RPC only) gets none.
 */
export function presentDealerLeadEntry(actor: Actor, e: DealerLiveEntry): { event: string; data: object } | null {
  if (!hasRole(actor, "dealer_user")) return null;
  return { event: dealerLeadEventKind(e.was, e.now), data: { leadId: e.leadId, card: e.body.card, now: e.now, was: e.was } };
}

/** Describes a batch of changed leads after commit in one statement (the boards' own card mapping). */
export function describeDealerLeads(store: DealerStore) {
  return async (hints: Map<number, LeadHint>): Promise<LeadDelta<DealerLeadPlacement, DealerLiveBody>[]> => {
    const { states, readAt } = await store.repos.live.states([...hints.keys()]);
    const found = new Map(states.map((s) => [s.card.id, s]));
    return [...hints.entries()].map(([leadId, hint]) => {
      const s = found.get(leadId);
      if (!s) return { leadId, version: readAt, now: null, body: { card: null } };
      const c = s.card;
      const now: DealerLeadPlacement = {
        s: c.stageId,
        b: c.brandId,
        src: s.sourceId,
        u: c.userId,
        e: s.endorsed,
        a: s.active,
        c: new Date(c.createdAt).toISOString(),
        t: [c.contactName, c.mobile, c.email ?? "", c.reference],
      };
      return { leadId, version: readAt, now, assumedWas: hint.kind === "created" ? null : undefined, body: { card: c } };
    });
  };
}
