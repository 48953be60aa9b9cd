import { type FormEvent, useEffect, useState } from "react";
import { Badge, DataTable, DateRangeFilter, ErrorState, Link, PageHeader, SelectField, TextField, filtersFrom, queryString, useAsync, useDocumentTitle, useFilterDraft, useLocation } from "@crm/ui-kit";
import { type EndorsementStatus, type LeadListPage, type LeadListRow, type User, type UserSummary, api, errorMessage } from "./api";
import { useCatalog } from "./lead/use-catalog";
import { useBusinessTimeZone } from "./business-time-zone";

export const LEADS_PATH = "/leads";
const PAGE = 50;
const FILTER_KEYS = ["q", "stageId", "brandId", "sourceId", "userId", "dealershipId", "endorsementStatus", "createdFrom", "createdTo", "archived"] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

const ENDORSEMENT_LABEL: Record<EndorsementStatus, string> = { none: "Not endorsed", pending: "Endorsement queued", delivered: "Endorsed", failed: "Endorsement failed" };
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });


/**
 * Leads list view (issue 16): every lead, open, won, lost and archived, newest first, found by phone digits,
 * e-mail, name or reference and narrowed by filters that live in the URL (so the header search, a bookmark and
 * the CSV export all say the same). A lead another agent holds shows who to transfer the call to.
 */
