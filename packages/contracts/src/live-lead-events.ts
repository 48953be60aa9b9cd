/**
 * Live lead events (GET /api/events, server-sent): the event names and payloads both services send and the
 * web apps patch their pages with. Plain types and constants (no zod): the pages import this file directly.
 */

/**
 * BPO: where a lead sits, as far as boards and visibility go: owner (null: unclaimed) and the owner's name,
 * brand, stage (0 when the subscriber may not see it), open (not won, not lost) and active (not archived).
 */
export interface LeadPlacement {
  u: number | null;
  n: string | null;
  b: number;
  s: number;
  o: boolean;
  a: boolean;
}

/** A live event id as Redis streams write it: `<ms>-<seq>`. */
export const isStreamId = (s: string): boolean => /^\d{1,16}-\d{1,16}$/.test(s);

/** Stream ids compare as (ms, seq) pairs. Runs per subscriber per entry on the server, so it allocates nothing. */
export function compareStreamIds(a: string, b: string): number {
  const ad = a.indexOf("-");
  const bd = b.indexOf("-");
  const am = Number(ad < 0 ? a : a.slice(0, ad));
  const bm = Number(bd < 0 ? b : b.slice(0, bd));
  if (am !== bm) return am - bm;
  return (ad < 0 ? 0 : Number(a.slice(ad + 1))) - (bd < 0 ? 0 : Number(b.slice(bd + 1)));
}

/**
 * Request header a page sends with a claim: the id of the newest live event it has seen, so the server does not
 * refuse the claim from live knowledge older than what the page shows.
 */
export const SEEN_EVENT_ID_HEADER = "x-seen-event-id";

/** Every SSE event name the BPO sends (pages listen to all of them). */
export const LEAD_EVENT_KINDS = [
  "lead.created",
  "lead.claimed",
  "lead.released",
  "lead.reassigned",
  "lead.closed",
  "lead.archived",
  "lead.restored",
  "lead.brand-changed",
  "lead.stage-moved",
  "lead.updated",
  "lead.deleted",
  "lead.hidden",
] as const;

/** What a BPO page receives: the card when the subscriber may see the lead now, placements and column counts. */
export interface LeadLiveEvent<C> {
  leadId: number;
  /** The board card; null when this user may no longer see the lead (someone else holds it). */
  card: C | null;
  now: LeadPlacement | null;
  /** Where it was; null: it did not exist; absent: not known. */
  was?: LeadPlacement | null;
  /** Open Leads counts per brand id, and the owner's My Pipeline counts per stage id when sent. */
  counts: { pool: Record<string, number>; owner: { userId: number; stages: Record<string, number> } | null };
}

/**
 * Dealer: what the boards' filters look at, so a page can tell whether a lead enters or leaves what it shows:
 * stage, brand, source, salesperson, endorsed from the BPO, active, created at (ISO), the searchable text.
 */
export interface DealerLeadPlacement {
  s: number;
  b: number;
  src: number;
  u: number | null;
  e: boolean;
  a: boolean;
  c: string;
  t: string[];
}

/** Every SSE event name the dealer-service sends. */
export const DEALER_LEAD_EVENT_KINDS = ["lead.created", "lead.deleted", "lead.archived", "lead.restored", "lead.stage-moved", "lead.reassigned", "lead.updated"] as const;

/** What a dealer page receives: the card (null: deleted) and the placements before and after. */
export interface DealerLeadEvent<C> {
  leadId: number;
  card: C | null;
  now: DealerLeadPlacement | null;
  was?: DealerLeadPlacement | null;
}
