import type { Wire } from "@crm/contracts/src/wire";
import { DataTable, Link, useAsync, useToast } from "@crm/ui-kit";
import type { DeadOutboxMessageResponse } from "../../../../packages/platform/src/outbox/dead-letter-schemas";
import { api, errorMessage } from "../api";
import { formatDateTime } from "../format";
import { Section } from "./section";

/** The platform's dead-letter row as GET /api/outbox/dead sends it, with the outcome callback's payload fields this list shows. */
type DeadMessage = Omit<Wire<DeadOutboxMessageResponse>, "payload"> & {
  payload: { dealerLeadName?: string; dealerLeadId?: number; outcome?: string };
};

/** Won/Lost callbacks the BPO never accepted after every retry; an Admin sends them again once fixed. */
export function CallbacksSection() {
  const toast = useToast();
  const state = useAsync((signal) => api<{ messages: DeadMessage[] }>("/api/outbox/dead", { signal }), []);
  const replay = async (m: DeadMessage) => {
    try {
      await api(`/api/outbox/${m.id}/replay`, { method: "POST" });
      toast.show(`${m.payload.dealerLeadName ?? "Callback"} queued again.`, "success");
      state.reload();
    } catch (e) {
      toast.show(errorMessage(e), "error");
    }
  };
  return (
    <Section
      title="Undelivered callbacks"
      intro="Outcomes the BPO did not accept after every retry. Fix the cause (connection, key), then send them again."
      state={state}
      render={(d) => (
        <DataTable
          label="Undelivered callbacks"
          rows={d.messages}
          rowKey={(m) => m.id}
          emptyText="Nothing undelivered: every outcome reached the BPO."
          columns={[
            { key: "lead", header: "Lead", render: (m) => (m.payload.dealerLeadId ? <Link to={`/leads/${m.payload.dealerLeadId}`}>{m.payload.dealerLeadName ?? m.payload.dealerLeadId}</Link> : "—") },
            { key: "outcome", header: "Outcome", render: (m) => m.payload.outcome ?? m.topic },
            { key: "attempts", header: "Attempts", numeric: true, render: (m) => m.attempts },
            { key: "error", header: "Last error", render: (m) => m.lastError ?? "—" },
            { key: "created", header: "Queued", render: (m) => formatDateTime(m.createdAt) },
            {
              key: "actions",
              header: "Actions",
              render: (m) => (
                <button type="button" className="uk-button uk-button--secondary" onClick={() => void replay(m)}>
                  Send again
                </button>
              ),
            },
          ]}
        />
      )}
    />
  );
}
