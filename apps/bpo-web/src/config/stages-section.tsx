import { Badge, DataTable, ErrorState, Loading, useAsync } from "@crm/ui-kit";
import { api } from "../api";
import { SectionTitle } from "./section-title";
import type { Stage } from "./types";

/** The pipeline's stages. The API only lists them: the forward-only rules (bpo-2) are built on these exact stages. */
export function StagesSection() {
  const list = useAsync((signal) => api<{ stages: Stage[] }>("/api/stages", { signal }), []);
  return (
    <>
      <SectionTitle subtitle="Stages are fixed by the pipeline rules: New → Qualified → Negotiation, then Won or Lost. They are shown here for reference and cannot be edited.">
        Stages
      </SectionTitle>
      {list.status === "error" && <ErrorState message={list.error} onRetry={list.reload} />}
      {list.status === "loading" && !list.data && <Loading label="Loading stages…" />}
      {list.data && (
        <DataTable
          label="Pipeline stages"
          rows={list.data.stages}
          rowKey={(s) => s.id}
          emptyText="No stages are configured. Leads cannot be created until the pipeline stages exist (run the database seed)."
          columns={[
            { key: "seq", header: "Sequence", render: (s) => s.sequence },
            { key: "name", header: "Name", render: (s) => <strong>{s.name}</strong> },
            {
              key: "kind",
              header: "Kind",
              render: (s) => (s.isWon ? <Badge tone="success">Won</Badge> : s.isLost ? <Badge tone="warning">Lost</Badge> : <Badge tone="info">Open</Badge>),
            },
            { key: "fold", header: "Folded in kanban", render: (s) => (s.fold ? "Yes" : "No") },
          ]}
        />
      )}
    </>
  );
}
