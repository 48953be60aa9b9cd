import { useState } from "react";
import { ConfirmDialog, liveSeenHeaders, navigate, useToast } from "@crm/ui-kit";
import { ApiError, type LeadView, type User, api, errorMessage } from "../api";
import { ActivityWizard } from "./activity-wizard";
import { EndorseWizard } from "./endorse-wizard";
import { LogCallWizard } from "./log-call-wizard";
import { leadActions } from "./lead-rules";
import { ReassignWizard } from "./manager-wizards";
import { MarkLostWizard } from "./mark-lost-wizard";
import { MarkWonWizard } from "./mark-won-wizard";
import { MergeWizard } from "./merge-wizard";
import type { Catalog } from "./use-catalog";

export type LeadWizard = "call" | "visit" | "won" | "lost" | "endorse-sq" | "endorse" | "reassign" | "merge" | null;

interface Props {
  user: User;
  lead: LeadView;
  catalog: Catalog;
  /** The lead as an action answered it. */
  onLead(l: LeadView): void;
  /** Something besides the lead changed (chatter, activities, calls): reload those. */
  onWorked(): void;
  /** The open wizard, held by the form so its statusbar can open Mark as Won too. */
  wizard: LeadWizard;
  onWizard(w: LeadWizard): void;
}

/** One toast per lead's endorsement: each later state of the delivery replaces the one before. */
export const endorsementToastKey = (leadId: number) => `endorsement-${leadId}`;

/**
 * The lead form's header buttons, each shown only when it applies (lead-rules mirrors the server), and
 * the wizards they open. Claim and Restore act at once; the rest (Archive included) ask first.
 */
export function LeadActionsBar({ user, lead, catalog, onLead, onWorked, wizard, onWizard: setWizard }: Props) {
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const can = leadActions(user, lead);
  const close = () => setWizard(null);

  const act = async (name: string, path: string, done: (l: LeadView) => string) => {
    setBusy(name);
    try {
      // The page's newest live event: a claim is never refused from the server's older knowledge of the lead.
      const l = await api<LeadView>(path, { method: "POST", headers: liveSeenHeaders() });
      onLead(l);
      onWorked();
      toast.show(done(l), "success");
    } catch (e) {
      toast.show(errorMessage(e), "error");
      // Someone else claimed it meanwhile: show who holds it now.
      if (e instanceof ApiError && e.status === 409) onWorked();
    } finally {
      setBusy(null);
    }
  };
  const afterLead = (l: LeadView, message: string, opts?: { key?: string }) => {
    onLead(l);
    onWorked();
    toast.show(message, "success", opts);
  };

  return (
    <>
      <div className="lead-actions" role="group" aria-label="Lead actions">
        {can.claim && (
          <button type="button" className="uk-button" disabled={busy === "claim"} onClick={() => void act("claim", `/api/leads/${lead.id}/claim`, (l) => `You claimed ${l.reference}.`)}>
            {busy === "claim" ? "Claiming…" : "Claim Lead"}
          </button>
        )}
        {can.logCall && (
          <button type="button" className="uk-button uk-button--secondary" onClick={() => setWizard("call")}>
            Log Call
          </button>
        )}
        {can.scheduleVisit && (
          <button type="button" className="uk-button uk-button--secondary" onClick={() => setWizard("visit")}>
            Schedule Visit
          </button>
        )}
        {can.endorse && (
          <>
            <button type="button" className="uk-button uk-button--secondary" onClick={() => setWizard("endorse-sq")}>
              Endorse w/ S.Q.
            </button>
            <button type="button" className="uk-button uk-button--secondary" onClick={() => setWizard("endorse")}>
              Endorse w/o S.Q.
            </button>
          </>
        )}
        {can.markWon && (
          <button type="button" className="uk-button uk-button--success" onClick={() => setWizard("won")}>
            Mark as Won
          </button>
        )}
        {can.markLost && (
          <button type="button" className="uk-button uk-button--danger" onClick={() => setWizard("lost")}>
            Mark as Lost
          </button>
        )}
        {can.merge && (
          <button type="button" className="uk-button uk-button--secondary" onClick={() => setWizard("merge")}>
            Merge into…
          </button>
        )}
      </div>
      {(can.reassign || can.archive || can.restore) && (
        <div className="lead-actions lead-actions--admin" role="group" aria-label="Supervisor actions">
          {can.reassign && (
            <button type="button" className="uk-button uk-button--secondary" onClick={() => setWizard("reassign")}>
              Reassign
            </button>
          )}
          {can.archive && (
            <button type="button" className="uk-button uk-button--secondary" disabled={busy === "archive"} onClick={() => setConfirmArchive(true)}>
              Archive
            </button>
          )}
          {can.restore && (
            <button type="button" className="uk-button uk-button--secondary" disabled={busy === "restore"} onClick={() => void act("restore", `/api/leads/${lead.id}/restore`, (l) => `${l.reference} restored.`)}>
              Restore
            </button>
          )}
        </div>
      )}

      <ConfirmDialog
        open={confirmArchive}
        title={`Archive ${lead.reference}?`}
        confirmLabel="Archive"
        busy={busy === "archive"}
        onCancel={() => setConfirmArchive(false)}
        onConfirm={() => void act("archive", `/api/leads/${lead.id}/archive`, (l) => `${l.reference} archived.`).then(() => setConfirmArchive(false))}
      >
        <p className="lead-wizard-text">The lead disappears from Open Leads and every pipeline. A Supervisor or Manager can restore it later.</p>
      </ConfirmDialog>
      {wizard === "call" && <LogCallWizard open leadId={lead.id} onClose={close} onDone={() => (onWorked(), toast.show("Call logged.", "success"))} />}
      {wizard === "visit" && <ActivityWizard open visit leadId={lead.id} onClose={close} onDone={() => (onWorked(), toast.show("Visit scheduled.", "success"))} />}
      {wizard === "merge" && (
        <MergeWizard
          open
          user={user}
          lead={lead}
          catalog={catalog}
          onClose={close}
          onDone={(kept) => {
            close();
            toast.show(`${lead.reference} merged into ${kept.reference}.`, "success");
            navigate(`/leads/${kept.id}`);
          }}
        />
      )}
      {wizard === "lost" && <MarkLostWizard open lead={lead} onClose={close} onDone={(l) => afterLead(l, `${l.reference} marked as Lost.`)} />}
      {wizard === "won" && (
        <MarkWonWizard
          open
          lead={lead}
          onClose={close}
          onDone={(r) => afterLead(r.lead, `${r.lead.reference} is Won: sale order ${r.saleOrderName} created at ${r.lead.dealership?.name ?? "the dealership"}.`)}
          onFailed={onWorked}
        />
      )}
      {(wizard === "endorse-sq" || wizard === "endorse") && (
        <EndorseWizard
          open
          lead={lead}
          catalog={catalog}
          withQuotation={wizard === "endorse-sq"}
          onClose={close}
          // Says only what is true now; the form replaces this toast when delivery succeeds or fails (endorsementToastKey).
          onDone={(l) => afterLead(l, `${l.reference} endorsed to ${l.dealership?.name ?? "the dealership"}: sending it to the dealership…`, { key: endorsementToastKey(l.id) })}
        />
      )}
      {wizard === "reassign" && <ReassignWizard open lead={lead} onClose={close} onDone={(l) => afterLead(l, l.user ? `${l.reference} assigned to ${l.user.name}.` : `${l.reference} is back in Open Leads.`)} />}
    </>
  );
}
