/** The schemas' column-naming rule: a camelCase Prisma field is stored in its snake_case column (@map). */
export const columnOf = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * `alias.column AS "field"` for each field, joined by commas, so a raw read answers in the domain's names;
 * `sql` gives a field its own expression (a cast, a format) instead of the bare column.
 */
export const selectAs = (alias: string, fields: readonly string[], sql: Partial<Record<string, string>> = {}): string =>
  fields.map((f) => `${sql[f] ?? `${alias}.${columnOf(f)}`} AS "${f}"`).join(", ");
