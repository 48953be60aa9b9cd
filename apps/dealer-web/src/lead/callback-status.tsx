import type { Lead } from "../api";

const LABEL = { pending: "Pending", delivered: "Sent", failed: "Failed" } as const;
const EXPLAIN = {
  pending: "The outcome is queued for the BPO CRM and retried until it arrives.",
  delivered: "The BPO CRM received the outcome and flipped its lead to match.",
  failed: "The BPO CRM could not be told after every retry. An Admin can send it again from Configuration → Undelivered callbacks.",
} as const;

/** The Won/Lost callback to the BPO (dealer-1): pending / sent / failed with the last error. */
export function CallbackStatus({ lead }: { lead: Lead }) {
  if (lead.bpoSourceLeadId === null || lead.callbackStatus === "none") return null;
  const s = lead.callbackStatus;
  const outcome = lead.isWon ? "Won" : lead.isLost ? "Lost" : "outcome";
  return (
    <div className={`callback callback--${s}`} role="status" aria-label="BPO callback status">
      <strong>
        BPO callback ({outcome}): {LABEL[s]}
      </strong>
      <span className="callback__explain"> — {EXPLAIN[s]}</span>
      {lead.callbackError && (
        <p className="callback__error">
          Last error: <code>{lead.callbackError}</code>
        </p>
      )}
    </div>
  );
}
