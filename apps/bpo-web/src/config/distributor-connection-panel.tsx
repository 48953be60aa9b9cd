import { type FormEvent, useEffect, useState } from "react";
import { ErrorState, Loading, TextField, WizardDialog, useAsync, useToast } from "@crm/ui-kit";
import { ConfigPanel, ConnectionFormActions, RemoveConnectionDialog, StoredSecretField } from "@crm/ui-kit/src/config-section";
import { ApiError, api, errorMessage } from "../api";
import { ConnectionChecks } from "./connection-checks";
import { type FieldErrors, fieldErrorsOf, formBannerOf, formatDateTime, required } from "./form-errors";
import type { CatalogSyncResult, DistributorConnection, DistributorTestResult, SyncRun } from "./types";

type Outcome =
  | { kind: "test"; result: DistributorTestResult }
  | { kind: "catalog"; label: string; result: CatalogSyncResult }
  | { kind: "run"; run: SyncRun }
  | { kind: "error"; action: string; message: string };

type Action = "save" | "test" | "dealers" | "models" | "run";

/**
 * Brand form → Distributor Connection (bpo-1): where the brand's Odoo 12 is and how to log in. The stored
 * password never comes back; an empty password field keeps it.
 */
export function DistributorConnectionPanel({ brandId, onCatalogSynced, onRunRecorded }: { brandId: number; onCatalogSynced(): void; onRunRecorded(): void }) {
  const toast = useToast();
  const conn = useAsync((signal) => api<DistributorConnection>(`/api/brands/${brandId}/distributor`, { signal }), [brandId]);
  const [url, setUrl] = useState("");
  const [db, setDb] = useState("");
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [dealerModel, setDealerModel] = useState("");
  const [vehicleModel, setVehicleModel] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<Action | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [clearing, setClearing] = useState(false);
  /** The server's account of what switching to another distributor does, until the Manager confirms or cancels. */
  const [moving, setMoving] = useState<string | null>(null);

  const current = conn.data;
  useEffect(() => {
    if (!current) return;
    setUrl(current.url ?? "");
    setDb(current.db ?? "");
    setLogin(current.login ?? "");
    setPassword("");
    setDealerModel(current.dealerModelName);
    setVehicleModel(current.vehicleModelModelName);
  }, [current]);
  useEffect(() => setOutcome(null), [brandId]);

  if (!current) {
    return (
      <div className="cfg-panel">
        <h3>Distributor connection</h3>
        {conn.status === "error" ? <ErrorState message={conn.error} onRetry={conn.reload} /> : <Loading label="Loading the connection…" />}
      </div>
    );
  }

  const body = (confirmDistributorChange: boolean) => ({
    url: url.trim(),
    db: db.trim(),
    login: login.trim(),
    ...(password ? { password } : {}),
    ...(dealerModel.trim() ? { dealerModelName: dealerModel.trim() } : {}),
    ...(vehicleModel.trim() ? { vehicleModelModelName: vehicleModel.trim() } : {}),
    ...(confirmDistributorChange ? { confirmDistributorChange: true } : {}),
  });
  const saved = () => {
    toast.show("Distributor connection saved. Use Test Connection to check it.", "success");
    conn.reload();
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const local: FieldErrors = {};
    required(url, "Distributor URL is required", local, "url");
    required(db, "Database is required", local, "db");
    required(login, "Login is required", local, "login");
    if (!password && !current.hasPassword) local.password = "Password is required";
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy("save");
    setOutcome(null);
    try {
      await api<DistributorConnection>(`/api/brands/${brandId}/distributor`, { method: "PUT", body: body(false) });
      saved();
    } catch (err) {
      if (err instanceof ApiError && err.code === "distributor_change_unconfirmed") {
        setMoving(err.message);
        return;
      }
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      setOutcome({ kind: "error", action: "Save connection", message: formBannerOf(err, fields) });
    } finally {
      setBusy(null);
    }
  };

  const act = async (action: Exclude<Action, "save">, label: string, path: string) => {
    setBusy(action);
    setOutcome(null);
    try {
      if (action === "test") setOutcome({ kind: "test", result: await api<DistributorTestResult>(path, { method: "POST" }) });
      else if (action === "run") {
        setOutcome({ kind: "run", run: await api<SyncRun>(path, { method: "POST" }) });
        onRunRecorded();
      } else {
        setOutcome({ kind: "catalog", label, result: await api<CatalogSyncResult>(path, { method: "POST" }) });
        onCatalogSynced();
      }
    } catch (err) {
      setOutcome({ kind: "error", action: label, message: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };
  const base = `/api/brands/${brandId}/distributor`;
  const button = (action: Exclude<Action, "save">, label: string, path: string, working: string, secondary = true) => (
    <button type="button" className={`uk-button${secondary ? " uk-button--secondary" : ""}`} disabled={busy !== null} onClick={() => void act(action, label, path)}>
      {busy === action ? working : label}
    </button>
  );

  return (
    <ConfigPanel title="Distributor connection" configured={current.configured} hint="The distributor's Odoo 12 server this brand's web quotations and test drives are pulled from.">
      <form className="cfg-form" onSubmit={(e) => void save(e)} noValidate aria-label="Distributor connection">
        <div className="cfg-form-grid">
          <TextField label="Distributor URL" required type="url" placeholder="https://distributor.example.com" value={url} onValue={setUrl} error={errors.url} />
          <TextField label="Database" required value={db} onValue={setDb} error={errors.db} />
          <TextField label="Login" required value={login} onValue={setLogin} error={errors.login} autoComplete="off" />
          <StoredSecretField
            label="Password or API key"
            stored={current.hasPassword}
            value={password}
            onValue={setPassword}
            error={errors.password}
            autoComplete="new-password"
            storedHint="A password is stored and never shown. Leave empty to keep it."
            newHint="Stored encrypted; it is never shown again."
          />
        </div>
        <details className="cfg-details">
          <summary>Remote catalogue models</summary>
          <div className="cfg-form-grid">
            <TextField label="Dealer model" value={dealerModel} onValue={setDealerModel} error={errors.dealerModelName} hint="Read by Sync Dealers" />
            <TextField label="Vehicle model model" value={vehicleModel} onValue={setVehicleModel} error={errors.vehicleModelModelName} hint="Read by Sync Vehicle Models" />
          </div>
        </details>
        <ConnectionFormActions configured={current.configured} busy={busy !== null} saving={busy === "save"} onRemove={() => setClearing(true)} />
      </form>
      {current.configured ? (
        <div className="cfg-tools" role="group" aria-label="Distributor tools">
          {button("test", "Test Connection", `${base}/test`, "Testing…")}
          {button("dealers", "Sync Dealers", `${base}/sync-dealers`, "Syncing dealers…")}
          {button("models", "Sync Vehicle Models", `${base}/sync-vehicle-models`, "Syncing models…")}
          {button("run", "Sync now", `${base}/sync-now`, "Syncing leads…")}
        </div>
      ) : (
        <p className="cfg-panel__hint cfg-tools-hint">Test Connection and the sync buttons appear once URL, database, login and password are saved.</p>
      )}
      <div className="cfg-outcome" aria-live="polite" aria-label="Distributor connection result" role="region">
        {outcome && <OutcomeView outcome={outcome} />}
      </div>
      <RemoveConnectionDialog
        open={clearing}
        what="distributor"
        onClose={() => setClearing(false)}
        onRemove={async () => {
          await api(base, { method: "DELETE" });
          setOutcome(null);
          conn.reload();
          toast.show("Distributor connection removed: the scheduled sync skips this brand now.", "success");
        }}
      >
        The scheduled sync stops importing leads for this brand until a connection is set again. The stored password is erased.
      </RemoveConnectionDialog>
      <WizardDialog
        open={moving !== null}
        title="Switch this brand to another distributor?"
        submitLabel="Switch distributor"
        onClose={() => setMoving(null)}
        onSubmit={async () => {
          await api<DistributorConnection>(`/api/brands/${brandId}/distributor`, { method: "PUT", body: body(true) });
          setMoving(null);
          saved();
        }}
      >
        <p className="cfg-dialog-text">{moving}</p>
      </WizardDialog>
    </ConfigPanel>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === "test") return <ConnectionChecks title="Test Connection" ok={outcome.result.ok} checks={outcome.result.checks.map((c) => ({ name: c.check, ok: c.ok, detail: c.message }))} />;
  if (outcome.kind === "error")
    return (
      <p className="cfg-outcome__error" role="alert">
        <strong>{outcome.action} failed:</strong> {outcome.message}
      </p>
    );
  if (outcome.kind === "catalog")
    return (
      <p className="cfg-outcome__ok" role="status">
        <strong>{outcome.label}:</strong> read {outcome.result.fetched} record(s) from <code>{outcome.result.model}</code>; {outcome.result.linked} linked locally.
      </p>
    );
  const r = outcome.run;
  return (
    <div className={r.status === "failed" ? "cfg-outcome__error" : "cfg-outcome__ok"} role={r.status === "failed" ? "alert" : "status"}>
      <strong>Sync now {r.status === "succeeded" ? "finished" : r.status}</strong> ({formatDateTime(r.startedAt)}): fetched {r.fetched}, created {r.created}, deduplicated{" "}
      {r.deduplicated}, skipped {r.skipped}, failed {r.failed}.{r.error && <> Error: {r.error}</>}
    </div>
  );
}
