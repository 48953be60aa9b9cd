import type { ReactNode } from "react";

export interface KanbanColumn<T> {
  key: string | number;
  title: string;
  /** Total items in the column on the server (not just the loaded ones). */
  count: number;
  items: T[];
  hasMore: boolean;
  loadingMore?: boolean;
  error?: string | null;
}

export interface KanbanBoardProps<T> {
  label: string;
  columns: KanbanColumn<T>[];
  itemKey(item: T): string | number;
  renderItem(item: T): ReactNode;
  onLoadMore(columnKey: string | number): void;
  emptyText?: string;
}

/** Columns load page by page ("Load more"), so a column with thousands of items renders only what was asked for. */
export function KanbanBoard<T>({ label, columns, itemKey, renderItem, onLoadMore, emptyText = "Nothing here" }: KanbanBoardProps<T>) {
  return (
    <div className="uk-kanban" role="region" aria-label={label}>
      {columns.map((col) => {
        const headingId = `uk-col-${String(col.key)}`;
        return (
          <section key={col.key} className="uk-kanban__column" aria-labelledby={headingId}>
            <h2 className="uk-kanban__title" id={headingId}>
              <span>{col.title}</span>
              <span className="uk-kanban__count" aria-label={`${col.count} waiting`}>
                {col.count}
              </span>
            </h2>
            {col.items.length === 0 && !col.hasMore ? (
              <p className="uk-kanban__empty">{emptyText}</p>
            ) : (
              <ul className="uk-kanban__list">
                {col.items.map((item) => (
                  <li key={itemKey(item)}>{renderItem(item)}</li>
                ))}
              </ul>
            )}
            {col.error && (
              <p className="uk-kanban__error" role="alert">
                {col.error}
              </p>
            )}
            {col.hasMore && (
              <button type="button" className="uk-button uk-button--secondary uk-kanban__more" onClick={() => onLoadMore(col.key)} disabled={col.loadingMore}>
                {col.loadingMore ? "Loading…" : `Load more (${Math.max(col.count - col.items.length, 0)} left)`}
              </button>
            )}
          </section>
        );
      })}
    </div>
  );
}
