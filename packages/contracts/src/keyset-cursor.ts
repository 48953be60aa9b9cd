/**
 * Keyset cursor of the newest-first lists (created_at DESC, id DESC): base64url of "<ISO created_at>|<id>".
 * Declared here, without Node or zod, because both sides read it: the services hand cursors out and check
 * them, and the boards' live patching uses a column's cursor as the edge of what the column has loaded.
 */
export interface KeysetPosition {
  /** ISO 8601 with milliseconds, as JSON carries a card's createdAt. */
  createdAt: string;
  id: number;
}

const toBase64Url = (s: string) => btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const fromBase64Url = (s: string) => atob(s.replace(/-/g, "+").replace(/_/g, "/"));

export const encodeKeysetCursor = (p: KeysetPosition): string => toBase64Url(`${p.createdAt}|${p.id}`);

/** The position a cursor stands for, or null when it is not a cursor (any string a client may send). */
export function decodeKeysetCursor(cursor: string | null | undefined): KeysetPosition | null {
  if (!cursor || !/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  let text: string;
  try {
    text = fromBase64Url(cursor);
  } catch {
    return null;
  }
  const [at, id, extra] = text.split("|");
  const ms = Date.parse(at ?? "");
  const n = Number(id);
  if (extra !== undefined || Number.isNaN(ms) || !Number.isInteger(n) || n < 0) return null;
  return { createdAt: new Date(ms).toISOString(), id: n };
}
