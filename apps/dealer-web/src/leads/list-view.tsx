import { useEffect, useRef, useState } from "react";
import { DataTable, ErrorState, Link, useLiveLeads } from "@crm/ui-kit";
import { type CardPage, type LeadCard, api, errorMessage } from "../api";
import { formatDateTime } from "../format";
import { useReferenceData } from "../reference-data";
import { type LeadFilters, filterQuery } from "./filters";

const PAGE = 50;

/** The filtered leads as a table, newest first, paged with "Load more" — the same rows the CSV export writes. */
export function ListView({ filters }: { filters: LeadFilters }) {
  const { stages } = useReferenceData();
  const [rows, setRows] = useState<LeadCard[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const query = filterQuery(filters);
  // A live refresh reloads as many rows as are shown (up to the API's 200), so the reader keeps their place.
  const shown = useRef(PAGE);
  useLiveLeads(() => true, () => setTick((t) => t + 1), 500);

  useEffect(() => {
    shown.current = PAGE;
  }, [query]);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api<CardPage>(`/api/leads${filterQuery(filters, { limit: Math.min(200, Math.max(PAGE, shown.current)) })}`, { signal: ctrl.signal }).then(
      (p) => {
        setRows(p.cards);
        setNext(p.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
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
      const p = await api<CardPage>(`/api/leads${filterQuery(filters, { limit: PAGE, cursor: next })}`);
      setRows((r) => {
        const seen = new Set(r.map((x) => x.id));
        const all = [...r, ...p.cards.filter((x) => !seen.has(x.id))];
        shown.current = all.length;
        return all;
      });
      setNext(p.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  const stageName = (id: number) => stages.find((s) => s.id === id)?.name ?? `#${id}`;
  if (error && rows.length === 0) return <ErrorState message={`Could not load the leads: ${error}`} onRetry={() => setTick((t) => t + 1)} />;
  return (
    <>
      <DataTable
        label="Leads"
        rows={rows}
        rowKey={(r) => r.id}
        loading={loading}
        emptyText="No leads match these filters."
        columns={[
          { key: "ref", header: "Reference", render: (r) => <Link to={`/leads/${r.id}`}>{r.reference}</Link> },
          { key: "name", header: "Customer", render: (r) => r.contactName },
          { key: "mobile", header: "Mobile", render: (r) => r.mobile },
          { key: "brand", header: "Brand", render: (r) => r.brandName },
          { key: "vehicle", header: "Vehicle", render: (r) => r.productName ?? (r.vehicleModelText ? <span title="The model name the BPO sent; no product matched">{r.vehicleModelText} <span className="uk-muted">(as endorsed)</span></span> : <span className="uk-muted">—</span>) },
          { key: "stage", header: "Stage", render: (r) => stageName(r.stageId) },
          { key: "source", header: "Source", render: (r) => r.sourceName },
          { key: "bpo", header: "BPO lead", render: (r) => r.bpoSourceLeadName ?? <span className="uk-muted">—</span> },
          { key: "user", header: "Salesperson", render: (r) => r.userName ?? <span className="uk-muted">Unassigned</span> },
          { key: "created", header: "Created", render: (r) => formatDateTime(r.createdAt) },
        ]}
      />
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
