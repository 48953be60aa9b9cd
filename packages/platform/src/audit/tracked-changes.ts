/** One tracked-field change, as the chatter shows it: `label: old → new`. */
export interface FieldChange {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
}

/** What a chatter line is: a note, a system event or tracked-field changes. */
export type MessageKind = "note" | "system" | "tracking";

/** One chatter line as both services store and show it; each adds what the line belongs to. */
export interface ChatterLineRecord {
  id: number;
  kind: MessageKind;
  body: string;
  changes: FieldChange[] | null;
  authorId: number | null;
  authorName: string | null;
  createdAt: Date;
}

/** A chatter line to write; each service adds what it belongs to. */
export interface NewChatterLine {
  kind: MessageKind;
  body: string;
  changes?: FieldChange[];
  authorId: number | null;
}

/**
 * Compares a record before and after a write over the tracked fields (Odoo's tracking=True) and returns the
 * changes, each value rendered by `display` (which resolves ids to names: one lookup per changed field).
 */
export async function diffTracked<T, K extends keyof T & string>(
  fields: Record<K, string>,
  before: T,
  after: T,
  display: (key: K, value: T[K]) => Promise<string | null>,
): Promise<FieldChange[]> {
  const changes: FieldChange[] = [];
  for (const key of Object.keys(fields) as K[]) {
    if (before[key] === after[key]) continue;
    changes.push({ field: key, label: fields[key], old: await display(key, before[key]), new: await display(key, after[key]) });
  }
  return changes;
}

export const describeChanges = (changes: FieldChange[]): string =>
  changes.map((c) => `${c.label}: ${c.old ?? "—"} → ${c.new ?? "—"}`).join("\n");
