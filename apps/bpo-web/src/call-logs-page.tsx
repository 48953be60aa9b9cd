import { type FormEvent, useEffect, useState } from "react";
import { Badge, DataTable, DateRangeFilter, ErrorState, Link, PageHeader, SelectField, TextField, filtersFrom, queryString, useAsync, useDocumentTitle, useFilterDraft, useLocation } from "@crm/ui-kit";
import { useBusinessTimeZone } from "./business-time-zone";
import { type CallResult, type LeadCallLog as CallLog, type User, api, errorMessage } from "./api";

const RESULTS: { value: CallResult; label: string }[] = [
  { value: "answered", label: "Answered" },
  { value: "no_answer", label: "No Answer" },
  { value: "busy", label: "Busy" },
  { value: "voicemail", label: "Voicemail" },
  { value: "wrong_number", label: "Wrong Number" },
];
const RESULT_LABEL = Object.fromEntries(RESULTS.map((r) => [r.value, r.label])) as Record<CallResult, string>;
const RESULT_TONE: Record<CallResult, "success" | "warning" | "neutral" | "info"> = { answered: "success", no_answer: "warning", busy: "warning", voicemail: "info", wrong_number: "neutral" };
const PAGE = 50;
const FILTER_KEYS = ["userId", "leadId", "result", "from", "to"] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

/** BPO CRM → Call Logs (bpo-2): every logged call, newest first, filtered by agent, lead, result and date. Agents see their own. */
export function CallLogsPage({ user }: { user: User }) {
  useDocumentTitle("Call Logs", "BPO CRM");
  const { search } = useLocation();
  const applied = filtersFrom(FILTER_KEYS, search);
  const appliedKey = queryString(applied);
  const seesAll = user.role !== "agent";

  const first = useAsync((signal) => api<{ callLogs: CallLog[] }>(`/api/call-logs${queryString({ ...applied, limit: PAGE })}`, { signal }), [appliedKey]);
  const [more, setMore] = useState<CallLog[]>([]);
  const [moreDone, setMoreDone] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    setMore([]);
    setMoreDone(false);
    setMoreError(null);
  }, [appliedKey]);

  const rows = [...(first.data?.callLogs ?? []), ...more];
  // Keyset paging (beforeId): a full page means there may be more; a short one is the end.
  const firstFull = first.status === "ready" && first.data.callLogs.length === PAGE;
  const hasMore = !moreDone && (more.length > 0 || firstFull);

  const loadMore = async () => {
    const last = rows[rows.length - 1];
    if (!last) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api<{ callLogs: CallLog[] }>(`/api/call-logs${queryString({ ...applied, beforeId: last.id, limit: PAGE })}`);
      setMore((m) => [...m, ...page.callLogs]);
      if (page.callLogs.length < PAGE) setMoreDone(true);
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const filtered = FILTER_KEYS.some((k) => applied[k]);
  return (
    <>
      <PageHeader title="Call Logs" subtitle={seesAll ? "Every call logged on a lead, newest first." : "The calls you logged, newest first."} />
      <CallLogFilters applied={applied} seesAll={seesAll} />
      {first.status === "error" && <ErrorState message={first.error} onRetry={first.reload} />}
      <DataTable
        label="Call logs"
        rows={rows}
        loading={first.status === "loading"}
        rowKey={(c) => c.id}
        emptyText={filtered ? "No call matches these filters." : "No calls logged yet. Use Log Call on a lead you work."}
        columns={[
          { key: "when", header: "Date", render: (c) => new Date(c.createdAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) },
          {
            key: "lead",
            header: "Lead",
            text: true,
            render: (c) => (
              <Link to={`/leads/${c.leadId}`} className="calls-lead">
                <span className="calls-lead__ref">{c.leadReference}</span> {c.contactName}
              </Link>
            ),
          },
          { key: "agent", header: "Agent", render: (c) => c.userName },
          { key: "result", header: "Result", render: (c) => <Badge tone={RESULT_TONE[c.result]}>{RESULT_LABEL[c.result] ?? c.result}</Badge> },
          { key: "duration", header: "Duration", numeric: true, render: (c) => `${c.durationMinutes} min` },
          { key: "summary", header: "Summary", text: true, render: (c) => <span className="calls-summary">{c.summary}</span> },
        ]}
      />
      <div className="calls-more">
        {moreError && (
          <p className="inline-error" role="alert">
            Could not load more: {moreError}
          </p>
        )}
        {hasMore && (
          <button type="button" className="uk-button uk-button--secondary" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        )}
        {rows.length > 0 && !hasMore && first.status === "ready" && <p className="uk-muted">{rows.length === 1 ? "1 call" : `${rows.length} calls`} shown — that is all.</p>}
      </div>
    </>
  );
}

/** The filter form: edits locally, applies to the URL on submit (so a filtered list can be shared or reloaded). */
function CallLogFilters({ applied, seesAll }: { applied: Filters; seesAll: boolean }) {
  const { draft: f, setDraft: setF, go: goTo } = useFilterDraft(applied);
  const [error, setError] = useState<string | null>(null);
  const timeZone = useBusinessTimeZone();
  const agents = useAsync((signal) => (seesAll ? api<{ users: User[] }>("/api/users", { signal }).then((r) => r.users) : Promise.resolve([])), [seesAll]);
  const set = (k: keyof Filters) => (v: string) => setF((x) => ({ ...x, [k]: v }));

  const go = (next: Filters) => goTo(`/call-logs${queryString({ ...next, leadId: next.leadId.trim() })}`, next);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (f.leadId && !/^\d+$/.test(f.leadId.trim())) return setError("Lead ID is the number in the lead's address (/leads/42 → 42).");
    if (f.from && f.to && f.from > f.to) return setError("The From date is after the To date.");
    setError(null);
    go(f);
  };
  const clear = () => {
    setError(null);
    go(filtersFrom(FILTER_KEYS));
  };

  return (
    <form className="calls-filters" onSubmit={apply} aria-label="Filter call logs" noValidate>
      {seesAll && (
        <SelectField
          label="Agent"
          value={f.userId}
          placeholder={agents.status === "loading" ? "Loading agents…" : "All agents"}
          options={(agents.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          onValue={set("userId")}
          error={agents.status === "error" ? `Agents could not be loaded: ${agents.error}` : undefined}
        />
      )}
      <SelectField label="Result" value={f.result} placeholder="Any result" options={RESULTS} onValue={set("result")} />
      <DateRangeFilter
        label="Call date"
        anyDate
        timeZone={timeZone}
        value={{ from: f.from, to: f.to }}
        // A preset applies at once (with the other filters as edited); typed dates wait for Apply filters.
        onChange={(range, preset) => {
          setF((x) => ({ ...x, ...range }));
          if (preset !== "custom") go({ ...f, ...range });
        }}
      />
      <TextField label="Lead ID" inputMode="numeric" value={f.leadId} onValue={set("leadId")} placeholder="e.g. 42" />
      <div className="calls-filters__buttons">
        <button type="submit" className="uk-button">
          Apply filters
        </button>
        {FILTER_KEYS.some((k) => applied[k]) && (
          <button type="button" className="uk-button uk-button--secondary" onClick={clear}>
            Clear
          </button>
        )}
      </div>
      {error && (
        <p className="calls-filters__error inline-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
