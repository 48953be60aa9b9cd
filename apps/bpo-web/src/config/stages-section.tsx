import { useState } from "react";
import { ErrorState, Loading, WizardDialog, useAsync, useToast } from "@crm/ui-kit";
import { api } from "../api";
import type { FieldErrors } from "./form-errors";
import { InlineRowActions, InlineRowMessage, InlineTextCell, useInlineRow } from "./inline-row";
import { SectionTitle } from "./section-title";
import type { Stage } from "./types";

type Kind = "open" | "won" | "lost";

interface Draft {
  sequence: string;
  name: string;
  kind: Kind;
  fold: boolean;
}

const kindOf = (s: Stage): Kind => (s.isWon ? "won" : s.isLost ? "lost" : "open");
const toDraft = (s: Stage): Draft => ({ sequence: String(s.sequence), name: s.name, kind: kindOf(s), fold: s.fold });
const EMPTY: Draft = { sequence: "", name: "", kind: "open", fold: false };
const payload = (d: Draft) => ({ sequence: Number(d.sequence), name: d.name.trim(), fold: d.fold, isWon: d.kind === "won", isLost: d.kind === "lost" });
const KIND_LABEL: Record<Kind, string> = { open: "Open (in the pipeline)", won: "Won", lost: "Lost" };

function validate(d: Draft): FieldErrors {
  const e: FieldErrors = {};
  if (!d.name.trim()) e.name = "Stage Name is required";
  if (!/^\d+$/.test(d.sequence.trim())) e.sequence = "Sequence must be a whole number (0 or more)";
  return e;
}

/**
 * Configuration → Stages (bpo-2). Open stages in sequence order are the forward-only pipeline; Mark as Won and
 * Mark as Lost need a Won and a Lost stage ("No won stage configured" is fixed here). The server keeps a stage's
 * kind while leads are in it, since each lead carries Won / Lost itself.
 */
export function StagesSection() {
  const toast = useToast();
  const list = useAsync((signal) => api<{ stages: Stage[] }>("/api/stages", { signal }), []);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Stage | null>(null);
  const stages = list.data?.stages ?? null;
  const missing = stages ? [!stages.some((s) => s.isWon) && "a Won stage", !stages.some((s) => s.isLost) && "a Lost stage"].filter(Boolean) : [];

  return (
    <>
      <SectionTitle
        subtitle="Open stages, in sequence order, are the pipeline leads move through one step at a time; Won and Lost close a lead. Click a cell to edit it."
        actions={
          !adding && (
            <button type="button" className="uk-button" onClick={() => setAdding(true)}>
              New stage
            </button>
          )
        }
      >
        Stages
      </SectionTitle>
      {list.status === "error" && <ErrorState message={list.error} onRetry={list.reload} />}
      {list.status === "loading" && !stages && <Loading label="Loading stages…" />}
      {missing.length > 0 && (
        <p className="form-error" role="alert">
          The pipeline has no {missing.join(" and no ")}: Mark as Won / Mark as Lost fail until one is set here.
        </p>
      )}
      {stages && (
        <div className="uk-table-wrap">
          <table className="uk-table cfg-grid" aria-label="Pipeline stages">
            <thead>
              <tr>
                <th scope="col" className="cfg-grid__seq">
                  Sequence
                </th>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Folded in kanban</th>
                <th scope="col">
                  <span className="uk-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {adding && (
                <StageRow
                  stage={null}
                  onSaved={(s) => {
                    setAdding(false);
                    toast.show(`Stage "${s.name}" added.`, "success");
                    list.reload();
                  }}
                  onCancel={() => setAdding(false)}
                />
              )}
              {stages.map((s) => (
                <StageRow
                  key={s.id}
                  stage={s}
                  onSaved={(saved) => {
                    toast.show(`Stage "${saved.name}" saved.`, "success");
                    list.reload();
                  }}
                  onDelete={() => setDeleting(s)}
                />
              ))}
              {stages.length === 0 && !adding && (
                <tr>
                  <td colSpan={5} className="uk-table__empty">
                    No stages yet. Use <strong>New stage</strong> to add the pipeline.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <WizardDialog
        open={deleting !== null}
        title={`Delete stage "${deleting?.name ?? ""}"?`}
        submitLabel="Delete"
        danger
        onClose={() => setDeleting(null)}
        onSubmit={async () => {
          const s = deleting!;
          await api(`/api/stages/${s.id}`, { method: "DELETE" });
          toast.show(`Stage "${s.name}" deleted.`, "success");
          list.reload();
        }}
      >
        <p className="cfg-dialog-text">A stage that any lead is in, archived ones included, cannot be deleted.</p>
      </WizardDialog>
    </>
  );
}

function StageRow({ stage, onSaved, onCancel, onDelete }: { stage: Stage | null; onSaved(s: Stage): void; onCancel?(): void; onDelete?(): void }) {
  const row = useInlineRow<Stage, Draft>({
    record: stage,
    toDraft,
    empty: EMPTY,
    validate,
    payload,
    request: (body, isNew) => (isNew ? api<Stage>("/api/stages", { method: "POST", body }) : api<Stage>(`/api/stages/${stage?.id}`, { method: "PATCH", body })),
    onSaved,
    onCancel,
    cells: ["sequence", "name", "isLost"],
  });
  const { draft, set, keys, isNew } = row;
  const name = stage?.name ?? "new stage";

  return (
    <>
      <tr className={isNew ? "cfg-row--new" : undefined} aria-label={stage ? `Stage ${stage.name}` : "New stage"}>
        <InlineTextCell
          row={row}
          field="sequence"
          label={`Sequence of ${name}`}
          tdClassName="cfg-grid__seq"
          inputMode="numeric"
          value={draft.sequence}
          placeholder="e.g. 25"
          onValue={(v) => set({ sequence: v })}
        />
        <InlineTextCell row={row} field="name" label={`Name of ${name}`} value={draft.name} maxLength={60} placeholder="Stage name" onValue={(v) => set({ name: v })} />
        <td>
          <select className="uk-input cfg-cell" aria-label={`Kind of ${name}`} {...row.cell("isLost")} value={draft.kind} onChange={(e) => set({ kind: e.target.value as Kind })} onKeyDown={keys}>
            {(Object.keys(KIND_LABEL) as Kind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
          {row.cellError("isLost")}
        </td>
        <td>
          <input type="checkbox" className="cfg-check" aria-label={`Folded in kanban: ${name}`} checked={draft.fold} onChange={(e) => set({ fold: e.target.checked })} />
        </td>
        <InlineRowActions row={row} name={name} onDelete={onDelete} />
      </tr>
      <InlineRowMessage message={row.message} colSpan={5} />
    </>
  );
}
