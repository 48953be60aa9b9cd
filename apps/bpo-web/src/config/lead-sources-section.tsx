import { useEffect, useState } from "react";
import { Badge, ErrorState, Loading, WizardDialog, queryString, useAsync, useToast } from "@crm/ui-kit";
import { api, errorMessage } from "../api";
import type { FieldErrors } from "./form-errors";
import { InlineRowActions, InlineRowMessage, InlineTextCell, useInlineRow } from "./inline-row";
import { SectionTitle } from "./section-title";
import { type LeadSource, PROTECTED_SOURCE_CODES, SOURCE_TYPE_LABEL, type SourceType } from "./types";

interface Draft {
  code: string;
  name: string;
  sourceType: SourceType | "";
  sequence: string;
  active: boolean;
}

const toDraft = (s: LeadSource): Draft => ({ code: s.code, name: s.name, sourceType: s.sourceType, sequence: String(s.sequence), active: s.active });
const EMPTY: Draft = { code: "", name: "", sourceType: "", sequence: "10", active: true };
const isProtected = (code: string) => PROTECTED_SOURCE_CODES.includes(code);

/** Same checks as the server (bpo-3), so the obvious mistakes never leave the row. */
function validate(d: Draft, originalCode: string | null): FieldErrors {
  const e: FieldErrors = {};
  const code = d.code.trim();
  if (!code) e.code = "Code is required";
  else if (!/^[a-z0-9_]+$/.test(code)) e.code = "Code must be lowercase letters, digits and underscores";
  else if (code !== originalCode && code.length > 20) e.code = "Code must be at most 20 characters";
  if (!d.name.trim()) e.name = "Source Name is required";
  if (!d.sourceType) e.sourceType = "Source Type is required";
  if (!/^\d+$/.test(d.sequence.trim())) e.sequence = "Sequence must be a whole number (0 or more)";
  return e;
}

const payload = (d: Draft) => ({ code: d.code.trim(), name: d.name.trim(), sourceType: d.sourceType, sequence: Number(d.sequence), active: d.active });

