import { AppError } from "../errors/app-error";

/** Position in a newest-first list ordered by (created_at DESC, id DESC): pages stay stable under inserts. */
export interface KeysetCursor {
  createdAt: Date;
  id: number;
}

export const encodeCursor = (c: KeysetCursor): string => Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString("base64url");

export function decodeCursor(s: string | undefined): KeysetCursor | null {
  if (!s) return null;
  const [at, id] = Buffer.from(s, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  const n = Number(id);
  return Number.isNaN(createdAt.getTime()) || !Number.isInteger(n) ? null : { createdAt, id: n };
}

/** The client's cursor, or a 400 when it is not one this server handed out. */
export function parseCursor(cursor: string | undefined): KeysetCursor | null {
  const c = decodeCursor(cursor);
  if (cursor && !c) throw new AppError("validation", "bad_cursor", "cursor is not one this server handed out");
  return c;
}

/** The cursor of the page after `items`, or null when this page was the last. */
export function nextCursorOf(items: { createdAt: Date; id: number }[], limit: number): string | null {
  const last = items[items.length - 1];
  return items.length === limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
}
