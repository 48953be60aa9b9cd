import { decodeKeysetCursor, encodeKeysetCursor } from "@crm/contracts";
import { AppError } from "../errors/app-error";

/** Position in a newest-first list ordered by (created_at DESC, id DESC): pages stay stable under inserts. */
export interface KeysetCursor {
  createdAt: Date;
  id: number;
}

export const encodeCursor = (c: KeysetCursor): string => encodeKeysetCursor({ createdAt: c.createdAt.toISOString(), id: c.id });

export function decodeCursor(s: string | undefined): KeysetCursor | null {
  const p = decodeKeysetCursor(s);
  return p && { createdAt: new Date(p.createdAt), id: p.id };
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
