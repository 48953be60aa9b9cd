import { type FormEvent, useEffect, useState } from "react";
import { Badge, DataTable, ErrorState, Link, Loading, PageHeader, RecordLayout, SaveBar, StatusBar, UnsavedChangesGuard, useAsync, useDocumentTitle, useLiveEvents, useToast } from "@crm/ui-kit";
import { type Lead, ORDER_STATE_LABEL, type User, api, errorMessage, isManager } from "../api";
import { FIELDS_NEED_ATTENTION, type FieldErrors, fieldErrorsOf, formBannerOf } from "@crm/ui-kit";
import { formatDateTime, formatMoney } from "../format";
import { useReferenceData } from "../reference-data";
import { RecordChatter } from "../record-chatter";
import { BpoOriginTab } from "./bpo-origin-tab";
import { CallbackStatus } from "./callback-status";
import { LeadActions } from "./lead-actions";
import { type LeadDraft, draftOf, keepTyped, patchBody, validateDraft } from "./lead-draft";
import { LeadFields } from "./lead-fields";
import { DEALER_LEAD_EVENT_KINDS, type DealerLeadEvent } from "../leads/live-leads";
import { moveLead } from "./move-lead";

type Tab = "details" | "orders" | "bpo";

/** One lead: stage, actions, every field (editable while open), sale orders, BPO origin and chatter. */
export function LeadFormPage({ user, leadId }: { user: User; leadId: number }) {
  const state = useAsync((signal) => api<Lead>(`/api/leads/${leadId}`, { signal }), [leadId]);
  const [lead, setLead] = useState<Lead | null>(null);
  useEffect(() => {
    if (state.status === "ready") setLead(state.data);
  }, [state.status, state.data]);
  useDocumentTitle(lead ? `${lead.reference} ${lead.contactName}` : "Lead", "Dealer CRM");
  if (!lead) {
    if (state.status === "error") return <ErrorState message={`Could not load lead ${leadId}: ${state.error}`} onRetry={state.reload} />;
    return <Loading label="Loading the lead…" />;
  }
  return <LeadForm key={lead.id} user={user} lead={lead} onChanged={setLead} />;
}

