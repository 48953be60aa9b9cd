import { useEffect, useRef, useState } from "react";
import { ErrorState, KanbanBoard, type KanbanColumn, Loading, applyBoardPatch, useLiveBoard, useToast } from "@crm/ui-kit";
import { type BoardColumn, type CardPage, type LeadCard, type User, api, errorMessage } from "../api";
import { MarkLostDialog } from "../lead/mark-lost-dialog";
import { moveLead } from "../lead/move-lead";
import { type LeadFilters, filterQuery } from "./filters";
import { LeadCardView } from "./lead-card";
import { DEALER_LEAD_EVENT_KINDS, type DealerLeadEvent, applyDealerBoardEvent } from "./live-leads";
import type { Scope } from "./leads-page";
import { useReferenceData } from "../reference-data";

const PAGE = 20;

interface Column extends BoardColumn {
  loadingMore: boolean;
  error: string | null;
}

/**
 * The kanban by stage. Each column pages on its own ("Load more"). Dragging a card asks the server to move the
 * lead; the card moves at once and snaps back with the server's refusal if the move is not allowed. A drop on
 * Won runs Mark Won (refused with its reason before delivery); a drop on Lost opens the Mark Lost wizard.
 * Lead changes on the dealership (an endorsement from the BPO, a colleague's move) patch the board in place.
 */
export function BoardView({ user, scope, filters, emptyText }: { user: User; scope: Scope; filters: LeadFilters; emptyText: string }) {
  const toast = useToast();
  const { instance } = useReferenceData();
  const [folded, setFolded] = useState<Map<number, boolean>>(new Map());
  const [losing, setLosing] = useState<LeadCard | null>(null);
  const query = filterQuery(filters);
  // Cards shown in the longest column: a new read keeps what "Load more" brought in (up to the API's 100).
  const shown = useRef(PAGE);

  // Live: read once the event stream is open (and when the filters change); each event patches the
  // columns by the filters (an endorsement from the BPO appears, a colleague's move moves the card).
  const board = useLiveBoard<Column[]>({
    kinds: DEALER_LEAD_EVENT_KINDS,
    key: `${scope}${query}`,
    load: async () => {
      const url = scope === "all" ? "/api/boards/all-leads" : "/api/boards/my-pipeline";
      const sep = query ? "&" : "?";
      const perColumn = Math.min(100, Math.max(PAGE, shown.current));
      const b = await api<{ columns: BoardColumn[]; total: number }>(`${url}${query}${sep}perColumn=${perColumn}`);
      return b.columns.map((c) => ({ ...c, loadingMore: false, error: null }));
    },
    apply: (cols, _name, e) => applyDealerBoardEvent(cols, e as DealerLeadEvent, filters, scope === "mine" ? user.id : null, instance.timeZone),
  });
  const { data: columns, setData: setColumns, error, live } = board;
  const load = board.reload;

  useEffect(() => {
    shown.current = PAGE;
  }, [scope, query]);

  const patch = (stageId: number, p: (c: Column) => Partial<Column>) => setColumns((cols) => cols?.map((c) => (c.stage.id === stageId ? { ...c, ...p(c) } : c)) ?? cols);

  const loadMore = async (key: string | number) => {
    const col = columns?.find((c) => c.stage.id === key);
    if (!col?.nextCursor) return;
    patch(col.stage.id, () => ({ loadingMore: true, error: null }));
    try {
      const extra = { cursor: col.nextCursor, limit: PAGE, userId: scope === "mine" ? user.id : undefined };
      const page = await api<CardPage>(`/api/boards/stages/${col.stage.id}${filterQuery(filters, extra)}`);
      patch(col.stage.id, (c) => {
        const seen = new Set(c.cards.map((x) => x.id));
        const cards = [...c.cards, ...page.cards.filter((x) => !seen.has(x.id))];
        shown.current = Math.max(shown.current, cards.length);
        return { cards, nextCursor: page.nextCursor, loadingMore: false };
      });
    } catch (e) {
      patch(col.stage.id, () => ({ loadingMore: false, error: errorMessage(e) }));
    }
  };

  /** Moves a card between columns locally (used for the optimistic move and for snapping it back). */
  const moveLocally = (leadId: number, from: number, to: number) =>
    setColumns((cols) => {
      const card = cols?.find((c) => c.stage.id === from)?.cards.find((x) => x.id === leadId);
      if (!cols || !card) return cols;
      return applyBoardPatch(cols, (c) => c.stage.id, { leadId, card: { ...card, stageId: to }, to, counts: null });
    });

  const drop = async (itemKey: string, toKey: string | number, fromKey: string | number) => {
    const leadId = Number(itemKey);
    const from = Number(fromKey);
    const to = Number(toKey);
    const card = columns?.find((c) => c.stage.id === from)?.cards.find((x) => x.id === leadId);
    const target = columns?.find((c) => c.stage.id === to);
    if (!card || !target) return;
    // A lost lead needs a reason: the wizard asks, and the card moves only once it is submitted.
    if (target.stage.isLost) {
      setLosing(card);
      return;
    }
    moveLocally(leadId, from, to);
    try {
      toast.show((await moveLead(card, target.stage)).message, "success");
    } catch (e) {
      moveLocally(leadId, to, from);
      toast.show(`${card.reference} was not moved: ${errorMessage(e)}`, "error");
    }
  };

  if (error && !columns) return <ErrorState message={`Could not load the board: ${error}`} onRetry={() => void load()} />;
  if (!columns) return <Loading label="Loading leads…" />;

  const isFolded = (c: Column) => folded.get(c.stage.id) ?? c.stage.fold;
  const kanban: KanbanColumn<LeadCard>[] = columns.map((c) => ({
    key: c.stage.id,
    title: c.stage.name,
    count: c.count,
    items: c.cards,
    hasMore: c.nextCursor !== null,
    loadingMore: c.loadingMore,
    error: c.error,
    folded: isFolded(c),
  }));
  const total = columns.reduce((n, c) => n + c.count, 0);
  return (
    <>
      <p className="board-summary" role="status">
        {total === 0 ? emptyText : `${total} ${total === 1 ? "lead" : "leads"}`}
        <span className={`live-indicator${live ? " live-indicator--on" : ""}`}>{live ? "Live updates on" : "Connecting live updates…"}</span>
        {error && <span className="inline-error"> · Refresh failed: {error}</span>}
      </p>
      <KanbanBoard
        label={scope === "all" ? "All Leads by stage" : "My Pipeline by stage"}
        columns={kanban}
        itemKey={(l) => l.id}
        renderItem={(l) => <LeadCardView lead={l} />}
        onLoadMore={(k) => void loadMore(k)}
        onDropItem={(item, to, from) => void drop(item, to, from)}
        onToggleFold={(k) => setFolded((m) => new Map(m).set(Number(k), !isFolded(columns.find((c) => c.stage.id === k)!)))}
        emptyText="No leads"
        countNoun="leads"
      />
      {losing && (
        <MarkLostDialog
          open
          lead={losing}
          onClose={() => setLosing(null)}
          onDone={(l) => {
            toast.show(`${l.reference} marked Lost.`, "success");
            void load();
          }}
        />
      )}
    </>
  );
}
