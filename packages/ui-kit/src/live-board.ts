import { decodeKeysetCursor } from "@crm/contracts/src/keyset-cursor";

/**
 * Pure board patching for live events (no React: the web apps and bench/floor.ts run the same code).
 * A board is columns of cards, newest first (created_at DESC, id DESC), each column holding the first
 * cards of its list and the cursor of the rest. A patch says where a lead is now on this board (a column
 * key, or null: not on it), where the server says it was, its card, and absolute counts when it has them.
 */
export interface LiveCard {
  id: number;
  createdAt: string;
}

export interface LiveColumn<C> {
  count: number;
  cards: C[];
  nextCursor: string | null;
}

export interface BoardPatch<C> {
  leadId: number;
  /** The card as the board endpoint returns it; null when this page may not see the lead any more. */
  card: C | null;
  /** Column the lead belongs to now on this board; null: not on this board. */
  to: number | null;
  /** Column it was in before, as the server knows it (undefined: unknown; null: not on this board). */
  from?: number | null;
  /** Every column's count (absent key = 0), read after the change; null: adjust counts by the move. */
  counts?: Record<string, number> | null;
}

/** true when `a` sorts before `b` (newer first). */
const before = (a: LiveCard, b: LiveCard) => (a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.id > b.id);

/**
 * Inserts a card where it sorts, if that is inside the loaded part of the column (else the cursor brings it).
 * The loaded part reaches down to the column's cursor, not to its last card still shown: on a busy floor
 * claims can empty a column's loaded cards while more wait behind the cursor, and a new lead must still show.
 */
function insertSorted<C extends LiveCard>(cards: C[], card: C, nextCursor: string | null): C[] {
  const at = cards.findIndex((x) => before(card, x));
  if (at !== -1) return [...cards.slice(0, at), card, ...cards.slice(at)];
  const edge = nextCursor === null ? null : decodeKeysetCursor(nextCursor);
  const loadedPart = nextCursor === null || (edge !== null && before(card, edge));
  return loadedPart ? [...cards, card] : cards;
}

export function applyBoardPatch<C extends LiveCard, Col extends LiveColumn<C>>(columns: Col[], keyOf: (col: Col) => number, p: BoardPatch<C>): Col[] {
  const loadedIn = columns.find((c) => c.cards.some((x) => x.id === p.leadId));
  const from = loadedIn ? keyOf(loadedIn) : p.from;
  return columns.map((col) => {
    const key = keyOf(col);
    let cards = loadedIn === col ? col.cards.filter((x) => x.id !== p.leadId) : col.cards;
    if (p.to === key && p.card) cards = insertSorted(cards, p.card, col.nextCursor);
    let count = col.count;
    if (p.counts) count = p.counts[String(key)] ?? 0;
    else if (from !== p.to) {
      if (from === key) count = Math.max(0, count - 1);
      if (p.to === key) count += 1;
    }
    return cards === col.cards && count === col.count ? col : { ...col, cards, count };
  });
}

/** Card ids per column and counts: what bench/floor.ts compares with a fresh read to find stale boards. */
export function boardShape<C extends LiveCard, Col extends LiveColumn<C>>(columns: Col[], keyOf: (col: Col) => number, firstN: number): string {
  return columns.map((c) => `${keyOf(c)}:${c.count}:${c.cards.slice(0, firstN).map((x) => x.id).join(",")}`).join("|");
}
