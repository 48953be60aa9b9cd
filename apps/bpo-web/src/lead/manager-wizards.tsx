import { useState } from "react";
import { SelectField, TextAreaField, WizardDialog, useAsync } from "@crm/ui-kit";
import { type LeadView, type Stage, type UserSummary, api } from "../api";
import { submitForm } from "@crm/ui-kit";

/** Manager-only stage override for data repair (bpo-2 "Admin override"); the reason goes to the chatter. */
export function StageOverrideWizard({ lead, stages, open, onClose, onDone }: { lead: LeadView; stages: Stage[]; open: boolean; onClose(): void; onDone(l: LeadView): void }) {
  const [stageId, setStageId] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <WizardDialog
      open={open}
      title="Override stage"
      submitLabel="Override stage"
      onClose={onClose}
      canSubmit={stageId !== "" && reason.trim().length >= 5}
      blockedReason="Pick the stage and say why (at least 5 characters)."
      onSubmit={() =>
        submitForm(() => ({}), setErrors, async () => {
          onDone(await api<LeadView>(`/api/leads/${lead.id}/stage-override`, { method: "POST", body: { stageId: Number(stageId), reason: reason.trim() } }));
        })
      }
    >
      <div className="lead-wizard">
        <p className="lead-wizard-text">
          Bypasses the forward-only rule for data repair. If the lead only needs closing, use Mark as Won or Mark as Lost instead.
        </p>
        <SelectField
          label="New stage"
          required
          value={stageId}
          placeholder="Choose a stage…"
          options={stages.filter((s) => s.id !== lead.stageId).map((s) => ({ value: s.id, label: s.name }))}
          onValue={setStageId}
          error={errors.stageId}
        />
        <TextAreaField label="Reason" required value={reason} onValue={setReason} rows={2} error={errors.reason} hint="Recorded in the chatter with your name" />
      </div>
    </WizardDialog>
  );
}

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
