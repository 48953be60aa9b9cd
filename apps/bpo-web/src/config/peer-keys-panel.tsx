import { type FormEvent, useState } from "react";
import { Badge, DataTable, ErrorState, TextField, WizardDialog, useAsync, useToast } from "@crm/ui-kit";
import { api, errorMessage } from "../api";
import { formatDateTime } from "./form-errors";
import type { PeerKey } from "./types";

/** Keys the dealership uses to call the BPO back (outcomes). Only hashes are stored: a new key is shown once. */
export function PeerKeysPanel({ dealershipId }: { dealershipId: number }) {
  const toast = useToast();
  const keys = useAsync((signal) => api<{ keys: PeerKey[] }>(`/api/dealerships/${dealershipId}/peer-keys`, { signal }), [dealershipId]);
  const [label, setLabel] = useState("dealer callbacks");
  const [issued, setIssued] = useState<{ label: string; key: string } | null>(null);
  const [issueError, setIssueError] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<PeerKey | null>(null);
  const [copied, setCopied] = useState(false);

  const issue = async (e: FormEvent) => {
    e.preventDefault();
    if (!label.trim()) {
      setIssueError("Label is required");
      return;
    }
    setIssuing(true);
    setIssueError(null);
    try {
      const created = await api<PeerKey & { key: string }>(`/api/dealerships/${dealershipId}/peer-keys`, { method: "POST", body: { label: label.trim() } });
      setIssued({ label: created.label, key: created.key });
      setCopied(false);
      keys.reload();
    } catch (err) {
      setIssueError(errorMessage(err));
    } finally {
      setIssuing(false);
    }
  };
  const copy = async () => {
    if (!issued) return;
    try {
      await navigator.clipboard.writeText(issued.key);
      setCopied(true);
    } catch {
      toast.show("The browser refused the clipboard: select the key and copy it by hand.", "error");
    }
  };

  return (
    <div className="cfg-panel">
      <h3>Callback keys</h3>
      <p className="cfg-panel__hint">Issue a key for the dealership's CRM to call the BPO back with won/lost outcomes. Revoke a key when it leaks or is replaced.</p>
      {issued && (
        <div className="cfg-new-key" role="status">
          <p>
            <strong>New key "{issued.label}"</strong> — copy it now and paste it in the dealership's BPO connection settings. It is shown only this once.
          </p>
          <div className="cfg-new-key__row">
            <textarea className="uk-input cfg-new-key__value" readOnly rows={2} value={issued.key} aria-label="New callback key" onFocus={(e) => e.target.select()} />
            <button type="button" className="uk-button" onClick={() => void copy()}>
              {copied ? "Copied" : "Copy"}
            </button>
            <button type="button" className="uk-button uk-button--secondary" onClick={() => setIssued(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      <form className="cfg-inline-form__row" onSubmit={(e) => void issue(e)} noValidate aria-label="Issue a callback key">
        <TextField label="Key label" required value={label} onValue={setLabel} error={issueError} maxLength={100} />
        <button type="submit" className="uk-button" disabled={issuing}>
          {issuing ? "Issuing…" : "Issue key"}
        </button>
      </form>
      {keys.status === "error" && <ErrorState message={keys.error} onRetry={keys.reload} />}
      <DataTable
        label="Callback keys"
        rows={keys.data?.keys ?? []}
        loading={keys.status === "loading"}
        rowKey={(k) => k.id}
        emptyText="No key issued yet: the dealership cannot report outcomes back."
        columns={[
          { key: "label", header: "Label", render: (k) => k.label },
          { key: "issued", header: "Issued", render: (k) => <span className="cfg-nowrap">{formatDateTime(k.createdAt)}</span> },
          { key: "status", header: "Status", render: (k) => (k.revokedAt ? <Badge>Revoked {formatDateTime(k.revokedAt)}</Badge> : <Badge tone="success">Active</Badge>) },
          {
            key: "actions",
            header: "Actions",
            render: (k) =>
              k.revokedAt ? null : (
                <button type="button" className="uk-button uk-button--secondary cfg-button--danger-text" aria-label={`Revoke key ${k.label}`} onClick={() => setRevoking(k)}>
                  Revoke
                </button>
              ),
          },
        ]}
      />
      <WizardDialog
        open={revoking !== null}
        title={`Revoke key "${revoking?.label ?? ""}"?`}
        submitLabel="Revoke"
        danger
        onClose={() => setRevoking(null)}
        onSubmit={async () => {
          await api(`/api/dealerships/${dealershipId}/peer-keys/${revoking!.id}/revoke`, { method: "POST" });
          keys.reload();
          toast.show(`Key "${revoking!.label}" revoked.`, "success");
        }}
      >
        <p className="cfg-dialog-text">The dealership's calls with this key are refused from now on. Issue a new key first if it still needs to report outcomes.</p>
      </WizardDialog>
    </div>
  );
}
