import { type DragEvent, type ReactNode, useState } from "react";

export interface KanbanColumn<T> {
  key: string | number;
  title: string;
  /** Total items in the column on the server (not just the loaded ones). */
  count: number;
  items: T[];
  hasMore: boolean;
  loadingMore?: boolean;
  error?: string | null;
  /** A folded column shows only its title and count (e.g. Lost); it still accepts drops. */
  folded?: boolean;
}

export interface KanbanBoardProps<T> {
  label: string;
  columns: KanbanColumn<T>[];
  itemKey(item: T): string | number;
  renderItem(item: T): ReactNode;
  onLoadMore(columnKey: string | number): void;
  emptyText?: string;
  /** Enables drag and drop between columns; the caller asks the server and re-renders with the answer. */
  onDropItem?(itemKey: string, toColumnKey: string | number, fromColumnKey: string | number): void;
  onToggleFold?(columnKey: string | number): void;
  /** Word for the count badge, read by screen readers ("12 waiting"). */
  countNoun?: string;
}

const DRAG_TYPE = "application/x-uk-kanban-item";

/** Columns load page by page ("Load more"), so a column with thousands of items renders only what was asked for. */
export function KanbanBoard<T>({ label, columns, itemKey, renderItem, onLoadMore, emptyText = "Nothing here", onDropItem, onToggleFold, countNoun = "waiting" }: KanbanBoardProps<T>) {
  const [dropTarget, setDropTarget] = useState<string | number | null>(null);
  const dragStart = (e: DragEvent, item: T, from: string | number) => {
    e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ item: String(itemKey(item)), from }));
    e.dataTransfer.effectAllowed = "move";
  };
  const drop = (e: DragEvent, to: string | number) => {
    e.preventDefault();
    setDropTarget(null);
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    if (!raw || !onDropItem) return;
    const { item, from } = JSON.parse(raw) as { item: string; from: string | number };
    if (from !== to) onDropItem(item, to, from);
  };
  return (
    <div className="uk-kanban" role="region" aria-label={label}>
      {columns.map((col) => {
        const headingId = `uk-col-${String(col.key)}`;
        const dropProps = onDropItem
          ? {
              onDragOver: (e: DragEvent) => {
                if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = "move";
                if (dropTarget !== col.key) setDropTarget(col.key);
              },
              onDragLeave: () => setDropTarget((t) => (t === col.key ? null : t)),
              onDrop: (e: DragEvent) => drop(e, col.key),
            }
          : {};
        const classes = ["uk-kanban__column", col.folded ? "uk-kanban__column--folded" : "", dropTarget === col.key ? "uk-kanban__column--drop" : ""].filter(Boolean).join(" ");
        return (
          <section key={col.key} className={classes} aria-labelledby={headingId} data-column={col.title} {...dropProps}>
            <h2 className="uk-kanban__title" id={headingId}>
              <span>{col.title}</span>
              <span className="uk-kanban__count" aria-label={`${col.count} ${countNoun}`}>
                {col.count}
              </span>
            </h2>
            {onToggleFold && (
              <button type="button" className="uk-kanban__fold" aria-expanded={!col.folded} onClick={() => onToggleFold(col.key)}>
                {col.folded ? `Show ${col.title}` : `Fold ${col.title}`}
              </button>
            )}
            {col.folded ? null : col.items.length === 0 && !col.hasMore ? (
              <p className="uk-kanban__empty">{emptyText}</p>
            ) : (
              <ul className="uk-kanban__list">
                {col.items.map((item) => (
                  <li key={itemKey(item)} draggable={onDropItem ? true : undefined} onDragStart={onDropItem ? (e) => dragStart(e, item, col.key) : undefined}>
                    {renderItem(item)}
                  </li>
                ))}
              </ul>
            )}
            {col.error && (
              <p className="uk-kanban__error" role="alert">
                {col.error}
              </p>
            )}
            {!col.folded && col.hasMore && (
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
