import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { Chatter, ErrorState, Link, Loading, PageHeader, RecordLayout, SaveBar, StatusBar, UnsavedChangesGuard, useAsync, useNavSection, useToast } from "@crm/ui-kit";
import { LEADS_PATH } from "../leads-list-page";
import { type LeadMessage, type LeadView, type User, api, errorMessage } from "../api";
import { ActivitiesPanel } from "./activities-panel";
import { ActivityWizard } from "./activity-wizard";
import { CallLogsPanel } from "./call-logs-panel";
import { EndorsementPanel } from "./endorsement-panel";
import { LeadActionsBar, type LeadWizard, endorsementToastKey } from "./lead-actions-bar";
import { type DraftKey, type FieldErrors, type LeadDraft, draftOf, toPayload, validateDraft } from "./lead-draft";
import { LeadFields } from "./lead-fields";
import { LOST_REASONS, labelOf } from "./lead-labels";
import { isEndorsed, isManager, leadActions, nextOpenStage, openStages } from "./lead-rules";
import { withBrandRules } from "./new-lead-form";
import { FIELDS_NEED_ATTENTION, fieldErrorsOf, formBannerOf, useLiveEvents } from "@crm/ui-kit";
import { LEAD_EVENT_KINDS, type LeadLiveEvent } from "../live-board-events";
import type { Catalog } from "./use-catalog";
import { useEndorsementCheck } from "./use-endorsement-check";
import { useLeadRecord } from "./use-lead-record";

/** Where a lead belongs in the menu: the pool while unclaimed, the user's pipeline when theirs, else the Leads list. */
function sectionOf(user: User, lead: LeadView | null): { to: string; label: string } | null {
  if (!lead) return null;
  if (lead.userId === null && lead.active) return { to: "/", label: "Open Leads" };
  if (lead.userId === user.id) return { to: "/pipeline", label: "My Pipeline" };
  return { to: LEADS_PATH, label: "Leads" };
}

/**
 * While the lead is open, the endorsement's delivery reaching Delivered or Failed (a live event) replaces the
 * "sending…" toast of the Endorse click, so no message outlives the state it described.
 */
function useEndorsementToast(lead: LeadView | null) {
  const toast = useToast();
  const was = useRef(lead?.endorsementStatus);
  const status = lead?.endorsementStatus;
  useEffect(() => {
    const before = was.current;
    was.current = status;
    if (!lead || before !== "pending" || status === "pending") return;
    const to = lead.dealership?.name ?? "the dealership";
    const key = endorsementToastKey(lead.id);
    if (status === "delivered") toast.show(`${lead.reference} delivered to ${to}${lead.dealerLeadName ? ` as ${lead.dealerLeadName}` : ""}.`, "success", { key });
    else if (status === "failed") toast.show(`${lead.reference} could not be delivered to ${to}: ${lead.endorsementError ?? "see the Dealership panel"}.`, "error", { key });
    // Only the status change matters; the rest of the lead is read at that moment.
  }, [status]);
}

