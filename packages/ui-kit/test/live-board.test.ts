import { encodeKeysetCursor } from "@crm/contracts";
import { applyBoardPatch } from "../src/live-board";

interface Card {
  id: number;
  createdAt: string;
}
interface Column {
  key: number;
  count: number;
  cards: Card[];
  nextCursor: string | null;
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 8, minute)).toISOString();
const card = (id: number, minute: number): Card => ({ id, createdAt: at(minute) });
const cursorAfter = (c: Card) => encodeKeysetCursor({ createdAt: c.createdAt, id: c.id });
const keyOf = (c: Column) => c.key;

describe("live board patching (applyBoardPatch)", () => {
  // Column 1 loaded its first 2 cards (minutes 50 and 40); 3 more wait behind the cursor.
  const loaded = [card(5, 50), card(4, 40)];
  const column = (): Column => ({ key: 1, count: 5, cards: [...loaded], nextCursor: cursorAfter(loaded[1]!) });

  test("when claims have emptied a column's loaded cards, a new lead still shows at the top of it", () => {
    let cols = [column()];
    cols = applyBoardPatch(cols, keyOf, { leadId: 5, card: null, to: null, counts: { 1: 4 } });
    cols = applyBoardPatch(cols, keyOf, { leadId: 4, card: null, to: null, counts: { 1: 3 } });
    expect(cols[0]!.cards).toEqual([]);

    cols = applyBoardPatch(cols, keyOf, { leadId: 9, card: card(9, 59), to: 1, from: null, counts: { 1: 4 } });
    expect(cols[0]!.cards.map((c) => c.id)).toEqual([9]);
    expect(cols[0]!.count).toBe(4);
  });

  test("a lead that sorts behind the column's cursor is left to the cursor (no gap in the loaded part), its count still shows", () => {
    const cols = applyBoardPatch([column()], keyOf, { leadId: 2, card: card(2, 10), to: 1, from: null, counts: { 1: 6 } });
    expect(cols[0]!.cards.map((c) => c.id)).toEqual([5, 4]);
    expect(cols[0]!.count).toBe(6);
  });

  test("a lead between the last loaded card and the cursor's edge joins the loaded part", () => {
    // The card at minute 40 was claimed; a released lead from minute 45 still sorts above the edge (40).
    let cols = applyBoardPatch([column()], keyOf, { leadId: 4, card: null, to: null, counts: { 1: 4 } });
    cols = applyBoardPatch(cols, keyOf, { leadId: 7, card: card(7, 45), to: 1, from: null, counts: { 1: 5 } });
    expect(cols[0]!.cards.map((c) => c.id)).toEqual([5, 7]);
  });

  test("a complete column (no cursor) takes any lead where it sorts, oldest at the end", () => {
    const complete: Column = { key: 1, count: 2, cards: [...loaded], nextCursor: null };
    const cols = applyBoardPatch([complete], keyOf, { leadId: 1, card: card(1, 5), to: 1, from: null, counts: null });
    expect(cols[0]!.cards.map((c) => c.id)).toEqual([5, 4, 1]);
    expect(cols[0]!.count).toBe(3);
  });

  test("a cursor the page cannot read never makes a card appear out of order", () => {
    const odd: Column = { ...column(), cards: [], nextCursor: "not-a-cursor" };
    const cols = applyBoardPatch([odd], keyOf, { leadId: 9, card: card(9, 59), to: 1, from: null, counts: null });
    expect(cols[0]!.cards).toEqual([]);
    expect(cols[0]!.count).toBe(6);
  });
});
