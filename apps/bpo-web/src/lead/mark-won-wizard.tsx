import { WizardDialog } from "@crm/ui-kit";
import { type LeadView, api } from "../api";

/** bpo-2 Mark as Won: says where the sale order goes before pushing it; the server's refusal stays in place. */
export function MarkWonWizard({ lead, open, onClose, onDone, onFailed }: { lead: LeadView; open: boolean; onClose(): void; onDone(r: { lead: LeadView; saleOrderName: string }): void; onFailed(): void }) {
  return (
    <WizardDialog
      open={open}
      title={`Mark ${lead.reference} as Won`}
      submitLabel="Mark as Won"
      onClose={onClose}
      canSubmit={lead.dealershipId !== null}
      blockedReason="Set the lead's dealership first (Source and dealership): the sale order is pushed there."
      onSubmit={async () => {
        try {
          onDone(await api<{ lead: LeadView; saleOrderName: string }>(`/api/leads/${lead.id}/mark-won`, { method: "POST" }));
        } catch (e) {
          // The server wrote the failure to the chatter: show it there too.
          onFailed();
          throw e;
        }
      }}
    >
      <div className="lead-wizard">
        <p className="lead-wizard-text">
          A sale order for {lead.quantity} × {lead.vehicleModel?.name ?? `${lead.brand.name} (no model set)`} is created for {lead.contactName} at{" "}
          <strong>{lead.dealership?.name ?? "— no dealership —"}</strong>, then the lead moves to Won and the dealership's manager is e-mailed.
        </p>
        <p className="lead-wizard-text uk-muted">If the dealership cannot be reached the lead stays where it is and the error goes to the chatter.</p>
      </div>
    </WizardDialog>
  );
}