/** A saved lead: header actions, stage bar, the editable fields, and the side panels with the chatter. */
export function ExistingLeadForm({ user, leadId, catalog }: { user: User; leadId: number; catalog: Catalog }) {
  const toast = useToast();
  const rec = useLeadRecord(leadId);
  // Only what the user typed; the rest always shows the latest saved lead (live refreshes included).
  const [edits, setEdits] = useState<Partial<LeadDraft>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [stageError, setStageError] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [activityWizard, setActivityWizard] = useState(false);
  const [wizard, setWizard] = useState<LeadWizard>(null);
  // Live: a change this user may still see reloads this lead's record (fields, chatter, panels); a lead
  // that left their sight (claimed by another agent) is patched in place from the event: the form shows the
  // holder and drops its Claim button, without a read that would now be refused.
  const live = useLiveEvents(LEAD_EVENT_KINDS, (_name, data) => {
    const e = data as LeadLiveEvent<unknown>;
    if (e.leadId !== leadId) return;
    if (e.card) rec.reloadAll();
    else if (e.now && rec.lead.data) rec.setLead({ ...rec.lead.data, userId: e.now.u, user: e.now.u === null ? null : { id: e.now.u, name: e.now.n ?? "another user" } });
  });

  const lead = rec.lead.data;
  const base = useMemo(() => (lead ? draftOf(lead) : null), [lead]);
  const endorseIssues = useEndorsementCheck(lead, lead !== null && leadActions(user, lead).endorse);
  useEndorsementToast(lead);
  const section = sectionOf(user, lead);
  useNavSection(section?.to ?? null);

  if (!lead || !base) {
    if (rec.lead.error) return <ErrorState message={`Could not load lead ${leadId}: ${rec.lead.error}`} onRetry={rec.reloadLead} />;
    return <Loading label="Loading lead…" />;
  }

  const draft: LeadDraft = { ...base, ...edits };
  const changes = toPayload(draft, base);
  const dirty = Object.keys(changes).length > 0;
  const can = leadActions(user, lead);
  const worked = () => {
    rec.reloadMessages();
    rec.reloadActivities();
    rec.reloadCalls();
  };
  const onLead = (l: LeadView) => rec.setLead(l);

  const change = (key: DraftKey, value: string | boolean) => {
    setEdits((e) => {
      const next = withBrandRules(catalog, { ...base, ...e, [key]: value }, key);
      const out: Partial<LeadDraft> = { ...e, [key]: value };
      if (key === "brandId") Object.assign(out, { vehicleModelId: next.vehicleModelId, dealershipId: next.dealershipId });
      return out;
    });
    if (errors[key]) {
      setErrors((old) => {
        const rest = { ...old };
        delete rest[key];
        return rest;
      });
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!dirty || saving) return;
    const local = validateDraft(draft);
    setErrors(local);
    if (Object.keys(local).length) {
      setSaveError(FIELDS_NEED_ATTENTION);
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await api<LeadView>(`/api/leads/${lead.id}`, { method: "PATCH", body: changes });
      rec.setLead(saved);
      setEdits({});
      rec.reloadMessages();
      toast.show("Changes saved.", "success");
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      // Field messages sit under their fields; the summary only points there.
      setSaveError(formBannerOf(err, fields));
    } finally {
      setSaving(false);
    }
  };
  const discard = () => {
    setEdits({});
    setErrors({});
    setSaveError(null);
  };

  const next = nextOpenStage(catalog.stages, lead.stageId);
  // The Move button and the statusbar both ask the server; a skip or a step back comes back with its message.
  const moveTo = async (stageId: number) => {
    setMoving(true);
    setStageError(null);
    try {
      rec.setLead(await api<LeadView>(`/api/leads/${lead.id}/stage`, { method: "POST", body: { stageId } }));
      rec.reloadMessages();
    } catch (err) {
      setStageError(errorMessage(err));
    } finally {
      setMoving(false);
    }
  };
  const selectStep = (key: string | number) => {
    const stage = catalog.stages.find((s) => s.id === key);
    if (!stage) return;
    // Winning pushes a sale order: the statusbar's Won opens the same wizard as the header button.
    if (stage.isWon) setWizard("won");
    else void moveTo(stage.id);
  };

  // Odoo's statusbar: the open stages and Won; Lost only when the lead is there.
  const steps = [...openStages(catalog.stages), ...catalog.stages.filter((s) => s.isWon || (s.isLost && s.id === lead.stageId))].map((s) => ({ key: s.id, label: s.name }));
  const readOnly = !can.edit;
  // Fields Endorse would refuse are flagged under the field until the agent changes them.
  const endorseErrors = Object.fromEntries(endorseIssues.filter((i) => !(i.path in edits)).map((i) => [i.path, i.message]));

  return (
    <div className="lead-page">
      <UnsavedChangesGuard when={dirty} what={lead.reference} />
      <nav className="lead-crumbs" aria-label="Breadcrumb">
        <Link to={section!.to}>{section!.label}</Link> <span aria-hidden="true">/</span> <span>{lead.reference}</span>
      </nav>
      <PageHeader
        title={lead.contactName}
        subtitle={
          <>
            <span className="lead-ref-code">{lead.reference}</span> · {lead.brand.name}
            {lead.vehicleModel ? ` ${lead.vehicleModel.name}` : ""} · {lead.source.name} · {lead.user ? `Salesperson: ${lead.user.name}` : "Unclaimed"}
            <span className={`live-indicator${live ? " live-indicator--on" : ""}`}>{live ? "Live" : "Connecting…"}</span>
          </>
        }
        actions={<LeadActionsBar user={user} lead={lead} catalog={catalog} onLead={onLead} onWorked={worked} wizard={wizard} onWizard={setWizard} />}
      />

      <div className="lead-stagebar">
        <StatusBar
          steps={steps}
          current={lead.stageId}
          busy={moving}
          onSelect={can.advance ? (s) => selectStep(s.key) : undefined}
          selectable={(s) => (catalog.stages.find((x) => x.id === s.key)?.isWon ? can.markWon : true)}
        />
        {can.advance && next && (
          <button type="button" className="uk-button uk-button--secondary" disabled={moving} onClick={() => void moveTo(next.id)}>
            {moving ? "Moving…" : `Move to ${next.name}`}
          </button>
        )}
      </div>
      {stageError && (
        <p className="lead-alert lead-alert--error" role="alert">
          {stageError}
        </p>
      )}
      <LeadBanners user={user} lead={lead} />
      {endorseIssues.length > 0 && (
        <p className="lead-alert lead-alert--warning" role="status" aria-label="Endorsement check">
          Endorse is not possible until these fields are fixed: {endorseIssues.map((i) => i.message).join("; ")}.
        </p>
      )}

      <RecordLayout
        sideLabel="Work on this lead"
        main={
          <form onSubmit={(e) => void save(e)} noValidate aria-label="Lead details">
            {!readOnly && (
              <SaveBar dirty={dirty} saving={saving} onDiscard={discard} />
            )}
            {saveError && (
              <p className="lead-alert lead-alert--error" role="alert">
                {saveError}
              </p>
            )}
            {readOnly && <p className="lead-alert lead-alert--info">{lead.userId === null ? "Claim this lead to edit and work it." : "This lead belongs to another agent: you can look but not change it."}</p>}
            <LeadFields draft={draft} onChange={change} errors={{ ...endorseErrors, ...errors }} catalog={catalog} lead={lead} readOnly={readOnly} />
          </form>
        }
        side={
          <>
            <EndorsementPanel lead={lead} catalog={catalog} />
            <ActivitiesPanel
              user={user}
              activities={rec.activities.data ?? []}
              loading={rec.activities.loading}
              error={rec.activities.error}
              onRetry={rec.reloadActivities}
              onChanged={worked}
              onSchedule={can.logCall ? () => setActivityWizard(true) : undefined}
            />
            <CallLogsPanel calls={rec.calls.data ?? []} loading={rec.calls.loading} error={rec.calls.error} onRetry={rec.reloadCalls} />
            <Chatter
              messages={chatterMessages(rec.messages.data)}
              loading={rec.messages.loading}
              error={rec.messages.error}
              onPost={async (body) => {
                await api(`/api/leads/${lead.id}/messages`, { method: "POST", body: { body } });
                rec.reloadMessages();
              }}
            />
          </>
        }
      />
      {activityWizard && (
        <ActivityWizard open visit={false} leadId={lead.id} onClose={() => setActivityWizard(false)} onDone={() => (worked(), toast.show("Activity scheduled.", "success"))} />
      )}
    </div>
  );
}

