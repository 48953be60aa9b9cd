import { useState } from "react";
import { useToast } from "@crm/ui-kit";
import { type LeadActivity, type User, api, errorMessage } from "../api";
import { ACTIVITY_TYPES, formatDate, labelOf } from "./lead-labels";
import { seesAllLeads } from "./lead-rules";

const STATE_LABEL: Record<LeadActivity["state"], string> = { overdue: "Overdue", today: "Today", planned: "Planned", done: "Done" };

/** The lead's activities with Odoo's red / yellow / green state, and Mark done for the assignee. */
export function ActivitiesPanel({ user, activities, loading, error, onRetry, onChanged, onSchedule }: { user: User; activities: LeadActivity[]; loading: boolean; error: string | null; onRetry(): void; onChanged(): void; onSchedule?: () => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState<number | null>(null);
  const [showDone, setShowDone] = useState(false);
  const markDone = async (a: LeadActivity) => {
    setBusy(a.id);
    try {
      await api(`/api/activities/${a.id}/done`, { method: "POST" });
      toast.show(`Done: ${a.summary}`, "success");
      onChanged();
    } catch (e) {
      toast.show(errorMessage(e), "error");
    } finally {
      setBusy(null);
    }
  };
  const shown = activities.filter((a) => showDone || !a.done);
  const doneCount = activities.filter((a) => a.done).length;
  return (
    <section className="lead-panel" aria-labelledby="lead-activities-title">
      <div className="lead-panel__head">
        <h2 id="lead-activities-title" className="uk-section-title">
          Activities
        </h2>
        {onSchedule && (
          <button type="button" className="uk-button uk-button--secondary" onClick={onSchedule}>
            Schedule activity
          </button>
        )}
      </div>
      {error && (
        <p className="uk-field__error" role="alert">
          Could not load activities: {error}{" "}
          <button type="button" className="lead-linkbutton" onClick={onRetry}>
            Try again
          </button>
        </p>
      )}
      {loading && activities.length === 0 ? (
        <p className="uk-muted" role="status">
          Loading activities…
        </p>
      ) : shown.length === 0 ? (
        <p className="uk-muted">{doneCount ? "No open activities." : "No activities scheduled."}</p>
      ) : (
        <ul className="lead-list" aria-label="Activities of this lead">
          {shown.map((a) => (
            <li key={a.id} className={`lead-activity${a.done ? " lead-activity--done" : ""}`}>
              <span className={a.done ? "uk-pill lead-pill--done" : `uk-pill uk-pill--${a.state}`}>{STATE_LABEL[a.state]}</span>
              <div className="lead-activity__body">
                <p className="lead-activity__summary">
                  <span className="lead-activity__type">{labelOf(ACTIVITY_TYPES, a.type)}</span> {a.summary}
                </p>
                <p className="lead-activity__meta">
                  Due {formatDate(a.dueDate)}
                  {a.dueTime && ` at ${a.dueTime}`} · {a.assigneeName}
                </p>
                {a.note && <p className="lead-activity__note">{a.note}</p>}
              </div>
              {!a.done && (a.assigneeId === user.id || seesAllLeads(user)) && (
                <button type="button" className="uk-button uk-button--secondary" disabled={busy === a.id} onClick={() => void markDone(a)} aria-label={`Mark done: ${a.summary}`}>
                  {busy === a.id ? "Saving…" : "Mark done"}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {doneCount > 0 && (
        <button type="button" className="lead-linkbutton" onClick={() => setShowDone((v) => !v)} aria-expanded={showDone}>
          {showDone ? "Hide done activities" : `Show ${doneCount} done`}
        </button>
      )}
    </section>
  );
}
