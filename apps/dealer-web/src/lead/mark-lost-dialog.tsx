import { useState } from "react";
import { SelectField, TextAreaField, WizardDialog } from "@crm/ui-kit";
import { type Lead, api } from "../api";
import { useReferenceData } from "../reference-data";

/** Mark Lost wizard (dealer-2): a reason from the configured list is required; notes are optional. */
export function MarkLostDialog({ lead, open, onClose, onDone }: { lead: Pick<Lead, "id" | "reference">; open: boolean; onClose(): void; onDone(l: Lead): void }) {
  const { lostReasons } = useReferenceData();
  const [reason, setReason] = useState("");
  const [notes, setNotes] = useState("");
  const active = lostReasons.filter((r) => r.active);
  const close = () => {
    setReason("");
    setNotes("");
    onClose();
  };
  return (
    <WizardDialog
      open={open}
      title={`Mark ${lead.reference} as Lost`}
      submitLabel="Mark Lost"
      onClose={close}
      canSubmit={reason !== ""}
      blockedReason={active.length === 0 ? "No lost reasons are configured: ask an Admin to add one." : "Pick a Lost Reason to mark the lead Lost."}
      onSubmit={async () => {
        const l = await api<Lead>(`/api/leads/${lead.id}/mark-lost`, { method: "POST", body: { lostReasonId: Number(reason), notes } });
        onDone(l);
      }}
    >
      <SelectField label="Lost Reason" required value={reason} onValue={setReason} options={active.map((r) => ({ value: r.id, label: r.name }))} placeholder="Pick a reason" />
      <TextAreaField label="Notes" value={notes} onValue={setNotes} rows={3} hint="Added to the chatter and sent to the BPO for endorsed leads." />
    </WizardDialog>
  );
}