function LeadForm({ user, lead, onChanged }: { user: User; lead: Lead; onChanged(l: Lead): void }) {
  const toast = useToast();
  const { stages } = useReferenceData();
  const [tab, setTab] = useState<Tab>("details");
  const saved = draftOf(lead);
  const [draft, setDraft] = useState<LeadDraft>(saved);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [version, setVersion] = useState(0);
  const [moving, setMoving] = useState(false);
  const [stageError, setStageError] = useState<string | null>(null);
  // A change made elsewhere (a colleague, the BPO callback settling, a sale order delivered) reloads the lead;
  // what the user has typed survives it.
  // The event names the lead; the form reads that one lead (its fields and orders are not on the card).
  const live = useLiveEvents(DEALER_LEAD_EVENT_KINDS, (_name, data) => {
    if ((data as DealerLeadEvent).leadId !== lead.id) return;
    {
      void api<Lead>(`/api/leads/${lead.id}`).then(
        (next) => {
          setDraft((d) => keepTyped(d, draftOf(lead), draftOf(next)));
          onChanged(next);
          setVersion((v) => v + 1);
        },
        () => undefined, // the next event, or any action, loads it again
      );
    }
  });

  const open = !lead.isWon && !lead.isLost;
  const canWork = isManager(user) || lead.userId === user.id;
  const editable = open && canWork && lead.active;
  const changes = patchBody(saved, draft);
  const dirty = Object.keys(changes).length > 0;
  const hasOrigin = lead.bpoSourceLeadId !== null;

  // A new server copy after the user's own save or action replaces the draft (actions require a clean form).
  const changed = (l: Lead) => {
    onChanged(l);
    setDraft(draftOf(l));
    setVersion((v) => v + 1);
  };

  // The clickable statusbar: the server applies the forward-only rule (and Mark Won's checks for Won) and its
  // refusal is shown under the bar.
  const selectStage = async (stageId: number) => {
    if (dirty) {
      setStageError("Save or discard your changes first.");
      return;
    }
    const target = stages.find((s) => s.id === stageId);
    if (!target) return;
    setMoving(true);
    setStageError(null);
    try {
      const moved = await moveLead(lead, target);
      changed(moved.lead);
      toast.show(moved.message, "success");
    } catch (err) {
      setStageError(errorMessage(err));
    } finally {
      setMoving(false);
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const local = validateDraft(draft);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setFormError(FIELDS_NEED_ATTENTION);
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const l = await api<Lead>(`/api/leads/${lead.id}`, { method: "PATCH", body: changes });
      changed(l);
      toast.show(`${l.reference} saved.`, "success");
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      setFormError(formBannerOf(err, fields));
    } finally {
      setSaving(false);
    }
  };
  const discard = () => {
    setDraft(saved);
    setErrors({});
    setFormError(null);
  };

  const openStages = stages.filter((s) => !s.isWon && !s.isLost);
  const closing = stages.find((s) => (lead.isLost ? s.isLost : s.isWon));
  const steps = [...openStages, ...(closing ? [closing] : [])].map((s) => ({ key: s.id, label: s.name }));
  const tabs: { key: Tab; label: string }[] = [
    { key: "details", label: "Details" },
    { key: "orders", label: `Sale Orders (${lead.orders.length})` },
    ...(hasOrigin ? [{ key: "bpo" as const, label: "BPO Origin" }] : []),
  ];

  return (
    <div className="lead-page">
      <UnsavedChangesGuard when={dirty} what={lead.reference} />
      <p className="breadcrumb">
        <Link to="/">All Leads</Link> / {lead.reference}
      </p>
      <PageHeader
        title={`${lead.reference} · ${lead.contactName}`}
        subtitle={
          <span className="lead-page__badges">
            {hasOrigin ? <Badge tone="info">Endorsed from BPO</Badge> : <Badge>{lead.source.name}</Badge>}
            {lead.isWon && <Badge tone="success">Won</Badge>}
            {lead.isLost && <Badge tone="warning">Lost{lead.lostReason ? `: ${lead.lostReason.name}` : ""}</Badge>}
            {!lead.active && <Badge tone="warning">Archived</Badge>}
            <span className="uk-muted">
              {lead.user ? `Salesperson: ${lead.user.name}` : "Unassigned"} · created {formatDateTime(lead.createdAt)}
            </span>
            <span className={`live-indicator${live ? " live-indicator--on" : ""}`}>{live ? "Live" : "Connecting…"}</span>
          </span>
        }
      />
      <div className="lead-page__bar">
        <StatusBar
          steps={steps}
          current={lead.stageId}
          busy={moving}
          onSelect={open && canWork && lead.active ? (s) => void selectStage(Number(s.key)) : undefined}
          selectable={(s) => !stages.find((x) => x.id === s.key)?.isLost}
        />
        <LeadActions lead={lead} stages={stages} canWork={canWork} canDelete={isManager(user)} onChanged={changed} dirty={dirty} />
      </div>
      {stageError && (
        <p className="form-error" role="alert">
          {stageError}
        </p>
      )}
      {!canWork && (
        <p className="uk-muted">
          {lead.user ? `This lead belongs to ${lead.user.name}: you can read it; only its salesperson or a Dealer Manager can change it.` : "This lead is unassigned: you can read it; a Dealer Manager assigns it to a salesperson."}
        </p>
      )}
      {lead.isLost && lead.lostNotes && <p className="lost-notes">Lost notes: {lead.lostNotes}</p>}
      <CallbackStatus lead={lead} />

      <RecordLayout
        sideLabel="Lead history"
        main={
          <>
            <div className="uk-tabs" role="tablist" aria-label="Lead sections">
              {tabs.map((t) => (
                <button key={t.key} type="button" role="tab" id={`tab-${t.key}`} aria-selected={tab === t.key} aria-controls={`panel-${t.key}`} onClick={() => setTab(t.key)}>
                  {t.label}
                </button>
              ))}
            </div>

            <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
              {tab === "details" && (
                <form onSubmit={(e) => void save(e)} noValidate className="lead-form" aria-label="Lead details">
                  {editable && <SaveBar dirty={dirty} saving={saving} onDiscard={discard} />}
                  {formError && (
                    <p className="form-error" role="alert">
                      {formError}
                    </p>
                  )}
                  <LeadFields draft={draft} onChange={(p) => setDraft((d) => ({ ...d, ...p }))} errors={errors} user={user} lead={lead} disabled={!editable} />
                </form>
              )}
              {tab === "orders" && (
                <DataTable
                  label="Sale orders of this lead"
                  rows={lead.orders}
                  rowKey={(o) => o.id}
                  emptyText={open ? "No sale orders yet. Use Convert to Quotation to start one." : "No sale orders."}
                  columns={[
                    { key: "name", header: "Order", render: (o) => <Link to={`/sale-orders/${o.id}`}>{o.name}</Link> },
                    { key: "state", header: "Status", render: (o) => ORDER_STATE_LABEL[o.state] },
                    { key: "total", header: "Total", numeric: true, render: (o) => formatMoney(o.amountTotal) },
                  ]}
                />
              )}
              {tab === "bpo" && hasOrigin && <BpoOriginTab lead={lead} />}
            </div>
          </>
        }
        side={<RecordChatter url={`/api/leads/${lead.id}/messages`} postUrl={`/api/leads/${lead.id}/messages`} version={version} />}
      />
    </div>
  );
}
