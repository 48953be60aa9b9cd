import { useState } from "react";
import { ConfirmDialog, WizardDialog, navigate, useAsync, useToast } from "@crm/ui-kit";
import { type Lead, type MarkWonCheck, type SaleOrder, type Stage, api, errorMessage } from "../api";
import { MarkLostDialog } from "./mark-lost-dialog";

interface Props {
  lead: Lead;
  stages: Stage[];
  /** The user may change this lead (own lead, or Manager and above). */
  canWork: boolean;
  /** Dealer Manager and above may delete a lead for good (the server refuses while a sale order is linked). */
  canDelete: boolean;
  onChanged(l: Lead): void;
  /** The form has unsaved edits: actions that leave or close the lead ask to save first. */
  dirty: boolean;
}

/**
 * The lead's buttons, shown only when they apply: next stage, Convert to Quotation, Mark Won (disabled with the
 * server's explanation while it would be refused), Mark Lost, Archive / Restore, Delete (Managers).
 */
export function LeadActions({ lead, stages, canWork, canDelete, onChanged, dirty }: Props) {
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [lostOpen, setLostOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [archiveOpen, setArchiveOpen] = useState(false);
  const [wonError, setWonError] = useState<string | null>(null);
  const open = !lead.isWon && !lead.isLost;
  const check = useAsync(
    (signal) => (open && canWork && lead.active ? api<MarkWonCheck>(`/api/leads/${lead.id}/mark-won-check`, { signal }) : Promise.resolve(null)),
    [lead.id, lead.updatedAt, open, canWork, lead.active],
  );
  if (!canWork) return null;

  const openStages = stages.filter((s) => !s.isWon && !s.isLost);
  const next = openStages[openStages.findIndex((s) => s.id === lead.stageId) + 1];
  // Mark Won applies from the last open stage (Negotiation); earlier, "Move to …" is the next step.
  const atLastOpen = openStages.at(-1)?.id === lead.stageId;

  const run = async (name: string, fn: () => Promise<void>) => {
    if (dirty) {
      toast.show("Save or discard your changes first.", "error");
      return;
    }
    setBusy(name);
    try {
      await fn();
    } catch (e) {
      toast.show(errorMessage(e), "error");
    } finally {
      setBusy(null);
    }
  };
  const post = (path: string, body?: object) => api<Lead>(`/api/leads/${lead.id}/${path}`, { method: "POST", body });

  const markWon = () =>
    run("won", async () => {
      setWonError(null);
      try {
        onChanged(await post("mark-won"));
        toast.show(`${lead.reference} is Won.`, "success");
      } catch (e) {
        // The refusal stays next to the button (not only in a toast) so the reason can be read and acted on.
        setWonError(errorMessage(e));
        check.reload();
      }
    });

  const archiveOrRestore = () =>
    run("archive", async () => {
      onChanged(await post(lead.active ? "archive" : "restore"));
      toast.show(lead.active ? `${lead.reference} archived.` : `${lead.reference} restored.`, "success");
    });

  const refused = check.status === "ready" && check.data && !check.data.allowed ? check.data.reason : null;
  const wonReason = wonError ?? refused;
  return (
    <div className="lead-actions">
      {lead.active && open && next && (
        <button type="button" className="uk-button uk-button--secondary" disabled={busy !== null} onClick={() => void run("stage", async () => onChanged(await post("stage", { stageId: next.id })))}>
          Move to {next.name}
        </button>
      )}
      {lead.active && open && (
        <button
          type="button"
          className="uk-button uk-button--secondary"
          disabled={busy !== null}
          onClick={() =>
            void run("convert", async () => {
              const order = await api<SaleOrder>(`/api/leads/${lead.id}/convert-to-quotation`, { method: "POST" });
              toast.show(`Quotation ${order.name} created.`, "success");
              navigate(`/sale-orders/${order.id}`);
            })
          }
        >
          {busy === "convert" ? "Creating…" : "Convert to Quotation"}
        </button>
      )}
      {lead.active && open && atLastOpen && (
        <span className="lead-actions__won">
          <button
            type="button"
            className="uk-button uk-button--success"
            disabled={busy !== null || check.status === "loading" || refused !== null}
            aria-describedby={wonReason ? "mark-won-reason" : undefined}
            onClick={() => void markWon()}
          >
            {busy === "won" ? "Marking…" : "Mark Won"}
          </button>
        </span>
      )}
      {lead.active && open && (
        <button type="button" className="uk-button uk-button--danger" disabled={busy !== null} onClick={() => (dirty ? toast.show("Save or discard your changes first.", "error") : setLostOpen(true))}>
          Mark Lost
        </button>
      )}
      <button
        type="button"
        className="uk-button uk-button--secondary"
        disabled={busy !== null}
        onClick={() => (lead.active ? setArchiveOpen(true) : void archiveOrRestore())}
      >
        {lead.active ? "Archive" : "Restore"}
      </button>
      <ConfirmDialog
        open={archiveOpen}
        title={`Archive ${lead.reference}?`}
        confirmLabel="Archive"
        busy={busy === "archive"}
        onCancel={() => setArchiveOpen(false)}
        onConfirm={() => void archiveOrRestore().then(() => setArchiveOpen(false))}
      >
        <p>The lead is hidden from the boards and the list; the Archived filter still finds it and it can be restored.</p>
      </ConfirmDialog>
      {canDelete && (
        <button type="button" className="uk-button uk-button--secondary" disabled={busy !== null} onClick={() => setDeleteOpen(true)}>
          Delete
        </button>
      )}
      {lead.active && open && atLastOpen && wonReason && (
        <p id="mark-won-reason" className="lead-actions__reason" role={wonError ? "alert" : "note"}>
          <strong>Mark Won is not possible yet:</strong> {wonReason}
        </p>
      )}
      {deleteOpen && (
        <WizardDialog
          open
          title={`Delete ${lead.reference}?`}
          submitLabel="Delete"
          danger
          onClose={() => setDeleteOpen(false)}
          onSubmit={async () => {
            // A lead with a sale order is refused by the server; its message stays in the dialog.
            await api(`/api/leads/${lead.id}`, { method: "DELETE" });
            toast.show(`${lead.reference} deleted.`, "success");
            navigate("/", { force: true });
          }}
        >
          <p>
            This removes {lead.reference} ({lead.contactName}) and its chatter for good. A lead with a sale order cannot be deleted: archive it instead.
          </p>
        </WizardDialog>
      )}
      <MarkLostDialog lead={lead} open={lostOpen} onClose={() => setLostOpen(false)} onDone={(l) => { onChanged(l); toast.show(`${lead.reference} is Lost.`, "success"); }} />
    </div>
  );
}
