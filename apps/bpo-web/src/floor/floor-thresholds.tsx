import { type FormEvent, useState } from "react";
import { type FieldErrors, TextField, submitForm, useToast } from "@crm/ui-kit";
import { api, errorMessage } from "../api";
import type { Thresholds } from "./floor-types";

const wholeMinutes = (v: string, label: string) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 ? null : `${label} must be whole minutes, at least 1`);

/** Manager-only: "claim within" and "first call within", in minutes. The server has the last word. */
export function FloorThresholdsForm({ current, onSaved }: { current: Thresholds; onSaved(): void }) {
  const [claim, setClaim] = useState(String(current.claimMinutes));
  const [firstCall, setFirstCall] = useState(String(current.firstCallMinutes));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const toast = useToast();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      await submitForm(
        () => {
          const out: FieldErrors = {};
          const a = wholeMinutes(claim, "Claim within");
          const b = wholeMinutes(firstCall, "First call within");
          if (a) out.claimMinutes = a;
          if (b) out.firstCallMinutes = b;
          return out;
        },
        setErrors,
        async () => {
          await api("/api/floor/thresholds", { method: "PUT", body: { claimMinutes: Number(claim), firstCallMinutes: Number(firstCall) } });
        },
      );
      toast.show("Floor thresholds saved.", "success");
      onSaved();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="calls-filters floor-thresholds" onSubmit={(e) => void save(e)} aria-label="Floor thresholds" noValidate>
      <TextField label="Claim within (min)" type="number" min={1} value={claim} onValue={setClaim} error={errors.claimMinutes} />
      <TextField label="First call within (min)" type="number" min={1} value={firstCall} onValue={setFirstCall} error={errors.firstCallMinutes} />
      <div className="calls-filters__buttons">
        <button type="submit" className="uk-button" disabled={saving}>
          {saving ? "Saving…" : "Save thresholds"}
        </button>
      </div>
      {failure && (
        <p className="calls-filters__error inline-error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
