import { useState } from "react";
import { CheckboxField, SelectField, TextAreaField, TextField, WizardDialog } from "@crm/ui-kit";
import { type ActivityType, type CallResult, api } from "../api";
import { ACTIVITY_TYPES, CALL_RESULTS, todayIso } from "./lead-labels";
import { submitForm } from "@crm/ui-kit";

/** bpo-2 Log Call: duration, result, summary (to the chatter) and an optional next activity. */
export function LogCallWizard({ leadId, open, onClose, onDone }: { leadId: number; open: boolean; onClose(): void; onDone(): void }) {
  const [duration, setDuration] = useState("");
  const [result, setResult] = useState<CallResult | "">("");
  const [summary, setSummary] = useState("");
  const [withNext, setWithNext] = useState(false);
  const [nextType, setNextType] = useState<ActivityType>("call");
  const [nextSummary, setNextSummary] = useState("");
  const [nextDue, setNextDue] = useState(todayIso());
  const [errors, setErrors] = useState<Record<string, string>>({});
  // A field's red message goes as soon as the field is changed: it stays only while it is still true.
  const edit =
    <T,>(key: string, set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setErrors((e) => {
        if (!(key in e)) return e;
        const { [key]: _gone, ...rest } = e;
        return rest;
      });
    };

  const validate = () => {
    const e: Record<string, string> = {};
    if (duration.trim() === "") e.durationMinutes = "Duration is required (minutes)";
    else if (!/^\d+$/.test(duration.trim())) e.durationMinutes = "Duration is whole minutes";
    if (!result) e.result = "Call Result is required";
    if (!summary.trim()) e.summary = "Summary is required";
    if (withNext && !nextSummary.trim()) e["nextActivity.summary"] = "Summary is required";
    if (withNext && !nextDue) e["nextActivity.dueDate"] = "Due date is required";
    return e;
  };

  return (
    <WizardDialog
      open={open}
      title="Log Call"
      submitLabel="Log Call"
      onClose={onClose}
      onSubmit={() =>
        submitForm(validate, setErrors, async () => {
          await api(`/api/leads/${leadId}/call-logs`, {
            method: "POST",
            body: {
              durationMinutes: Number(duration),
              result,
              summary: summary.trim(),
              ...(withNext ? { nextActivity: { type: nextType, summary: nextSummary.trim(), dueDate: nextDue } } : {}),
            },
          });
          onDone();
        })
      }
    >
      <div className="lead-wizard">
        <div className="lead-wizard-row">
          <TextField label="Duration (minutes)" required type="number" min={0} max={600} step={1} inputMode="numeric" value={duration} onValue={edit("durationMinutes", setDuration)} error={errors.durationMinutes} />
          <SelectField label="Call Result" required value={result} placeholder="Choose…" options={CALL_RESULTS} onValue={edit("result", (v: string) => setResult(v as CallResult | ""))} error={errors.result} />
        </div>
        <TextAreaField label="Summary" required value={summary} onValue={edit("summary", setSummary)} rows={3} hint="Becomes a chatter message on the lead" error={errors.summary} maxLength={5000} />
        <CheckboxField label="Schedule a next activity" checked={withNext} onValue={setWithNext} />
        {withNext && (
          <div className="lead-wizard-sub">
            <div className="lead-wizard-row">
              <SelectField label="Next activity type" value={nextType} options={ACTIVITY_TYPES} onValue={(v) => setNextType(v as ActivityType)} />
              <TextField label="Due date" type="date" required value={nextDue} onValue={edit("nextActivity.dueDate", setNextDue)} error={errors["nextActivity.dueDate"]} />
            </div>
            <TextField label="Next activity summary" required value={nextSummary} onValue={edit("nextActivity.summary", setNextSummary)} maxLength={200} error={errors["nextActivity.summary"]} />
          </div>
        )}
      </div>
    </WizardDialog>
  );
}
