import { useEffect, useRef, useState } from "react";
import { DataTable, ErrorState, Link, useLiveBoard } from "@crm/ui-kit";
import { type CardPage, type LeadCard, api, errorMessage } from "../api";
import { formatDateTime } from "../format";
import { useReferenceData } from "../reference-data";
import { type LeadFilters, filterQuery } from "./filters";
import { DEALER_LEAD_EVENT_KINDS, type DealerLeadEvent, applyDealerListEvent } from "./live-leads";

interface ListState {
  count: number;
  cards: LeadCard[];
  nextCursor: string | null;
}

const PAGE = 50;

/** The filtered leads as a table, newest first, paged with "Load more" — the same rows the CSV export writes. */
export function ListView({ filters, emptyText }: { filters: LeadFilters; emptyText: string }) {
  const { stages, instance } = useReferenceData();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const query = filterQuery(filters);
  // A new read takes as many rows as are shown (up to the API's 200), so the reader keeps their place.
  const shown = useRef(PAGE);

  useEffect(() => {
    shown.current = PAGE;
  }, [query]);

  // Live: read once the event stream is open (and when the filters change); each event inserts, updates or
  // removes its row by the filters, in place.
  const list = useLiveBoard<ListState>({
    kinds: DEALER_LEAD_EVENT_KINDS,
    key: query,
    load: async () => {
      const p = await api<CardPage>(`/api/leads${filterQuery(filters, { limit: Math.min(200, Math.max(PAGE, shown.current)) })}`);
      return { count: p.cards.length, cards: p.cards, nextCursor: p.nextCursor };
    },
    apply: (l, _name, e) => applyDealerListEvent(l, e as DealerLeadEvent, filters, instance.timeZone),
  });
  const rows = list.data?.cards ?? [];
  const next = list.data?.nextCursor ?? null;
  const loading = list.data === null || loadingMore;
  const error = moreError ?? list.error;

  const more = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const p = await api<CardPage>(`/api/leads${filterQuery(filters, { limit: PAGE, cursor: next })}`);
      list.setData((l) => {
        if (!l) return l;
        const seen = new Set(l.cards.map((x) => x.id));
        const cards = [...l.cards, ...p.cards.filter((x) => !seen.has(x.id))];
        shown.current = cards.length;
        return { count: cards.length, cards, nextCursor: p.nextCursor };
      });
      setMoreError(null);
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const stageName = (id: number) => stages.find((s) => s.id === id)?.name ?? `#${id}`;
  if (error && rows.length === 0) return <ErrorState message={`Could not load the leads: ${error}`} onRetry={list.reload} />;
  return (
    <>
      <DataTable
        label="Leads"
        rows={rows}
        rowKey={(r) => r.id}
        loading={loading}
        emptyText={emptyText}
        columns={[
          { key: "ref", header: "Reference", render: (r) => <Link to={`/leads/${r.id}`}>{r.reference}</Link> },
          { key: "name", header: "Customer", text: true, render: (r) => r.contactName },
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
