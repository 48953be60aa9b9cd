import { useEffect } from "react";
import { Chatter, type ChatterMessage, useAsync } from "@crm/ui-kit";
import { api } from "./api";

/**
 * A record's chatter loaded from `url` (GET …/messages). `postUrl` enables the note composer. `version`
 * changes whenever the record changed, so the history re-reads after each action.
 */
export function RecordChatter({ url, postUrl, version }: { url: string; postUrl?: string; version: number }) {
  const state = useAsync((signal) => api<{ messages: ChatterMessage[] }>(url, { signal }), [url]);
  const { reload } = state;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  // A tracking line's body repeats its change list (the server writes both for other readers): show the list only.
  const messages = (state.data?.messages ?? []).map((m) => (m.kind === "tracking" && m.changes && m.changes.length > 0 ? { ...m, body: "" } : m));
  const post = postUrl
    ? async (body: string) => {
        await api(postUrl, { method: "POST", body: { body } });
        reload();
      }
    : undefined;
  return (
    <div className="record-chatter">
      <Chatter messages={messages} loading={state.status === "loading"} error={state.status === "error" ? `Could not load the history: ${state.error}` : null} onPost={post} />
      {state.status === "error" && (
        <button type="button" className="uk-button uk-button--secondary" onClick={reload}>
          Try again
        </button>
      )}
    </div>
  );
}
