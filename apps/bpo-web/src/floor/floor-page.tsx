import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DataTable, DateRangeFilter, ErrorState, Link, Loading, PageHeader, navigate, presetRange, todayIn, queryString, useDocumentTitle, useLiveEvents, useLocation } from "@crm/ui-kit";
import { type User, api, errorMessage } from "../api";
import { LEAD_EVENT_KINDS, type LeadLiveEvent } from "../live-board-events";
import { FloorChart } from "./floor-chart";
import { FLOOR_LIVE_EMPTY, type FloorLive, floorChange, floorShown, withEvent, withSnapshot } from "./floor-live";
import { FloorThresholdsForm } from "./floor-thresholds";
import { type FloorSummary, type MetricTimes, type ResponseWindow, type Times, duration } from "./floor-types";
import "./floor.css";

/** A supervisor view: at most one refetch a second however busy the floor is. */
const REFRESH_GAP_MS = 1000;
/** Ages and breaches move with the clock even when nothing happens. */
const IDLE_REFRESH_MS = 60_000;

const CALL_RESULTS: [string, string][] = [
  ["answered", "Answered"],
  ["no_answer", "No answer"],
  ["busy", "Busy"],
  ["voicemail", "Voicemail"],
  ["wrong_number", "Wrong no."],
];

const times = (t: Times) =>
  t ? (
    <span title={`${t.count} leads`}>
      {duration(t.medianSeconds)} <span className="uk-muted">/ {duration(t.p90Seconds)}</span>
    </span>
  ) : (
    <span className="uk-muted">—</span>
  );

function timeColumns<T extends MetricTimes>() {
  return [
    { key: "claim", header: "Intake → claim", numeric: true, render: (r: T) => times(r.claim) },
    { key: "first_call", header: "Claim → first call", numeric: true, render: (r: T) => times(r.first_call) },
    { key: "settle", header: "First call → endorse or close", numeric: true, render: (r: T) => times(r.settle) },
    { key: "n", header: "Leads (claimed / called / settled)", numeric: true, render: (r: T) => `${r.claim?.count ?? 0} / ${r.first_call?.count ?? 0} / ${r.settle?.count ?? 0}` },
  ];
}

/** Holds a refetch that runs now, or as soon as the last one is a second old. */
function useThrottledReload(reload: () => void) {
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);
  return useCallback(() => {
    if (pending.current) return;
    const wait = last.current + REFRESH_GAP_MS - Date.now();
    const run = () => {
      pending.current = null;
      last.current = Date.now();
      reload();
    };
    if (wait <= 0) run();
    else pending.current = setTimeout(run, wait);
  }, [reload]);
}

/**
 * Floor (issue 16): the Supervisor's live view of the pool, response times, agents today and threshold
 * breaches. A lead event patches what it tells (waiting per brand, a claim) at once, then refetches the summary
 * (throttled) for the rest; see floor-live.ts.
 */
