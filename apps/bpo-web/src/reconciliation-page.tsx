import { type FormEvent, useState } from "react";
import type { ReconcileAction, ReconcileActionResult, ReconcileKind, ReconcileReport, ReconcileRow } from "@crm/contracts";
// Type-only: the settings answer is the service's response schema.
import type { ReconcileSettingsResponse } from "../../../services/bpo-service/src/domain/reconciliation-schemas";
import { Badge, DataTable, ErrorState, type FieldErrors, Link, PageHeader, TextField, submitForm, useAsync, useDocumentTitle, useToast } from "@crm/ui-kit";
import { type User, api, errorMessage } from "./api";

export const RECONCILIATION_PATH = "/reconciliation";

const KIND: Record<ReconcileKind, { label: string; tone: "neutral" | "info" | "success" | "warning" }> = {
  endorsement_queued: { label: "Endorsement queued", tone: "info" },
  endorsement_dead: { label: "Endorsement dead", tone: "warning" },
  no_outcome: { label: "No outcome yet", tone: "neutral" },
  outcome_not_applied: { label: "Dealer outcome not applied", tone: "warning" },
  mark_won_unconfirmed: { label: "Mark Won not confirmed", tone: "warning" },
  dealer_unreachable: { label: "Dealer unreachable", tone: "warning" },
};

/** Actions the page runs in place (the others are links). */
const RUN: Partial<Record<ReconcileAction, { label: string; path: string }>> = {
  replay_endorsement: { label: "Replay", path: "replay-endorsement" },
  replay_mark_won: { label: "Replay push", path: "replay-mark-won" },
  resend_outcome: { label: "Ask to re-send", path: "resend-outcome" },
};

const when = (at: string | null) => (at ? new Date(at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : null);

function Side({ side }: { side: ReconcileRow["bpo"] }) {
  return (
    <span className="recon-side">
      {side.summary}
      {side.at && <span className="uk-muted"> · {when(side.at)}</span>}
    </span>
  );
}

/**
 * Reconciliation (issue 16, Managers): every endorsed lead the BPO and its dealership have not settled, what
 * each side did last, and the action that settles it. The server decides the rows; the page only runs actions.
 */
export function ReconciliationPage({ user }: { user: User }) {
  useDocumentTitle("Reconciliation", "BPO CRM");
  const report = useAsync((signal) => api<ReconcileReport>("/api/reconciliation", { signal }), []);
  const [busy, setBusy] = useState<string | null>(null);
  const toast = useToast();

  if (user.role !== "manager") return <ErrorState message="Only a BPO Manager can see the reconciliation with the dealerships." />;

  const run = async (row: ReconcileRow, action: { label: string; path: string }) => {
    setBusy(row.key);
    try {
      const result = await api<ReconcileActionResult>(`/api/reconciliation/leads/${row.leadId}/${action.path}`, { method: "POST" });
      toast.show(result.message, "success");
      report.reload();
    } catch (e) {
      toast.show(`${action.label} failed: ${errorMessage(e)}`, "error");
    } finally {
      setBusy(null);
    }
  };

  const data = report.status === "ready" || report.status === "loading" ? report.data : undefined;
  const subtitle = data
    ? `${data.checked} endorsed ${data.checked === 1 ? "lead" : "leads"} compared with the dealerships at ${when(data.checkedAt)}; no outcome is overdue after ${data.noOutcomeDays} days.`
    : "Endorsed leads the BPO and the dealerships have not settled.";
  return (
    <>
      <PageHeader
        title="Reconciliation"
        subtitle={subtitle}
        actions={
          <button type="button" className="uk-button uk-button--secondary" onClick={report.reload} disabled={report.status === "loading"}>
            Check again
          </button>
        }
      />
      {report.status === "error" && <ErrorState message={report.error} onRetry={report.reload} />}
      <DataTable
        label="Unsettled endorsements"
        rows={data?.rows ?? []}
        loading={report.status === "loading"}
        rowKey={(r) => r.key}
        emptyText="Nothing to reconcile: every endorsement is settled on both sides."
        columns={[
          {
            key: "lead",
            header: "Lead",
            render: (r) =>
              r.leadId !== null ? (
                <Link to={`/leads/${r.leadId}`}>
                  <span className="recon-ref">{r.reference}</span> {r.contactName}
                </Link>
              ) : (
                <span className="uk-muted">—</span>
              ),
          },
          { key: "dealership", header: "Dealership", render: (r) => r.dealershipName },
          { key: "kind", header: "Mismatch", render: (r) => <Badge tone={KIND[r.kind].tone}>{KIND[r.kind].label}</Badge> },
          { key: "bpo", header: "BPO side", render: (r) => <Side side={r.bpo} /> },
          { key: "dealer", header: "Dealer side", render: (r) => <Side side={r.dealer} /> },
          {
            key: "action",
            header: "Action",
            render: (r) => {
              const action = RUN[r.action];
              if (action && r.leadId !== null) {
                return (
                  <button type="button" className="uk-button" disabled={busy !== null} onClick={() => void run(r, action)} aria-label={`${action.label} ${r.reference}`}>
                    {busy === r.key ? "Working…" : action.label}
                  </button>
                );
              }
              if (r.action === "check_connection") return <Link to="/config/dealerships">Check connection</Link>;
              return <Link to={`/leads/${r.leadId}`}>Open lead</Link>;
            },
          },
        ]}
      />
      <NoOutcomeDaysForm onSaved={report.reload} />
    </>
  );
}

/** The Manager's N of "delivered but no outcome after N days"; empty goes back to the configured default. */
function NoOutcomeDaysForm({ onSaved }: { onSaved(): void }) {
  const current = useAsync((signal) => api<ReconcileSettingsResponse>("/api/reconciliation/settings", { signal }), []);
  const [days, setDays] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const toast = useToast();
  if (current.status !== "ready") return null;
  const value = days ?? (current.data.noOutcomeDays === null ? "" : String(current.data.noOutcomeDays));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    try {
      await submitForm(
        (): FieldErrors => (value.trim() === "" || (/^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 365) ? {} : { noOutcomeDays: "Whole days from 1 to 365, or empty for the default" }),
        setErrors,
        async () => {
          await api("/api/reconciliation/settings", { method: "PUT", body: { noOutcomeDays: value.trim() === "" ? null : Number(value) } });
        },
      );
      toast.show("Reconciliation setting saved.", "success");
      current.reload();
      onSaved();
    } catch (err) {
      toast.show(errorMessage(err), "error");
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="recon-settings" onSubmit={(e) => void save(e)} noValidate>
      <TextField
        label="Days a delivered endorsement may wait for the dealer's outcome"
        hint={`Now ${current.data.effectiveDays} days. Empty: the configured default.`}
        inputMode="numeric"
        value={value}
        onValue={setDays}
        error={errors.noOutcomeDays}
      />
      <button type="submit" className="uk-button uk-button--secondary" disabled={saving}>
        Save
      </button>
    </form>
  );
}
