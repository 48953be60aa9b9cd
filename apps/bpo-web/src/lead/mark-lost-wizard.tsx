import { useState } from "react";
import { SelectField, TextAreaField, WizardDialog } from "@crm/ui-kit";
import { type LeadView, type LostReason, api } from "../api";
import { LOST_REASONS } from "./lead-labels";

/** bpo-2 Mark as Lost: a lead cannot be moved to Lost without a reason, so submitting waits for one. */
export function MarkLostWizard({ lead, open, onClose, onDone }: { lead: Pick<LeadView, "id" | "reference" | "contactName">; open: boolean; onClose(): void; onDone(l: LeadView): void }) {
  const [reason, setReason] = useState<LostReason | "">("");
  const [notes, setNotes] = useState("");
  return (
    <WizardDialog
      open={open}
      title={`Mark ${lead.reference} as Lost`}
      submitLabel="Mark as Lost"
      onClose={onClose}
      canSubmit={reason !== ""}
      blockedReason="Choose a Lost Reason first: a lead cannot be marked Lost without one."
      onSubmit={async () => {
        if (reason === "") throw new Error("Choose a Lost Reason first.");
        onDone(await api<LeadView>(`/api/leads/${lead.id}/mark-lost`, { method: "POST", body: { reason, notes } }));
      }}
    >
      <div className="lead-wizard">
        <p className="lead-wizard-text">
          {lead.contactName}'s lead moves to the Lost stage. Nothing is sent to a dealership; the reason and notes go to the chatter.
        </p>
        <SelectField label="Lost Reason" required value={reason} placeholder="Choose a reason…" options={LOST_REASONS} onValue={(v) => setReason(v as LostReason | "")} />
        <TextAreaField label="Notes" value={notes} onValue={setNotes} placeholder="What exactly happened?" rows={3} maxLength={5000} />
      </div>
    </WizardDialog>
  );
}
