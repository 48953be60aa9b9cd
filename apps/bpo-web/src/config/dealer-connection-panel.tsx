import { type FormEvent, useEffect, useState } from "react";
import { ErrorState, Loading, TextField, useAsync, useToast } from "@crm/ui-kit";
import { ConfigPanel, ConnectionFormActions, RemoveConnectionDialog, StoredSecretField } from "@crm/ui-kit/src/config-section";
import { api, errorMessage } from "../api";
import { ConnectionChecks } from "./connection-checks";
import { type FieldErrors, fieldErrorsOf, formBannerOf, required } from "./form-errors";
import type { DealershipConnection, DealershipTestResult } from "./types";

const CHECK_LABEL: Record<string, string> = { reach: "Reach", authenticate: "Authenticate", contract: "Contract version" };

/** Where the dealership's CRM answers and the service key it issued to the BPO (sealed; never shown back). */
export function DealerConnectionPanel({ dealershipId }: { dealershipId: number }) {
  const toast = useToast();
  const conn = useAsync((signal) => api<DealershipConnection>(`/api/dealerships/${dealershipId}/connection`, { signal }), [dealershipId]);
  const [url, setUrl] = useState("");
  const [key, setKey] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<"save" | "test" | null>(null);
  const [test, setTest] = useState<DealershipTestResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [clearing, setClearing] = useState(false);
  useEffect(() => {
    if (conn.data) {
      setUrl(conn.data.url ?? "");
      setKey("");
    }
  }, [conn.data]);
  useEffect(() => {
    setTest(null);
    setFailure(null);
  }, [dealershipId]);

  const current = conn.data;
  if (!current) {
    return (
      <div className="cfg-panel">
        <h3>Dealer connection</h3>
        {conn.status === "error" ? <ErrorState message={conn.error} onRetry={conn.reload} /> : <Loading label="Loading the connection…" />}
      </div>
    );
  }
  const configured = Boolean(current.url && current.hasKey);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const local: FieldErrors = {};
    required(url, "Dealer URL is required", local, "url");
    if (!key && !current.hasKey) local.key = "Service key is required";
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy("save");
    setFailure(null);
    setTest(null);
    try {
      await api(`/api/dealerships/${dealershipId}/connection`, { method: "PUT", body: { url: url.trim(), ...(key ? { key: key.trim() } : {}) } });
      toast.show("Dealer connection saved. Use Test Connection to check it.", "success");
      conn.reload();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      // Field messages sit under their fields; the banner only points there.
      setFailure(Object.keys(fields).length > 0 ? formBannerOf(err, fields) : `Save failed: ${errorMessage(err)}`);
    } finally {
      setBusy(null);
    }
  };
  const runTest = async () => {
    setBusy("test");
    setFailure(null);
    setTest(null);
    try {
      setTest(await api<DealershipTestResult>(`/api/dealerships/${dealershipId}/connection/test`, { method: "POST" }));
    } catch (err) {
      setFailure(`Test Connection failed: ${errorMessage(err)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <ConfigPanel title="Dealer connection" configured={configured} hint="The dealership's CRM: endorsed leads and sale orders are sent here.">
      <form className="cfg-form" onSubmit={(e) => void save(e)} noValidate aria-label="Dealer connection">
        <TextField label="Dealer URL" required type="url" placeholder="https://makati.dealer.example" value={url} onValue={setUrl} error={errors.url} />
        <StoredSecretField
          label="Service key"
          stored={current.hasKey}
          value={key}
          onValue={setKey}
          error={errors.key}
          autoComplete="off"
          storedHint="A key is stored and never shown. Leave empty to keep it."
          newHint="The key the dealership's admin issued to the BPO."
        />
        <ConnectionFormActions configured={configured} busy={busy !== null} saving={busy === "save"} onRemove={() => setClearing(true)}>
          <button type="button" className="uk-button uk-button--secondary" disabled={busy !== null} onClick={() => void runTest()}>
            {busy === "test" ? "Testing…" : "Test Connection"}
          </button>
        </ConnectionFormActions>
      </form>
      <div className="cfg-outcome" role="region" aria-live="polite" aria-label="Dealer connection result">
        {test && <ConnectionChecks title="Test Connection" ok={test.ok} checks={test.checks.map((c) => ({ ...c, name: CHECK_LABEL[c.name] ?? c.name }))} />}
        {failure && (
          <p className="cfg-outcome__error" role="alert">
            {failure}
          </p>
        )}
      </div>
      <RemoveConnectionDialog
        open={clearing}
        what="dealer"
        onClose={() => setClearing(false)}
        onRemove={async () => {
          await api(`/api/dealerships/${dealershipId}/connection`, { method: "DELETE" });
          setTest(null);
          conn.reload();
          toast.show("Dealer connection removed.", "success");
        }}
      >
        Endorsements and Mark Won to this dealership fail until a connection is set again.
      </RemoveConnectionDialog>
    </ConfigPanel>
  );
}
