import { type FormEvent, useEffect, useState } from "react";
import { TextField, useAsync, useToast } from "@crm/ui-kit";
import { type BpoConnection, type TestConnectionResult, api, errorMessage } from "../api";
import { type FieldErrors, fieldErrorsOf, formBannerOf } from "@crm/ui-kit";
import { formatDateTime } from "../format";
import { Section } from "./section";

/**
 * The BPO this dealership reports Won/Lost to (dealer-1). The stored key is never shown back: the field is
 * always empty and saving needs the key again, so a secret never round-trips through the browser.
 */
export function BpoConnectionSection() {
  const toast = useToast();
  const state = useAsync((signal) => api<BpoConnection>("/api/bpo-connection", { signal }), []);
  const [url, setUrl] = useState("");
  const [key, setKey] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestConnectionResult | null>(null);
  useEffect(() => {
    if (state.status === "ready") setUrl(state.data.url ?? "");
  }, [state.status, state.data]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!/^https?:\/\/\S+$/i.test(url.trim())) local.url = "Enter the BPO's base URL, e.g. https://bpo.example.com";
    if (key.trim().length < 8) local.key = "Paste the service key the BPO issued to this dealership";
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    try {
      await api<BpoConnection>("/api/bpo-connection", { method: "PUT", body: { url: url.trim(), key: key.trim() } });
      setKey("");
      setResult(null);
      toast.show("BPO connection saved.", "success");
      state.reload();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      setFormError(formBannerOf(err, fields));
    } finally {
      setSaving(false);
    }
  };
  const test = async () => {
    setTesting(true);
    setResult(null);
    try {
      setResult(await api<TestConnectionResult>("/api/bpo-connection/test", { method: "POST" }));
    } catch (e) {
      setResult({ ok: false, message: errorMessage(e), latencyMs: 0 });
    } finally {
      setTesting(false);
    }
  };

  return (
    <Section
      title="BPO connection"
      intro="Where Won/Lost outcomes of endorsed leads are sent back, with the key the BPO issued to this dealership."
      state={state}
      render={(c) => (
        <>
          <p className="connection-state">
            {c.configured ? (
              <>
                Configured: <strong>{c.url}</strong> · key stored (hidden) · last changed {formatDateTime(c.updatedAt)}. Use Test Connection to check it answers.
              </>
            ) : (
              "Not configured yet: outcomes of endorsed leads wait until it is."
            )}
          </p>
          <form className="connection-form" onSubmit={(e) => void save(e)} noValidate>
            <TextField label="BPO URL" required type="url" value={url} onValue={setUrl} error={errors.url} placeholder="https://bpo.example.com" />
            <TextField
              label="Service key"
              required
              type="password"
              autoComplete="off"
              value={key}
              onValue={setKey}
              error={errors.key}
              placeholder={c.hasKey ? "Stored — paste a key to replace it" : "Paste the key issued by the BPO"}
              hint="Never shown again once saved."
            />
            {formError && (
              <p className="form-error" role="alert">
                {formError}
              </p>
            )}
            <div className="form-footer form-footer--start">
              <button type="submit" className="uk-button" disabled={saving}>
                {saving ? "Saving…" : "Save connection"}
              </button>
              <button type="button" className="uk-button uk-button--secondary" onClick={() => void test()} disabled={testing || !c.configured}>
                {testing ? "Testing…" : "Test Connection"}
              </button>
              {!c.configured && <span className="uk-muted">Save a connection to test it.</span>}
            </div>
          </form>
          {result && (
            <p className={`test-result test-result--${result.ok ? "ok" : "failed"}`} role={result.ok ? "status" : "alert"}>
              <strong>{result.ok ? "Connection works." : "Connection failed."}</strong> {result.message.replace(/^Connection failed: /, "")}
              {result.latencyMs > 0 && <span className="uk-muted"> ({result.latencyMs} ms)</span>}
            </p>
          )}
        </>
      )}
    />
  );
}
