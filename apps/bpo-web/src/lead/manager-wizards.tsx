import { useState } from "react";
import { SelectField, WizardDialog, useAsync } from "@crm/ui-kit";
import { type LeadView, type UserSummary, api } from "../api";

/** Supervisors and Managers hand a lead to someone else, or back to the Open Leads pool. */
export function ReassignWizard({ lead, open, onClose, onDone }: { lead: LeadView; open: boolean; onClose(): void; onDone(l: LeadView): void }) {
  const users = useAsync((signal) => api<{ users: UserSummary[] }>("/api/users", { signal }), []);
  const [userId, setUserId] = useState(lead.userId ? String(lead.userId) : "");
  const options = [{ value: "pool", label: "Nobody (back to Open Leads)" }, ...(users.data?.users ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))];
  return (
    <WizardDialog
      open={open}
      title="Reassign lead"
      submitLabel="Reassign"
      onClose={onClose}
      canSubmit={userId !== "" && userId !== String(lead.userId ?? "")}
      blockedReason="Pick someone other than the current salesperson."
      onSubmit={async () => {
        onDone(await api<LeadView>(`/api/leads/${lead.id}/assign`, { method: "POST", body: { userId: userId === "pool" ? null : Number(userId) } }));
      }}
    >
      <div className="lead-wizard">
        {users.status === "error" && (
          <p className="uk-field__error" role="alert">
            Could not load users: {users.error}
          </p>
        )}
        <SelectField label="Salesperson" value={userId} placeholder={users.status === "loading" ? "Loading users…" : "Choose…"} options={options} onValue={setUserId} />
      </div>
    </WizardDialog>
  );
}
