import { useState } from "react";
import { DataTable, SelectField, TextField, WizardDialog, useAsync, useToast } from "@crm/ui-kit";
import { type ServiceKey, type UserRecord, api } from "../api";
import { type FieldErrors, submitForm } from "@crm/ui-kit";
import { formatDateTime } from "../format";
import { Section } from "./section";

/** Keys peers (the BPO) use on POST /rpc: issued once (shown only then), listed, revoked. */
export function ServiceKeysSection() {
  const toast = useToast();
  const state = useAsync(async (signal) => {
    const [k, u] = await Promise.all([api<{ keys: ServiceKey[] }>("/api/service-keys", { signal }), api<{ users: UserRecord[] }>("/api/users", { signal })]);
    return { keys: k.keys, users: u.users };
  }, []);
  const [issuing, setIssuing] = useState(false);
  const [userId, setUserId] = useState("");
  const [label, setLabel] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [issued, setIssued] = useState<(ServiceKey & { key: string }) | null>(null);
  const [revoking, setRevoking] = useState<ServiceKey | null>(null);

  return (
    <Section
      title="Service keys"
      intro="The BPO calls this dealership with a key issued here to its service account. The key is shown once, when issued."
      action={
        <button
          type="button"
          className="uk-button"
          onClick={() => {
            setIssuing(true);
            setUserId("");
            setLabel("");
            setErrors({});
          }}
        >
          Issue a key
        </button>
      }
      state={state}
      render={(d) => {
        const accounts = d.users.filter((u) => u.role === "service_account" && u.active);
        const nameOf = (id: number) => d.users.find((u) => u.id === id)?.name ?? `User ${id}`;
        return (
          <>
            {issued && (
              <div className="issued-key" role="status">
                <p>
                  <strong>Copy this key now — it will not be shown again.</strong> Give it to the BPO for “{issued.label}”.
                </p>
                <label htmlFor="issued-key-value" className="uk-field__label">
                  New service key
                </label>
                <input id="issued-key-value" className="uk-input issued-key__value" readOnly value={issued.key} onFocus={(e) => e.target.select()} />
                <button type="button" className="uk-button uk-button--secondary" onClick={() => setIssued(null)}>
                  I have copied it
                </button>
              </div>
            )}
            <DataTable
              label="Service keys"
              rows={d.keys}
              rowKey={(k) => k.id}
              emptyText="No keys issued yet."
              columns={[
                { key: "label", header: "Label", render: (k) => k.label },
                { key: "user", header: "Service account", render: (k) => nameOf(k.userId) },
                { key: "created", header: "Issued", render: (k) => formatDateTime(k.createdAt) },
                { key: "status", header: "Status", render: (k) => (k.revokedAt ? `Revoked ${formatDateTime(k.revokedAt)}` : "Active") },
                {
                  key: "actions",
                  header: "Actions",
                  render: (k) =>
                    k.revokedAt ? null : (
                      <button type="button" className="uk-button uk-button--danger" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.label}`}>
                        Revoke
                      </button>
                    ),
                },
              ]}
            />
            <WizardDialog
              open={issuing}
              title="Issue a service key"
              submitLabel="Issue key"
              onClose={() => setIssuing(false)}
              canSubmit={accounts.length > 0}
              blockedReason="Create a service account first (Users → New user, role Service account)."
              onSubmit={() =>
                submitForm(
                  () => ({ ...(userId ? {} : { userId: "Pick the service account" }), ...(label.trim() ? {} : { label: "Label is required (e.g. the peer's name)" }) }),
                  setErrors,
                  async () => {
                    setIssued(await api<ServiceKey & { key: string }>("/api/service-keys", { method: "POST", body: { userId: Number(userId), label: label.trim() } }));
                    state.reload();
                  },
                )
              }
            >
              <SelectField label="Service account" required value={userId} onValue={setUserId} options={accounts.map((u) => ({ value: u.id, label: `${u.name} (${u.login})` }))} placeholder="Pick an account" error={errors.userId} />
              <TextField label="Label" required value={label} onValue={setLabel} error={errors.label} hint="Who will use it, e.g. BPO CRM production" />
            </WizardDialog>
            <WizardDialog
              open={revoking !== null}
              title={`Revoke “${revoking?.label ?? ""}”?`}
              submitLabel="Revoke key"
              danger
              onClose={() => setRevoking(null)}
              onSubmit={async () => {
                if (!revoking) return;
                await api(`/api/service-keys/${revoking.id}/revoke`, { method: "POST" });
                toast.show(`Key “${revoking.label}” revoked.`, "success");
                state.reload();
              }}
            >
              <p>Calls with this key are refused from now on. This cannot be undone: issue a new key instead.</p>
            </WizardDialog>
          </>
        );
      }}
    />
  );
}