/** A tracking message's body repeats its changes; the structured list (field: old → new) says it once. */
const chatterMessages = (messages: LeadMessage[] | null) => (messages ?? []).map((m) => (m.kind === "tracking" && m.changes?.length ? { ...m, body: "" } : m));

/** Closed, archived and endorsed leads say so at the top, in words. */
function LeadBanners({ user, lead }: { user: User; lead: LeadView }) {
  return (
    <>
      {!lead.active && lead.mergedIntoId !== null && <MergedBanner keptId={lead.mergedIntoId} />}
      {!lead.active && lead.mergedIntoId === null && <p className="lead-alert lead-alert--warning">This lead is archived: it is hidden from the boards. A Supervisor or Manager can restore it.</p>}
      {lead.isWon && (
        <p className="lead-alert lead-alert--success">
          Won{lead.dealerSoName ? `: sale order ${lead.dealerSoName}` : ""}
          {lead.dealership ? ` at ${lead.dealership.name}` : ""}.
        </p>
      )}
      {lead.isLost && (
        <p className="lead-alert lead-alert--lost">
          Lost: {labelOf(LOST_REASONS, lead.lostReason) ?? "no reason recorded"}
          {lead.lostNotes ? ` — ${lead.lostNotes}` : ""}
        </p>
      )}
      {isEndorsed(lead) && !lead.isWon && !lead.isLost && (
        <p className="lead-alert lead-alert--info">
          Endorsed to a dealership: its outcome comes from the dealer.{isManager(user) ? " As a Manager you can still close it here." : ""}
        </p>
      )}
    </>
  );
}

/** A merged duplicate points at the lead that kept its history (its reference read from that lead). */
function MergedBanner({ keptId }: { keptId: number }) {
  const kept = useAsync((signal) => api<LeadView>(`/api/leads/${keptId}`, { signal }).then((l) => l.reference).catch(() => null), [keptId]);
  const ref = kept.data ?? `lead #${keptId}`;
  return (
    <p className="lead-alert lead-alert--warning">
      This lead was merged into {ref} and archived: its chatter, call logs and activities are there now. <Link to={`/leads/${keptId}`}>Open {ref}</Link>
    </p>
  );
}
