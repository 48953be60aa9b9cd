/** One tracked-field change, as the chatter shows it: `label: old → new`. */
export interface FieldChange {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
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
