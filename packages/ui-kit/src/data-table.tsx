import type { ReactNode } from "react";

export interface DataColumn<T> {
  key: string;
  header: string;
  render(row: T): ReactNode;
  /** Right-align numbers. */
  numeric?: boolean;
  /**
   * Text people type (names, notes): wraps anywhere within a bounded width, so one long unbroken word cannot
   * widen the table, while the other cells keep their words whole.
   */
  text?: boolean;
}

/**
 * A plain accessible table with empty and loading rows; paging is left to the caller's "Load more".
 * `evenColumns` gives every column the same width, so tables stacked under each other line up.
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  emptyText = "Nothing to show.",
  loading,
  evenColumns,
}: {
  label: string;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey(row: T): string | number;
  emptyText?: string;
  loading?: boolean;
  evenColumns?: boolean;
}) {
  return (
    <div className="uk-table-wrap">
      <table className={`uk-table${evenColumns ? " uk-table--even" : ""}`} aria-label={label} aria-busy={loading || undefined}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? "uk-num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="uk-table__empty">
                {loading ? "Loading…" : emptyText}
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={rowKey(r)}>
                {columns.map((c) => (
                  <td key={c.key} className={c.numeric ? "uk-num" : undefined}>
                    {c.text ? <span className="uk-cell-text">{c.render(r)}</span> : c.render(r)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
