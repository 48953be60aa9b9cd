import { useRef, useState } from "react";
import { Avatar, Badge, Card, ErrorState, KanbanBoard, type KanbanColumn, Link, Loading, PageHeader, SelectField, navigate, queryString, useAsync, useDocumentTitle, applyBoardPatch, useLiveBoard, useLocation, useToast } from "@crm/ui-kit";
import { LeadCardHints } from "./lead-card-hints";
import { type LeadView, type PipelineCard, type PipelineColumn, type User, type UserSummary, api, errorMessage } from "./api";
import { BreachFlag } from "./breach-flag";
import { MarkLostWizard } from "./lead/mark-lost-wizard";
import { LEAD_EVENT_KINDS, type LeadLiveEvent, applyPipelineEvent } from "./live-board-events";
import { nextOpenStage, seesAllLeads } from "./lead/lead-rules";
import { PRIORITIES, labelOf } from "./lead/lead-labels";
import "./lead/lead.css";
import { ActivityPill } from "./activity-pill";

const PAGE = 20;

interface Column extends PipelineColumn {
  loadingMore: boolean;
  error: string | null;
}

const SOURCE_TONE: Record<string, "info" | "success" | "warning" | "neutral"> = { website: "info", campaign: "warning", referral: "success" };

/** `?user=all` or `?user=<id>` (Supervisors, Managers); nothing means "my own". */
function ownerParam(search: URLSearchParams): "all" | number | null {
  const v = search.get("user");
  if (v === "all") return "all";
  return v && /^\d+$/.test(v) ? Number(v) : null;
}

/**
 * My Pipeline (bpo-2): the user's leads by stage. Dragging a card (or the card's "Move to" select) asks
 * the server; a refused move snaps back with the server's words. Won runs Mark as Won on the server;
 * Lost opens the Mark as Lost wizard, since a lost lead needs a reason.
 */
