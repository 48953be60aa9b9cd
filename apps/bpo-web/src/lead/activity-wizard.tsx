import { useState } from "react";
import { SelectField, TextAreaField, TextField, WizardDialog } from "@crm/ui-kit";
import { type ActivityType, api } from "../api";
import { ACTIVITY_TYPES, todayIso } from "./lead-labels";
import { submitForm } from "@crm/ui-kit";

/**
 * Schedule Visit (bpo-2: a calendar activity for an on-site or showroom visit) and the general
 * "Schedule activity" of the activities panel (call, visit or task).
 */
export function ActivityWizard({ leadId, visit, open, onClose, onDone }: { leadId: number; visit: boolean; open: boolean; onClose(): void; onDone(): void }) {
  const [type, setType] = useState<ActivityType>(visit ? "visit" : "call");
  const [summary, setSummary] = useState(visit ? "Showroom visit" : "");
  const [dueDate, setDueDate] = useState(todayIso());
  // A visit is booked for a time (the business time zone's clock); other activities may give one.
  const [dueTime, setDueTime] = useState(visit ? "10:00" : "");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const validate = () => {
    const e: Record<string, string> = {};
    if (!summary.trim()) e.summary = "Summary is required";
    if (!dueDate) e.dueDate = visit ? "Visit date is required" : "Due date is required";
    if (visit && !dueTime) e.dueTime = "Visit time is required";
    return e;
  };
  return (
    <WizardDialog
      open={open}
      title={visit ? "Schedule Visit" : "Schedule activity"}
      submitLabel={visit ? "Schedule Visit" : "Schedule"}
      onClose={onClose}
      onSubmit={() =>
        submitForm(validate, setErrors, async () => {
          const body = { summary: summary.trim(), dueDate, dueTime: dueTime || null, note: note.trim() || null };
          if (visit) await api(`/api/leads/${leadId}/schedule-visit`, { method: "POST", body });
          else await api(`/api/leads/${leadId}/activities`, { method: "POST", body: { ...body, type } });
          onDone();
        })
      }
    >
      <div className="lead-wizard">
        {!visit && <SelectField label="Activity type" value={type} options={ACTIVITY_TYPES} onValue={(v) => setType(v as ActivityType)} />}
        <div className="lead-wizard-row">
          <TextField label={visit ? "Visit date" : "Due date"} type="date" required value={dueDate} onValue={setDueDate} error={errors.dueDate} />
          <TextField label={visit ? "Visit time" : "Time"} type="time" required={visit} value={dueTime} onValue={setDueTime} error={errors.dueTime} hint={visit ? "Business time zone (the showroom's clock)" : "Optional"} />
        </div>
        <TextField label="Summary" required value={summary} onValue={setSummary} maxLength={200} error={errors.summary} />
        <TextAreaField label="Note" value={note} onValue={setNote} rows={2} maxLength={5000} hint={visit ? "Showroom or address, who the customer meets" : undefined} />
      </div>
    </WizardDialog>
  );
}