/** bpo-3 Lead Sources: an inline-editable list (edit any cell in place, add a row, archive, delete unused). */
export function LeadSourcesSection() {
  const toast = useToast();
  const [showArchived, setShowArchived] = useState(false);
  const list = useAsync((signal) => api<{ sources: LeadSource[] }>(`/api/lead-sources${queryString({ includeInactive: showArchived || undefined })}`, { signal }), [showArchived]);
  const [rows, setRows] = useState<LeadSource[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<LeadSource | null>(null);

  // Rows are kept locally after the first load so an archived row stays visible (dimmed) until the next refresh.
  useEffect(() => {
    if (list.status === "ready") setRows(list.data.sources);
  }, [list.status, list.data]);

  const replace = (s: LeadSource) => setRows((rs) => rs?.map((r) => (r.id === s.id ? s : r)) ?? rs);

  // bpo-3: the sequence is a drag handle. Moving a row renumbers the list 10, 20, 30… and saves the rows whose
  // number changed; the order is then what dropdowns and the kanban grouping use.
  const [dragged, setDragged] = useState<number | null>(null);
  const [reordering, setReordering] = useState(false);
  const moveTo = async (id: number, toIndex: number) => {
    if (!rows || reordering) return;
    const moving = rows.find((r) => r.id === id);
    if (!moving) return;
    const order = rows.filter((r) => r.id !== id);
    order.splice(Math.max(0, Math.min(toIndex, order.length)), 0, moving);
    const changes = order.map((r, i) => ({ r, sequence: (i + 1) * 10 })).filter(({ r, sequence }) => r.sequence !== sequence);
    if (changes.length === 0) return;
    setRows(order.map((r, i) => ({ ...r, sequence: (i + 1) * 10 })));
    setReordering(true);
    try {
      for (const { r, sequence } of changes) await api<LeadSource>(`/api/lead-sources/${r.id}`, { method: "PATCH", body: { sequence } });
      toast.show(`"${moving.name}" moved to position ${order.indexOf(moving) + 1}.`, "success");
    } catch (e) {
      toast.show(`Reordering stopped: ${errorMessage(e)}`, "error");
    } finally {
      setReordering(false);
      list.reload();
    }
  };

  const header = (
    <SectionTitle
      subtitle="Where leads come from. Click a cell to edit it; the code is the stable key integrations use, the name can change freely."
      actions={
        <>
          <label className="cfg-inline-check">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show archived
          </label>
          {!adding && (
            <button type="button" className="uk-button" onClick={() => setAdding(true)}>
              New source
            </button>
          )}
        </>
      }
    >
      Lead Sources
    </SectionTitle>
  );

  if (!rows) {
    return (
      <>
        {header}
        {list.status === "error" ? <ErrorState message={list.error} onRetry={list.reload} /> : <Loading label="Loading lead sources…" />}
      </>
    );
  }

  return (
    <>
      {header}
      {list.status === "error" && <ErrorState message={`Could not refresh: ${list.error}`} onRetry={list.reload} />}
      <div className="uk-table-wrap">
        <table className="uk-table cfg-grid" aria-label="Lead sources">
          <thead>
            <tr>
              <th scope="col" className="cfg-grid__seq">
                Sequence
              </th>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Source Type</th>
              <th scope="col">Active</th>
              <th scope="col">
                <span className="uk-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {adding && (
              <SourceRow
                source={null}
                onSaved={(s) => {
                  setRows((rs) => [...(rs ?? []), s].sort((a, b) => a.sequence - b.sequence || a.id - b.id));
                  setAdding(false);
                  toast.show(`Lead source "${s.name}" added.`, "success");
                }}
                onCancel={() => setAdding(false)}
              />
            )}
            {rows.map((s, i) => (
              <SourceRow
                key={s.id}
                source={s}
                onSaved={replace}
                onDelete={() => setDeleting(s)}
                reorder={{
                  busy: reordering,
                  onDragStart: () => setDragged(s.id),
                  onDrop: () => {
                    if (dragged !== null && dragged !== s.id) void moveTo(dragged, i);
                    setDragged(null);
                  },
                  onStep: (delta) => void moveTo(s.id, i + delta),
                }}
              />
            ))}
            {rows.length === 0 && !adding && (
              <tr>
                <td colSpan={6} className="uk-table__empty">
                  No lead sources yet. Use <strong>New source</strong> to add the first one.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <WizardDialog
        open={deleting !== null}
        title={`Delete lead source "${deleting?.name ?? ""}"?`}
        submitLabel="Delete"
        danger
        onClose={() => setDeleting(null)}
        onSubmit={async () => {
          const s = deleting!;
          await api(`/api/lead-sources/${s.id}`, { method: "DELETE" });
          setRows((rs) => rs?.filter((r) => r.id !== s.id) ?? rs);
          toast.show(`Lead source "${s.name}" deleted.`, "success");
        }}
      >
        <p className="cfg-dialog-text">
          Delete only sources created by mistake and never used. A source that leads point to cannot be deleted: untick <strong>Active</strong> to archive it
          instead. Never reuse a deleted code.
        </p>
      </WizardDialog>
    </>
  );
}

interface RowReorder {
  busy: boolean;
  onDragStart(): void;
  onDrop(): void;
  /** Keyboard alternative to dragging: one place up (-1) or down (+1). */
  onStep(delta: -1 | 1): void;
}

function SourceRow({ source, onSaved, onCancel, onDelete, reorder }: { source: LeadSource | null; onSaved(s: LeadSource): void; onCancel?(): void; onDelete?(): void; reorder?: RowReorder }) {
  const row = useInlineRow<LeadSource, Draft>({
    record: source,
    toDraft,
    empty: EMPTY,
    validate: (d) => validate(d, source?.code ?? null),
    payload,
    request: (body, isNew) => (isNew ? api<LeadSource>("/api/lead-sources", { method: "POST", body }) : api<LeadSource>(`/api/lead-sources/${source?.id}`, { method: "PATCH", body })),
    onSaved,
    onCancel,
    cells: ["sequence", "code", "name", "sourceType"],
  });
  const { draft, set, saving, keys, isNew } = row;
  const locked = source !== null && isProtected(source.code);
  const name = source?.name ?? "new source";

  // The Active box is the archive toggle: it saves on its own (bpo-3 "Archive toggle").
  const toggleActive = (active: boolean) => {
    set({ active });
    if (!isNew) void row.send({ active });
  };

  return (
    <>
      <tr
        className={`${source && !source.active ? "cfg-row--archived" : ""}${isNew ? " cfg-row--new" : ""}`}
        aria-label={source ? `Lead source ${source.code}` : "New lead source"}
        onDragOver={reorder ? (e) => e.preventDefault() : undefined}
        onDrop={
          reorder
            ? (e) => {
                e.preventDefault();
                reorder.onDrop();
              }
            : undefined
        }
      >
        <td className="cfg-grid__seq">
          {reorder && (
            <button
              type="button"
              className="cfg-drag-handle"
              draggable={!reorder.busy}
              disabled={reorder.busy}
              aria-label={`Reorder ${name}: drag, or use the up and down arrow keys`}
              title="Drag to reorder"
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = "move";
                e.dataTransfer.setData("text/plain", name);
                reorder.onDragStart();
              }}
              onKeyDown={(e) => {
                if (e.key === "ArrowUp" || e.key === "ArrowDown") {
                  e.preventDefault();
                  reorder.onStep(e.key === "ArrowUp" ? -1 : 1);
                }
              }}
            >
              ⠿
            </button>
          )}
          <input
            className="uk-input cfg-cell"
            inputMode="numeric"
            aria-label={`Sequence of ${name}`}
            {...row.cell("sequence")}
            value={draft.sequence}
            onChange={(e) => set({ sequence: e.target.value })}
            onKeyDown={keys}
          />
          {row.cellError("sequence")}
        </td>
        <td>
          <div className="cfg-cell-with-badge">
            <input
              className="uk-input cfg-cell cfg-cell--code"
              aria-label={`Code of ${name}`}
              {...row.cell("code")}
              readOnly={locked}
              title={locked ? "The distributor sync looks this code up: it cannot be renamed" : undefined}
              value={draft.code}
              maxLength={40}
              placeholder="e.g. facebook_ads"
              onChange={(e) => set({ code: e.target.value })}
              onKeyDown={keys}
            />
            {locked && <Badge tone="warning">Protected</Badge>}
          </div>
          {row.cellError("code")}
        </td>
        <InlineTextCell row={row} field="name" label={`Name of ${name}`} value={draft.name} maxLength={100} placeholder="Source name" onValue={(v) => set({ name: v })} />
        <td>
          <select
            className="uk-input cfg-cell"
            aria-label={`Source Type of ${name}`}
            {...row.cell("sourceType")}
            value={draft.sourceType}
            onChange={(e) => set({ sourceType: e.target.value as SourceType })}
            onKeyDown={keys}
          >
            {draft.sourceType === "" && <option value="">Choose…</option>}
            {Object.entries(SOURCE_TYPE_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
          {row.cellError("sourceType")}
        </td>
        <td>
          <input
            type="checkbox"
            className="cfg-check"
            aria-label={`Active: ${name}`}
            checked={draft.active}
            disabled={locked || saving}
            title={locked ? "Imported leads are tagged with this source: it cannot be archived" : undefined}
            onChange={(e) => toggleActive(e.target.checked)}
          />
          {source && !source.active && <span className="cfg-archived-label">Archived</span>}
        </td>
        <InlineRowActions row={row} name={name} onDelete={locked ? undefined : onDelete} />
      </tr>
      <InlineRowMessage message={row.message} colSpan={6} />
    </>
  );
}