export function FloorPage({ user }: { user: User }) {
  useDocumentTitle("Floor", "BPO CRM");
  const { search } = useLocation();
  const from = search.get("from") ?? "";
  const to = search.get("to") ?? "";
  const windowKey = search.get("window") ?? (from && to ? "range" : "today");
  const query = queryString({ from: from && to ? from : "", to: from && to ? to : "" });
  const [floor, setFloor] = useState<FloorLive>(FLOOR_LIVE_EMPTY);
  const data = useMemo(() => floorShown(floor), [floor]);
  /** Lead events arrived so far (each request notes how many it follows). */
  const events = useRef(0);
  const [error, setError] = useState<string | null>(null);
  const allowed = user.role !== "agent";

  const load = useCallback(() => {
    if (!allowed) return;
    const sentAfter = events.current;
    api<FloorSummary>(`/api/floor${query}`)
      .then((d) => {
        setFloor((f) => withSnapshot(f, d, sentAfter));
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [query, allowed]);
  useEffect(load, [load]);
  useEffect(() => {
    const t = setInterval(load, IDLE_REFRESH_MS);
    return () => clearInterval(t);
  }, [load]);
  const refresh = useThrottledReload(load);
  // The event's own counts now; the rest of the summary (an aggregate the events do not carry) by a throttled refetch.
  const live = useLiveEvents(LEAD_EVENT_KINDS, (_name, d) => {
    if (!allowed) return;
    const seq = ++events.current;
    refresh();
    const change = floorChange(d as LeadLiveEvent<unknown>, seq);
    setFloor((f) => withEvent(f, change));
  });

  if (!allowed) {
    return (
      <div className="uk-page-state" role="alert">
        <h1>Supervisors and Managers only</h1>
        <p>The floor shows every agent's work.</p>
      </div>
    );
  }
  const header = (
    <PageHeader
      title="Floor"
      subtitle={
        <>
          {data ? `Business day ${data.today} (${data.timeZone}) · updated ${new Date(data.generatedAt).toLocaleTimeString()}` : "Live view of the lead pool and the agents."}
          <span className={`live-indicator${live ? " live-indicator--on" : ""}`} role="status">
            {live ? "Live updates on" : "Connecting live updates…"}
          </span>
        </>
      }
    />
  );
  if (!data) return <>{header}{error ? <ErrorState message={`Could not load the floor: ${error}`} onRetry={load} /> : <Loading label="Loading the floor…" />}</>;

  const rt = data.responseTimes;
  const shown: ResponseWindow = windowKey === "range" && rt.range ? rt.range : windowKey === "7d" ? rt.last7Days : rt.today;
  return (
    <>
      {header}
      {error && (
        <p className="inline-error" role="alert">
          Refresh failed: {error}
        </p>
      )}
      <section aria-labelledby="floor-brands" className="floor-section">
        <h2 id="floor-brands" className="uk-section-title">
          Waiting by brand
        </h2>
        <DataTable
          label="Waiting leads by brand"
          rows={data.brands}
          rowKey={(b) => b.brandId}
          emptyText="No brands are configured."
          columns={[
            { key: "brand", header: "Brand", render: (b) => b.name },
            { key: "waiting", header: "Waiting", numeric: true, render: (b) => <strong data-testid={`waiting-${b.brandId}`}>{b.waiting}</strong> },
            {
              key: "oldest",
              header: "Oldest waiting",
              numeric: true,
              render: (b) =>
                b.oldestWaitingMinutes === null ? (
                  <span className="uk-muted">—</span>
                ) : (
                  <span className={b.oldestWaitingMinutes > data.thresholds.claimMinutes ? "floor-late" : undefined}>{duration(b.oldestWaitingMinutes * 60)}</span>
                ),
            },
            { key: "imported", header: "Imported today", numeric: true, render: (b) => b.importedToday },
            { key: "created", header: "Created today", numeric: true, render: (b) => b.createdToday },
          ]}
        />
      </section>

      <section aria-labelledby="floor-chart" className="floor-section">
        <h2 id="floor-chart" className="uk-section-title">
          Today, hour by hour
        </h2>
        <FloorChart chart={data.chart} />
      </section>

      <section aria-labelledby="floor-agents" className="floor-section">
        <h2 id="floor-agents" className="uk-section-title">
          Agents today
        </h2>
        <DataTable
          label="Agents today"
          rows={data.agents}
          rowKey={(a) => a.userId}
          emptyText="No agents."
          columns={[
            { key: "agent", header: "Agent", render: (a) => <Link to={`/pipeline?user=${a.userId}`}>{a.name}</Link> },
            { key: "claims", header: "Claims", numeric: true, render: (a) => <span data-testid={`claims-${a.userId}`}>{a.claims}</span> },
            { key: "calls", header: "Calls", numeric: true, render: (a) => a.callsTotal },
            ...CALL_RESULTS.map(([k, label]) => ({ key: `call-${k}`, header: label, numeric: true, render: (a: FloorSummary["agents"][number]) => a.calls[k] ?? 0 })),
            { key: "overdue", header: "Activities overdue", numeric: true, render: (a) => <span className={a.overdueActivities ? "floor-late" : undefined}>{a.overdueActivities}</span> },
            { key: "endorsed", header: "Endorsed", numeric: true, render: (a) => a.endorsements },
            { key: "won", header: "Won", numeric: true, render: (a) => a.won },
            { key: "lost", header: "Lost", numeric: true, render: (a) => a.lost },
          ]}
        />
      </section>

      <section aria-labelledby="floor-breaches" className="floor-section">
        <h2 id="floor-breaches" className="uk-section-title">
          Past the thresholds
        </h2>
        <p role="status" className="board-summary">
          {data.breaches.claim} waiting longer than {data.thresholds.claimMinutes} min · {data.breaches.firstCall} claimed and not called within {data.thresholds.firstCallMinutes} min
        </p>
        <DataTable
          label="Leads past the thresholds"
          rows={data.breaches.leads}
          rowKey={(b) => `${b.kind}-${b.leadId}`}
          emptyText="Every lead is within the thresholds."
          columns={[
            { key: "lead", header: "Lead", text: true, render: (b) => <Link to={`/leads/${b.leadId}`}>{`${b.reference} ${b.contactName}`}</Link> },
            { key: "kind", header: "Late for", render: (b) => <span className="uk-pill uk-pill--overdue">{b.kind === "claim" ? "Claim" : "First call"}</span> },
            { key: "brand", header: "Brand", render: (b) => b.brandName },
            { key: "agent", header: "Agent", render: (b) => b.userName ?? <span className="uk-muted">Unclaimed</span> },
            { key: "over", header: "Over by", numeric: true, render: (b) => duration(b.minutesOver * 60) },
          ]}
        />
        {user.role === "manager" ? (
          <FloorThresholdsForm current={data.thresholds} onSaved={load} />
        ) : (
          <p className="uk-muted">Thresholds: claim within {data.thresholds.claimMinutes} min, first call within {data.thresholds.firstCallMinutes} min (a Manager sets them).</p>
        )}
      </section>

      <section aria-labelledby="floor-times" className="floor-section">
        <h2 id="floor-times" className="uk-section-title">
          Response times: median / p90
        </h2>
        <WindowPicker windowKey={windowKey} from={from} to={to} timeZone={data.timeZone} />
        <DataTable evenColumns label={`Response times, ${shown.label}, all`} rows={[{ key: "all", ...shown.overall }]} rowKey={(r) => r.key} columns={[{ key: "who", header: shown.label, render: () => "Everyone" }, ...timeColumns<MetricTimes & { key: string }>()]} />
        <DataTable
          evenColumns
          label={`Response times, ${shown.label}, by agent`}
          rows={shown.byAgent}
          rowKey={(r) => r.userId}
          emptyText="No claims, calls or closings in this window."
          columns={[{ key: "who", header: "Agent", render: (r) => r.name }, ...timeColumns<ResponseWindow["byAgent"][number]>()]}
        />
        <DataTable
          evenColumns
          label={`Response times, ${shown.label}, by brand`}
          rows={shown.byBrand}
          rowKey={(r) => r.brandId}
          emptyText="No claims, calls or closings in this window."
          columns={[{ key: "who", header: "Brand", render: (r) => r.name }, ...timeColumns<ResponseWindow["byBrand"][number]>()]}
        />
        <p className="uk-muted">
          Each time counts in the window its end falls in. Leads an agent created already claimed are left out of intake → claim.
        </p>
      </section>
    </>
  );
}

/**
 * The response-time window: the one date filter (Today and Last 7 days are the server's own windows, This month
 * and typed dates a range). The URL keeps ?window=7d or ?window=range&from=…&to=…, as before.
 */
function WindowPicker({ windowKey, from, to, timeZone }: { windowKey: string; from: string; to: string; timeZone: string }) {
  const today = todayIn(timeZone);
  const [f, setF] = useState({ from, to });
  useEffect(() => setF({ from, to }), [from, to]);
  const [error, setError] = useState<string | null>(null);
  const go = (w: string, range?: { from: string; to: string }) => navigate(`/floor${queryString({ window: w === "today" ? "" : w, ...(range ?? { from: "", to: "" }) })}`, { replace: true });
  const shown = windowKey === "today" ? presetRange("today", today) : windowKey === "7d" ? presetRange("7d", today) : f;
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!f.from || !f.to) return setError("Pick both dates of the range.");
    if (f.from > f.to) return setError("The From date is after the To date.");
    setError(null);
    go("range", f);
  };
  return (
    <form className="calls-filters floor-window" onSubmit={apply} aria-label="Response time window" noValidate>
      <DateRangeFilter
        label="Window"
        timeZone={timeZone}
        value={shown}
        onChange={(range, preset) => {
          setError(null);
          setF(range);
          if (preset === "today" || preset === "7d") go(preset);
          else if (preset === "month") go("range", range);
        }}
      />
      <div className="calls-filters__buttons">
        <button type="submit" className={`uk-button${windowKey === "range" ? "" : " uk-button--secondary"}`}>
          Show range
        </button>
      </div>
      {error && (
        <p className="calls-filters__error inline-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
