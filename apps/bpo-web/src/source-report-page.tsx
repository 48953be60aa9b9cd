import { type FormEvent, useState } from "react";
import { DataTable, DateRangeFilter, ErrorState, PageHeader, SelectField, filtersFrom, queryString, useAsync, useDocumentTitle, useFilterDraft, useLocation } from "@crm/ui-kit";
import { useBusinessTimeZone } from "./business-time-zone";
import { type Brand, type User, api } from "./api";
import { SOURCE_TYPE_LABEL, type SourceType } from "./config/types";
import type { Wire } from "@crm/contracts/src/wire";
// Type-only: the report's shape is the service's response schema.
import type { SourceReport as SourceReportResponse } from "../../../services/bpo-service/src/domain/source-report-schemas";

type SourceReport = Wire<SourceReportResponse>;
type SourceRow = SourceReport["sources"][number];
type Counts = SourceReport["totals"];
type TypeRow = SourceReport["byType"][number];
/** The report reads types as stored; one the labels do not know yet shows as is. */
const typeLabel = (t: string) => SOURCE_TYPE_LABEL[t as SourceType] ?? t;

const FILTER_KEYS = ["from", "to", "brandId"] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/** The outcome columns shared by both tables; Share is the row's part of all leads in the range. */
function countColumns<T extends Counts>(all: number) {
  return [
    {
      key: "total",
      header: "Leads",
      numeric: true,
      render: (r: T) => (
        <span className="report-share">
          <span className="report-share__bar" style={{ width: `${all ? Math.round((r.total / all) * 100) : 0}%` }} aria-hidden="true" />
          <span className="report-share__n">{r.total}</span>
        </span>
      ),
    },
    { key: "share", header: "Share", numeric: true, render: (r: T) => (all ? `${Math.round((r.total / all) * 100)}%` : "—") },
    { key: "open", header: "Open", numeric: true, render: (r: T) => r.open },
    { key: "won", header: "Won", numeric: true, render: (r: T) => r.won },
    { key: "lost", header: "Lost", numeric: true, render: (r: T) => r.lost },
    { key: "endorsed", header: "Endorsed", numeric: true, render: (r: T) => r.endorsed },
    { key: "rate", header: "Win rate", numeric: true, render: (r: T) => pct(r.winRate) },
  ];
}

/**
 * Reports → Lead Sources (bpo-3 marketing attribution): where leads came from and how they ended, per source
 * and per source type, for a creation-date range and brand. Supervisors and Managers.
 */
export function SourceReportPage({ user }: { user: User }) {
  useDocumentTitle("Lead source report", "BPO CRM");
  const { search } = useLocation();
  const applied = filtersFrom(FILTER_KEYS, search);
  const query = queryString(applied);
  const report = useAsync((signal) => (user.role === "agent" ? Promise.resolve(null) : api<SourceReport>(`/api/reports/lead-sources${query}`, { signal })), [query, user.role]);

  if (user.role === "agent") {
    return (
      <div className="uk-page-state" role="alert">
        <h1>Supervisors and Managers only</h1>
        <p>The lead source report shows the whole floor's leads.</p>
      </div>
    );
  }
  const data = report.data;
  const all = data?.totals.total ?? 0;
  return (
    <>
      <PageHeader
        title="Lead source report"
        subtitle="Leads by where they came from, and how they ended. Dates are creation dates; archived leads are left out."
        actions={
          <a className="uk-button uk-button--secondary" href={`/api/reports/lead-sources.csv${query}`} download>
            Export CSV
          </a>
        }
      />
      <ReportFilters applied={applied} />
      {report.status === "error" && <ErrorState message={report.error} onRetry={report.reload} />}
      {data && (
        <p className="board-summary" role="status">
          {all === 0 ? "No leads in this range." : `${all} leads · ${data.totals.won} won · ${data.totals.lost} lost · win rate ${pct(data.totals.winRate)}`}
        </p>
      )}
      <h2 className="uk-section-title">By source</h2>
      <DataTable
        label="Leads by source"
        rows={data?.sources ?? []}
        loading={report.status === "loading"}
        rowKey={(r) => r.sourceId}
        emptyText="No lead sources."
        columns={[
          {
            key: "source",
            header: "Source",
            render: (r: SourceRow) => (
              <>
                <strong>{r.name}</strong> <code className="report-code">{r.code}</code>
                {!r.active && <span className="uk-muted"> (archived)</span>}
              </>
            ),
          },
          { key: "type", header: "Source Type", render: (r: SourceRow) => typeLabel(r.sourceType) },
          ...countColumns<SourceRow>(all),
        ]}
      />
      <h2 className="uk-section-title report-second">By source type</h2>
      <DataTable
        label="Leads by source type"
        rows={data?.byType ?? []}
        loading={report.status === "loading"}
        rowKey={(r) => r.sourceType}
        emptyText="No leads."
        columns={[{ key: "type", header: "Source Type", render: (r: TypeRow) => typeLabel(r.sourceType) }, ...countColumns<TypeRow>(all)]}
      />
      <p className="uk-muted report-note">A source type that looks wrong here (a Facebook ad counted as an inbound call) is fixed under Configuration → Lead Sources.</p>
    </>
  );
}

function ReportFilters({ applied }: { applied: Filters }) {
  const { draft: f, setDraft: setF, go: goTo } = useFilterDraft(applied);
  const [error, setError] = useState<string | null>(null);
  const timeZone = useBusinessTimeZone();
  const brands = useAsync((signal) => api<{ brands: Brand[] }>("/api/brands", { signal }).then((r) => r.brands), []);
  const set = (k: keyof Filters) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (f.from && f.to && f.from > f.to) return setError("The From date is after the To date.");
    setError(null);
    go(f);
  };
  const go = (next: Filters) => goTo(`/reports/lead-sources${queryString(next)}`, next);
  const clear = () => {
    setError(null);
    go(filtersFrom(FILTER_KEYS));
  };
  return (
    <form className="calls-filters" onSubmit={apply} aria-label="Report filters" noValidate>
      <DateRangeFilter
        label="Created"
        anyDate
        timeZone={timeZone}
        value={{ from: f.from, to: f.to }}
        // A preset applies at once (with the brand as picked); typed dates wait for Apply.
        onChange={(range, preset) => {
          setF((x) => ({ ...x, ...range }));
          if (preset !== "custom") go({ ...f, ...range });
        }}
      />
      <SelectField
        label="Brand"
        value={f.brandId}
        placeholder={brands.status === "loading" ? "Loading brands…" : "All brands"}
        options={(brands.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        onValue={set("brandId")}
        error={brands.status === "error" ? `Brands could not be loaded: ${brands.error}` : undefined}
      />
      <div className="calls-filters__buttons">
        <button type="submit" className="uk-button">
          Apply
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