export function LeadsListPage({ user }: { user: User }) {
  useDocumentTitle("Leads", "BPO CRM");
  const { search } = useLocation();
  const filters = filtersFrom(FILTER_KEYS, search);
  const query = queryString(filters);
  const [rows, setRows] = useState<LeadListRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api<LeadListPage>(`/api/leads${queryString({ ...filters, limit: PAGE })}`, { signal: ctrl.signal }).then(
      (p) => {
        setRows(p.rows);
        setNext(p.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setRows([]);
        setNext(null);
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => ctrl.abort();
    // The query string is the filters' identity.
  }, [query, tick]);

  const more = async () => {
    if (!next) return;
    setLoading(true);
    try {
      const p = await api<LeadListPage>(`/api/leads${queryString({ ...filters, limit: PAGE, cursor: next })}`);
      setRows((r) => [...r, ...p.rows.filter((x) => !r.some((y) => y.id === x.id))]);
      setNext(p.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Leads"
        subtitle={
          user.role === "agent"
            ? "Find any customer by mobile or phone (the last 4 digits will do), e-mail, name or reference. Without a search: the pool and your leads."
            : "Every lead, open, won, lost and archived, newest first. Search by mobile or phone (the last 4 digits will do), e-mail, name or reference."
        }
        actions={
          <a className="uk-button uk-button--secondary" href={`/api/leads/export.csv${query}`} download="bpo-leads.csv">
            Export CSV
          </a>
        }
      />
      <ListFilters applied={filters} />
      {error && rows.length === 0 ? (
        <ErrorState message={error} onRetry={() => setTick((t) => t + 1)} />
      ) : (
        <DataTable
          label="Leads"
          rows={rows}
          rowKey={(r) => r.id}
          loading={loading}
          emptyText={filters.q ? `No lead matches “${filters.q}”.` : "No leads match these filters."}
          columns={[
            { key: "ref", header: "Reference", render: (r) => (r.restricted ? r.reference : <Link to={`/leads/${r.id}`}>{r.reference}</Link>) },
            { key: "customer", header: "Customer", text: true, render: (r) => r.contactName },
            { key: "mobile", header: "Mobile", render: (r) => (r.restricted ? <span className="uk-muted">—</span> : [r.mobile, r.phone].filter(Boolean).join(" · ")) },
            { key: "email", header: "E-mail", render: (r) => r.email ?? <span className="uk-muted">—</span> },
            { key: "stage", header: "Stage", render: (r) => <StageCell row={r} /> },
            { key: "brand", header: "Brand", render: (r) => r.brandName },
            {
              key: "owner",
              header: "Salesperson",
              render: (r) =>
                r.restricted ? (
                  <span className="leads-list__held" title="Held by another agent: transfer the call to them">
                    Held by <strong>{r.userName}</strong>
                  </span>
                ) : (
                  (r.userName ?? <span className="uk-muted">Unassigned</span>)
                ),
            },
            { key: "dealership", header: "Dealership", render: (r) => r.dealershipName ?? <span className="uk-muted">—</span> },
            { key: "endorsement", header: "Endorsement", render: (r) => (r.endorsementStatus === "none" ? <span className="uk-muted">—</span> : ENDORSEMENT_LABEL[r.endorsementStatus]) },
            { key: "created", header: "Created", render: (r) => dateTime.format(new Date(r.createdAt)) },
          ]}
        />
      )}
      {error && rows.length > 0 && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {next && (
        <button type="button" className="uk-button uk-button--secondary list-more" onClick={() => void more()} disabled={loading}>
          {loading ? "Loading…" : "Load more"}
        </button>
      )}
    </>
  );
}

function StageCell({ row }: { row: LeadListRow }) {
  return (
    <>
      {row.stageName}
      {!row.active &&
        (row.mergedIntoId ? (
          <>
            {" "}
            <Badge tone="neutral">{row.restricted ? "Merged" : <Link to={`/leads/${row.mergedIntoId}`}>Merged</Link>}</Badge>
          </>
        ) : (
          <>
            {" "}
            <Badge tone="neutral">Archived</Badge>
          </>
        ))}
    </>
  );
}

/**
 * Search text applies on Enter or Search; every choice applies at once, with the search box as it reads.
 * Everything lives in the URL.
 */
function ListFilters({ applied }: { applied: Filters }) {
  const catalog = useCatalog();
  const users = useAsync((signal) => api<{ users: UserSummary[] }>("/api/users", { signal }).then((r) => r.users), []);
  const { draft: f, setDraft: setF, go } = useFilterDraft(applied);
  const [error, setError] = useState<string | null>(null);
  const timeZone = useBusinessTimeZone();
  const apply = (patch: Partial<Filters>) => {
    const next = { ...f, ...patch, q: (patch.q ?? f.q).trim() };
    if (next.createdFrom && next.createdTo && next.createdFrom > next.createdTo) {
      setF(next);
      return setError("The From date is after the To date.");
    }
    setError(null);
    go(`${LEADS_PATH}${queryString(next)}`, next);
  };
  const clear = () => {
    setError(null);
    go(LEADS_PATH, filtersFrom(FILTER_KEYS));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({});
  };
  const c = catalog.data;
  const set = FILTER_KEYS.filter((k) => applied[k] !== "").length;
  return (
    <form className="calls-filters leads-filters" role="search" aria-label="Search and filter leads" onSubmit={submit} noValidate>
      <div className="leads-filters__search">
        <TextField label="Search" type="search" placeholder="Mobile, phone, e-mail, name or LEAD/…" value={f.q} onValue={(q) => setF((x) => ({ ...x, q }))} />
        <button type="submit" className="uk-button">
          Search
        </button>
      </div>
      <SelectField label="Stage" value={f.stageId} placeholder="All stages" options={(c?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))} onValue={(v) => apply({ stageId: v })} />
      <SelectField label="Brand" value={f.brandId} placeholder="All brands" options={(c?.brands ?? []).map((b) => ({ value: b.id, label: b.name }))} onValue={(v) => apply({ brandId: v })} />
      <SelectField label="Source" value={f.sourceId} placeholder="All sources" options={(c?.sources ?? []).map((s) => ({ value: s.id, label: s.name }))} onValue={(v) => apply({ sourceId: v })} />
      <SelectField
        label="Salesperson"
        value={f.userId}
        placeholder="Anyone"
        options={[{ value: "none", label: "Unassigned" }, ...(users.data ?? []).map((u) => ({ value: u.id, label: u.active ? u.name : `${u.name} (inactive)` }))]}
        onValue={(v) => apply({ userId: v })}
      />
      <SelectField label="Dealership" value={f.dealershipId} placeholder="All dealerships" options={(c?.dealerships ?? []).map((d) => ({ value: d.id, label: d.name }))} onValue={(v) => apply({ dealershipId: v })} />
      <SelectField
        label="Endorsement"
        value={f.endorsementStatus}
        placeholder="Any"
        options={(Object.keys(ENDORSEMENT_LABEL) as EndorsementStatus[]).map((k) => ({ value: k, label: ENDORSEMENT_LABEL[k] }))}
        onValue={(v) => apply({ endorsementStatus: v })}
      />
      <DateRangeFilter label="Created" anyDate timeZone={timeZone} value={{ from: f.createdFrom, to: f.createdTo }} onChange={(r) => apply({ createdFrom: r.from, createdTo: r.to })} />
      <SelectField
        label="Archived"
        value={f.archived}
        placeholder="Active and archived"
        options={[
          { value: "false", label: "Active only" },
          { value: "true", label: "Archived only" },
        ]}
        onValue={(v) => apply({ archived: v })}
      />
      {set > 0 && (
        <div className="calls-filters__buttons">
          <button type="button" className="uk-button uk-button--secondary" onClick={clear}>
            Clear ({set})
          </button>
        </div>
      )}
      {error && (
        <p className="calls-filters__error inline-error" role="alert">
          {error}
        </p>
      )}
      {catalog.status === "error" && (
        <p className="calls-filters__error inline-error" role="alert">
          Filter lists could not be loaded: {catalog.error}
        </p>
      )}
    </form>
  );
}
