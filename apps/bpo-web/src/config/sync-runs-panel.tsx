import { DataTable, ErrorState, useAsync } from "@crm/ui-kit";
import { api, queryString } from "../api";
import { formatDateTime } from "./form-errors";
import type { SyncRun } from "./types";

const STATUS_LABEL: Record<SyncRun["status"], string> = { succeeded: "Succeeded", partial: "Partial", failed: "Failed", running: "Running" };

/** Distributor sync run history, newest first, with the counts and the error of each run. */
export function SyncRunsPanel({ brandId, refreshKey, showBrand }: { brandId?: number; refreshKey: number; showBrand?: boolean }) {
  const runs = useAsync((signal) => api<{ runs: SyncRun[] }>(`/api/distributor-sync/runs${queryString({ brandId, limit: 20 })}`, { signal }), [brandId, refreshKey]);
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
        rows={runs.data?.runs ?? []}
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
        ]}
      />
    </div>
  );
}
