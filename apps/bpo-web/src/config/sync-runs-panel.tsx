import { useEffect, useState } from "react";
import { DataTable, ErrorState, useAsync } from "@crm/ui-kit";
import { api, errorMessage, queryString } from "../api";
import { formatDateTime } from "./form-errors";
import type { SyncRun, SyncRunsPage } from "./types";

const STATUS_LABEL: Record<SyncRun["status"], string> = { succeeded: "Succeeded", partial: "Partial", failed: "Failed", running: "Running" };

const PAGE = 20;

/** The remote records a run skipped or corrected: model, record id, field and what was wrong. */
function RunIssues({ run }: { run: SyncRun }) {
  const issues = (run.details ?? []).flatMap((d) => (d.issues ?? []).map((i) => ({ ...i, model: d.model })));
  if (issues.length === 0) return <span className="uk-muted">—</span>;
  return (
    <details className="cfg-run-issues">
      <summary>{issues.length} record problem(s)</summary>
      <ul>
        {issues.map((i) => (
          <li key={`${i.model}#${i.remoteId}:${i.field ?? ""}:${i.problem}`}>
            <code>
              {i.model} #{i.remoteId}
            </code>
            {i.field && <> · {i.field}</>}: {i.problem}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Distributor sync run history, newest first, with the counts and the error of each run; "Load older runs" pages back. */
export function SyncRunsPanel({ brandId, refreshKey, showBrand }: { brandId?: number; refreshKey: number; showBrand?: boolean }) {
  const runs = useAsync((signal) => api<SyncRunsPage>(`/api/distributor-sync/runs${queryString({ brandId, limit: PAGE })}`, { signal }), [brandId, refreshKey]);
  // Older pages appended below the first one; a refresh starts again from the newest.
  const [older, setOlder] = useState<SyncRunsPage | null>(null);
  const [olderState, setOlderState] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  useEffect(() => setOlder(null), [runs.data]);
  const rows = [...(runs.data?.runs ?? []), ...(older?.runs ?? [])];
  const next = older ? older.nextCursor : (runs.data?.nextCursor ?? null);
  const loadOlder = async () => {
    if (!next) return;
    setOlderState({ loading: true, error: null });
    try {
      const page = await api<SyncRunsPage>(`/api/distributor-sync/runs${queryString({ brandId, limit: PAGE, cursor: next })}`);
      setOlder((o) => ({ runs: [...(o?.runs ?? []), ...page.runs], nextCursor: page.nextCursor }));
      setOlderState({ loading: false, error: null });
    } catch (e) {
      setOlderState({ loading: false, error: errorMessage(e) });
    }
  };
  return (
    <div className="cfg-panel">
      <div className="cfg-panel__head">
        <h3>Sync run history</h3>
        <button type="button" className="uk-button uk-button--secondary" onClick={runs.reload} disabled={runs.status === "loading"}>
          Refresh
        </button>
      </div>
      {runs.status === "error" && <ErrorState message={runs.error} onRetry={runs.reload} />}
      <DataTable
        label={brandId ? "Sync runs of this brand" : "Sync runs"}
        rows={rows}
        loading={runs.status === "loading"}
        rowKey={(r) => r.id}
        emptyText="No sync has run yet. The scheduled sync records a run here each time it visits a brand with a working connection."
        columns={[
          { key: "started", header: "Started", render: (r) => <span className="cfg-nowrap">{formatDateTime(r.startedAt)}</span> },
          ...(showBrand ? [{ key: "brand", header: "Brand", render: (r: SyncRun) => r.brandName }] : []),
          { key: "trigger", header: "Trigger", render: (r) => (r.trigger === "manual" ? "Manual" : "Scheduled") },
          { key: "status", header: "Status", render: (r) => <span className={`cfg-run-status cfg-run-status--${r.status}`}>{STATUS_LABEL[r.status]}</span> },
          { key: "fetched", header: "Fetched", numeric: true, render: (r) => r.fetched },
          { key: "created", header: "Created", numeric: true, render: (r) => r.created },
          { key: "dedup", header: "Deduplicated", numeric: true, render: (r) => r.deduplicated },
          { key: "skipped", header: "Skipped", numeric: true, render: (r) => r.skipped },
          { key: "failed", header: "Failed", numeric: true, render: (r) => r.failed },
          { key: "error", header: "Error", render: (r) => (r.error ? <span className="cfg-run-error">{r.error}</span> : <span className="uk-muted">—</span>) },
          { key: "records", header: "Records not taken as sent", render: (r) => <RunIssues run={r} /> },
        ]}
      />
      {olderState.error && (
        <p className="inline-error" role="alert">
          Could not load older runs: {olderState.error}
        </p>
      )}
      {next && (
        <button type="button" className="uk-button uk-button--secondary" onClick={() => void loadOlder()} disabled={olderState.loading}>
          {olderState.loading ? "Loading…" : "Load older runs"}
        </button>
      )}
    </div>
  );
}
