import { type FormEvent, useEffect, useState } from "react";
import { ErrorState, Loading, TextField, useAsync, useToast } from "@crm/ui-kit";
import { api, errorMessage } from "../api";
import { fieldErrorsOf } from "./form-errors";
import type { SyncSettings } from "./types";

/** bpo-1 Schedule: one interval for every brand (stored on the scheduled action, not per brand). */
export function SyncSettingsPanel({ onSaved }: { onSaved(): void }) {
  const toast = useToast();
  const settings = useAsync((signal) => api<SyncSettings>("/api/distributor-sync/settings", { signal }), []);
  const [minutes, setMinutes] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (settings.data) setMinutes(String(settings.data.intervalMinutes));
  }, [settings.data]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < 1 || n > 1440) {
      setError("Enter a whole number of minutes between 1 and 1440.");
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api<SyncSettings>("/api/distributor-sync/settings", { method: "PUT", body: { intervalMinutes: n } });
      toast.show(`The distributor sync now runs every ${saved.intervalMinutes} minute(s).`, "success");
      settings.reload();
      onSaved();
    } catch (err) {
      setError(fieldErrorsOf(err).intervalMinutes ?? errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="cfg-panel">
      <h3>Scheduled sync</h3>
      {settings.status === "error" && <ErrorState message={settings.error} onRetry={settings.reload} />}
      {!settings.data && settings.status === "loading" && <Loading label="Loading the schedule…" />}
      {settings.data && (
        <form className="cfg-inline-form" onSubmit={(e) => void save(e)} noValidate aria-label="Sync interval">
          <p className="cfg-panel__hint">
            <strong>{settings.data.jobName}</strong> pulls new web quotations and test drives from every brand with a working connection.
          </p>
          <div className="cfg-inline-form__row">
            <TextField label="Interval (minutes)" type="number" min={1} max={1440} value={minutes} onValue={setMinutes} error={error} className="uk-input cfg-input--short" />
            <button type="submit" className="uk-button" disabled={saving}>
              {saving ? "Saving…" : "Save interval"}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
