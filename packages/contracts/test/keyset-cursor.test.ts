import { decodeKeysetCursor, encodeKeysetCursor } from "../src/keyset-cursor";

describe("keyset cursor", () => {
  test("a cursor decodes to the position it was made from, and reads cursors handed out before (Buffer base64url)", () => {
    const p = { createdAt: "2026-12-03T08:15:30.123Z", id: 4242 };
    expect(decodeKeysetCursor(encodeKeysetCursor(p))).toEqual(p);
    const legacy = Buffer.from(`${p.createdAt}|${p.id}`).toString("base64url");
    expect(encodeKeysetCursor(p)).toBe(legacy);
  });

  test.each(["", "%%%", "bm90LWEtY3Vyc29y", Buffer.from("2026-12-03T08:15:30.123Z|-1").toString("base64url"), Buffer.from("x|1").toString("base64url")])(
    "what is not a cursor (%p) decodes to null",
    (s) => expect(decodeKeysetCursor(s)).toBeNull(),
  );
});