export function PipelinePage({ user }: { user: User }) {
  useDocumentTitle("My Pipeline", "BPO CRM");
  const toast = useToast();
  const { search } = useLocation();
  const team = seesAllLeads(user);
  const owner = team ? ownerParam(search) : null;
  const [refused, setRefused] = useState<string | null>(null);
  const [folded, setFolded] = useState<Set<number> | null>(null);
  const [moving, setMoving] = useState<Set<number>>(new Set());
  const [losing, setLosing] = useState<PipelineCard | null>(null);
  const loaded = useRef(PAGE);
  const users = useAsync(async (signal) => (team ? (await api<{ users: UserSummary[] }>("/api/users", { signal })).users : []), [team]);
  const userQuery = owner === null ? undefined : owner;

  // Live: read once the event stream is open (and again when the owner filter changes); every event
  // patches the columns in place: a claim lands in New, a move elsewhere moves the card, counts follow.
  const board = useLiveBoard<Column[]>({
    kinds: LEAD_EVENT_KINDS,
    key: String(userQuery ?? "me"),
    load: async () => {
      const perColumn = Math.min(100, Math.max(PAGE, loaded.current));
      const b = await api<{ columns: PipelineColumn[] }>(`/api/boards/pipeline${queryString({ perColumn, userId: userQuery })}`);
      setFolded((f) => f ?? new Set(b.columns.filter((c) => c.stage.fold).map((c) => c.stage.id)));
      return b.columns.map((c) => ({ ...c, loadingMore: false, error: null }));
    },
    apply: (cols, _name, e) => applyPipelineEvent(cols, e as LeadLiveEvent<PipelineCard>, owner === "all" ? "all" : (owner ?? user.id)),
  });
  const { data: columns, setData: setColumns, error: loadError, live } = board;
  const load = board.reload;

  const loadMore = async (key: string | number) => {
    const col = columns?.find((c) => c.stage.id === key);
    if (!col?.nextCursor) return;
    const patch = (p: Partial<Column>) => setColumns((cols) => cols?.map((c) => (c.stage.id === key ? { ...c, ...p } : c)) ?? cols);
    patch({ loadingMore: true, error: null });
    try {
      const page = await api<{ cards: PipelineCard[]; nextCursor: string | null }>(
        `/api/boards/pipeline/stages/${col.stage.id}${queryString({ limit: PAGE, cursor: col.nextCursor, userId: userQuery })}`,
      );
      setColumns(
        (cols) =>
          cols?.map((c) => {
            if (c.stage.id !== key) return c;
            const seen = new Set(c.cards.map((x) => x.id));
            const cards = [...c.cards, ...page.cards.filter((x) => !seen.has(x.id))];
            loaded.current = Math.max(loaded.current, cards.length);
            return { ...c, cards, nextCursor: page.nextCursor, loadingMore: false };
          }) ?? cols,
      );
    } catch (e) {
      patch({ loadingMore: false, error: errorMessage(e) });
    }
  };

  const move = async (leadId: number, toStageId: number) => {
    if (!columns) return;
    const from = columns.find((c) => c.cards.some((x) => x.id === leadId));
    const to = columns.find((c) => c.stage.id === toStageId);
    const card = from?.cards.find((x) => x.id === leadId);
    if (!from || !to || !card || from.stage.id === to.stage.id) return;
    setRefused(null);
    if (to.stage.isLost) {
      setLosing(card);
      return;
    }
    // Show the move at once (sorted in place, as the live event will); the server's answer confirms it or
    // snaps the card back. Live events keep applying meanwhile.
    const moveTo = (stageId: number, c: PipelineCard) => setColumns((cols) => cols && applyBoardPatch(cols, (x) => x.stage.id, { leadId, card: { ...c, stageId }, to: stageId, counts: null }));
    moveTo(to.stage.id, card);
    setMoving((s) => new Set(s).add(leadId));
    try {
      const lead = await api<LeadView>(`/api/leads/${leadId}/stage`, { method: "POST", body: { stageId: toStageId } });
      if (lead.isWon) toast.show(`${lead.reference} is Won: sale order ${lead.dealerSoName ?? "(none)"} created at ${lead.dealership?.name ?? "the dealership"}.`, "success");
      else toast.show(`${lead.reference} moved to ${lead.stage.name}.`, "success");
    } catch (e) {
      moveTo(from.stage.id, card);
      setRefused(`${card.reference} (${card.contactName}) stayed in ${from.stage.name}: ${errorMessage(e)}`);
    } finally {
      setMoving((s) => {
        const n = new Set(s);
        n.delete(leadId);
        return n;
      });
    }
  };

  const setOwner = (v: string) => navigate(`/pipeline${queryString({ user: v === "me" ? undefined : v })}`);
  const ownerName = owner === null ? null : owner === "all" ? "everyone" : (users.data?.find((u) => u.id === owner)?.name ?? `user #${owner}`);

  const header = (
    <PageHeader
      title={owner === null ? "My Pipeline" : "Team Pipeline"}
      subtitle={
        <>
          {owner === null ? "Your leads by stage." : `Leads of ${ownerName} by stage.`} Drag a card to the next stage, or use its “Move to” list.
          <span className={`live-indicator${live ? " live-indicator--on" : ""}`} role="status">
            {live ? "Live updates on" : "Connecting live updates…"}
          </span>
        </>
      }
      actions={
        <>
          {team && (
            <div className="pipe-owner">
              <SelectField
                label="Salesperson"
                value={owner === null ? "me" : String(owner)}
                onValue={setOwner}
                options={[
                  { value: "me", label: `Me (${user.name})` },
                  { value: "all", label: "Everyone" },
                  ...(users.data ?? []).filter((u) => u.id !== user.id && u.active).map((u) => ({ value: u.id, label: u.name })),
                ]}
                hint={users.status === "error" ? `Could not load users: ${users.error}` : undefined}
              />
            </div>
          )}
          <Link to="/leads/new" from="/pipeline" className="uk-button lead-linklike">
            New lead
          </Link>
        </>
      }
    />
  );

  if (!columns) {
    return (
      <>
        {header}
        {loadError ? <ErrorState message={`Could not load the pipeline: ${loadError}`} onRetry={() => void load()} /> : <Loading label="Loading pipeline…" />}
      </>
    );
  }

  const stages = columns.map((c) => c.stage);
  const kanban: KanbanColumn<PipelineCard>[] = columns.map((c) => ({
    key: c.stage.id,
    title: c.stage.name,
    count: c.count,
    items: c.cards,
    hasMore: c.nextCursor !== null,
    loadingMore: c.loadingMore,
    error: c.error,
    folded: folded?.has(c.stage.id) ?? c.stage.fold,
  }));
  const total = columns.reduce((n, c) => n + c.count, 0);

  return (
    <>
      {header}
      {refused && (
        <div className="lead-alert lead-alert--error pipe-refused" role="alert">
          <span>{refused}</span>
          <button type="button" className="lead-linkbutton" onClick={() => setRefused(null)}>
            Dismiss
          </button>
        </div>
      )}
      {loadError && (
        <p className="lead-alert lead-alert--error" role="alert">
          Refresh failed: {loadError}{" "}
          <button type="button" className="lead-linkbutton" onClick={() => void load()}>
            Try again
          </button>
        </p>
      )}
      {total === 0 && (
        <p className="pipe-empty">
          {owner === null ? "No leads in your pipeline yet. Claim one from " : "No leads here. Claim one from "}
          <Link to="/">Open Leads</Link> or create a <Link to="/leads/new" from="/pipeline">new lead</Link>.
        </p>
      )}
      <KanbanBoard
        label="Pipeline by stage"
        columns={kanban}
        itemKey={(l) => l.id}
        countNoun="leads"
        emptyText="No leads"
        onLoadMore={(k) => void loadMore(k)}
        onDropItem={(item, to) => void move(Number(item), Number(to))}
        onToggleFold={(k) =>
          setFolded((f) => {
            const n = new Set(f ?? []);
            if (n.has(Number(k))) n.delete(Number(k));
            else n.add(Number(k));
            return n;
          })
        }
        renderItem={(card) => <PipelineCardView card={card} stages={stages} showOwner={owner !== null} busy={moving.has(card.id)} onMove={(to) => void move(card.id, to)} />}
      />
      {losing && (
        <MarkLostWizard
          open
          lead={losing}
          onClose={() => setLosing(null)}
          onDone={(l) => {
            toast.show(`${l.reference} marked as Lost.`, "success");
            void load();
          }}
        />
      )}
    </>
  );
}

