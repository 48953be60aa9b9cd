import { useCallback, useRef, useState } from "react";
import { Avatar, Badge, Card, KanbanBoard, type KanbanColumn, Link, PageHeader, liveSeenHeaders, useLiveBoard, useToast } from "@crm/ui-kit";
import { ActivityPill } from "./activity-pill";
import { LeadCardHints } from "./lead-card-hints";
import { ApiError, type LeadCard, type OpenLeadsColumn, type User, api } from "./api";
import { BreachFlag } from "./breach-flag";
import { LEAD_EVENT_KINDS, type LeadLiveEvent, applyOpenLeadsEvent } from "./live-board-events";

const PAGE = 20;

interface Column extends OpenLeadsColumn {
  loadingMore: boolean;
  error: string | null;
}

const SOURCE_TONE: Record<string, "info" | "success" | "warning" | "neutral"> = {
  website: "info",
  campaign: "warning",
  referral: "success",
};

/** Open Leads (bpo-1): unclaimed open leads by brand; cards enter and leave live for everyone. */
export function OpenLeadsPage({ user }: { user: User }) {
  const toast = useToast();
  const [claiming, setClaiming] = useState<Set<number>>(new Set());
  // A first read takes as many cards per column as were loaded before (the API caps this at 100).
  const loaded = useRef(PAGE);

  // Live: the board is read once the event stream is open, then every event patches it in place (a card
  // enters, leaves or changes; the counts come with the event). Nothing here reloads the board.
  const board = useLiveBoard<Column[]>({
    kinds: LEAD_EVENT_KINDS,
    key: "open-leads",
    load: async () => {
      const perColumn = Math.min(100, Math.max(PAGE, loaded.current));
      const b = await api<{ columns: OpenLeadsColumn[] }>(`/api/boards/open-leads?perColumn=${perColumn}`);
      return b.columns.map((c) => ({ ...c, loadingMore: false, error: null }));
    },
    apply: (cols, _name, e) => applyOpenLeadsEvent(cols, e as LeadLiveEvent<LeadCard>),
  });
  const { data: columns, setData: setColumns, error, live } = board;
  const load = board.reload;

  const removeLead = useCallback(
    (leadId: number) => {
      setColumns((cols) =>
        cols?.map((c) => (c.cards.some((x) => x.id === leadId) ? { ...c, cards: c.cards.filter((x) => x.id !== leadId), count: Math.max(c.count - 1, 0) } : c)) ?? cols,
      );
    },
    [setColumns],
  );

  const loadMore = async (key: string | number) => {
    const col = columns?.find((c) => c.brand.id === key);
    if (!col?.nextCursor) return;
    const patch = (p: Partial<Column>) => setColumns((cols) => cols?.map((c) => (c.brand.id === key ? { ...c, ...p } : c)) ?? cols);
    patch({ loadingMore: true, error: null });
    try {
      const page = await api<{ cards: LeadCard[]; nextCursor: string | null }>(
        `/api/boards/open-leads/brands/${col.brand.id}?limit=${PAGE}&cursor=${encodeURIComponent(col.nextCursor)}`,
      );
      setColumns(
        (cols) =>
          cols?.map((c) => {
            if (c.brand.id !== key) return c;
            const seen = new Set(c.cards.map((x) => x.id));
            const cards = [...c.cards, ...page.cards.filter((x) => !seen.has(x.id))];
            loaded.current = Math.max(loaded.current, cards.length);
            return { ...c, cards, nextCursor: page.nextCursor, loadingMore: false };
          }) ?? cols,
      );
    } catch (e) {
      patch({ loadingMore: false, error: e instanceof Error ? e.message : String(e) });
    }
  };

  const claim = async (lead: LeadCard) => {
    setClaiming((s) => new Set(s).add(lead.id));
    try {
      await api(`/api/leads/${lead.id}/claim`, { method: "POST", headers: liveSeenHeaders() });
      removeLead(lead.id);
      toast.show(`You claimed ${lead.reference} (${lead.contactName}).`, "success");
    } catch (e) {
      toast.show(e instanceof Error ? e.message : String(e), "error");
      if (e instanceof ApiError && e.status === 409) removeLead(lead.id);
    } finally {
      setClaiming((s) => {
        const n = new Set(s);
        n.delete(lead.id);
        return n;
      });
    }
  };

  if (error && !columns) {
    return (
      <div className="page-message" role="alert">
        <p>Could not load Open Leads: {error}</p>
        <button type="button" className="uk-button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  }
  if (!columns) return <p className="page-message" role="status">Loading Open Leads…</p>;

  const kanban: KanbanColumn<LeadCard>[] = columns.map((c) => ({
    key: c.brand.id,
    // bpo-1: an archived brand's leads still wait in the pool until someone claims them.
    title: c.brand.active ? c.brand.name : `${c.brand.name} (archived)`,
    count: c.count,
    items: c.cards,
    hasMore: c.nextCursor !== null,
    loadingMore: c.loadingMore,
    error: c.error,
  }));
  const total = columns.reduce((n, c) => n + c.count, 0);

  return (
    <>
      <PageHeader
        title="Open Leads"
        subtitle={
          <>
            {total} unclaimed {total === 1 ? "lead" : "leads"} waiting · signed in as {user.name}
            <span className={`live-indicator${live ? " live-indicator--on" : ""}`} role="status">
              {live ? "Live updates on" : "Connecting live updates…"}
            </span>
          </>
        }
        // bpo-1: walk-ins and calls not wired to a distributor are created right from the pool.
        actions={
          <Link to="/leads/new" from="/" className="uk-button">
            New lead
          </Link>
        }
      />
      {error && <p role="alert" className="inline-error">Refresh failed: {error}</p>}
      {columns.length === 0 ? (
        <p className="page-message">No brands are configured yet.</p>
      ) : (
        <KanbanBoard
          label="Open Leads by brand"
          columns={kanban}
          itemKey={(l) => l.id}
          onLoadMore={(k) => void loadMore(k)}
          emptyText="No leads waiting"
          renderItem={(lead) => (
            <Card
              title={lead.contactName}
              href={`/leads/${lead.id}`}
              subtitle={lead.vehicleModelName ?? "No vehicle yet"}
              badge={<Badge tone={SOURCE_TONE[lead.sourceType] ?? "neutral"}>{lead.sourceName}</Badge>}
              avatar={<Avatar name={lead.userName} />}
              actions={
                <button
                  type="button"
                  className="uk-button"
                  onClick={() => void claim(lead)}
                  disabled={claiming.has(lead.id)}
                  aria-label={`Claim Lead ${lead.reference} ${lead.contactName}`}
                >
                  {claiming.has(lead.id) ? "Claiming…" : "Claim Lead"}
                </button>
              }
            >
              <p className="lead-ref">
                {lead.reference} <ActivityPill card={lead} /> <BreachFlag breach={lead.breach} /> <LeadCardHints card={lead} />
              </p>
            </Card>
          )}
        />
      )}
    </>
  );
}