/** A pipeline card: the lead's name links to its form; "Move to" is the keyboard way to drag. */
function PipelineCardView({ card, stages, showOwner, busy, onMove }: { card: PipelineCard; stages: PipelineColumn["stage"][]; showOwner: boolean; busy: boolean; onMove(stageId: number): void }) {
  const current = stages.find((s) => s.id === card.stageId);
  const closed = !current || current.isWon || current.isLost;
  const next = closed ? null : nextOpenStage(stages, card.stageId);
  const won = stages.find((s) => s.isWon);
  const lost = stages.find((s) => s.isLost);
  const options = closed
    ? []
    : [
        ...(next ? [{ value: next.id, label: next.name }] : []),
        ...(won ? [{ value: won.id, label: `${won.name} (Mark as Won)` }] : []),
        ...(lost ? [{ value: lost.id, label: `${lost.name} (Mark as Lost…)` }] : []),
      ];
  const priority = labelOf(PRIORITIES, card.priority);
  return (
    <Card
      title={card.contactName}
      href={`/leads/${card.id}`}
      subtitle={card.vehicleModelName ?? "No vehicle yet"}
      badge={<Badge tone={SOURCE_TONE[card.sourceType] ?? "neutral"}>{card.sourceName}</Badge>}
      avatar={showOwner ? <Avatar name={card.userName} /> : undefined}
      actions={
        options.length > 0 ? (
          <label className="pipe-move">
            <span className="uk-visually-hidden">
              Move {card.reference} {card.contactName} to stage
            </span>
            <select className="uk-input pipe-move__select" value="" disabled={busy} onChange={(e) => e.target.value && onMove(Number(e.target.value))}>
              <option value="">{busy ? "Moving…" : "Move to…"}</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ) : undefined
      }
    >
      <p className="lead-ref pipe-ref">
        <span>
          {card.reference}
          <ActivityPill card={card} className="pipe-activity" />
          <BreachFlag breach={card.breach} />
          <LeadCardHints card={card} />
        </span>
        <span className="pipe-priority" role="img" aria-label={`Priority: ${priority ?? card.priority}`} title={`Priority: ${priority ?? card.priority}`}>
          {"★".repeat(card.priority)}
          <span className="pipe-priority__off">{"★".repeat(Math.max(3 - card.priority, 0))}</span>
        </span>
      </p>
    </Card>
  );
}
