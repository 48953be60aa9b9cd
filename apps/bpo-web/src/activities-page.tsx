import { useEffect, useState } from "react";
import { ErrorState, Link, Loading, PageHeader, useAsync, useDocumentTitle, useToast } from "@crm/ui-kit";
import { type LeadActivity as Activity, type User, api, errorMessage } from "./api";

const GROUPS = [
  { state: "overdue", title: "Overdue", pill: "Overdue" },
  { state: "today", title: "Today", pill: "Today" },
  { state: "planned", title: "Planned", pill: "Planned" },
] as const;
const TYPE_LABEL: Record<Activity["type"], string> = { call: "Call", visit: "Visit", task: "Task" };

const formatDue = (d: string) => new Date(`${d}T00:00:00`).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
/** Whole days between a due date and today (both YYYY-MM-DD, the server's calendar). */
const daysLate = (due: string) => Math.round((Date.parse(new Date().toISOString().slice(0, 10)) - Date.parse(due)) / 86_400_000);

/** My Activities (bpo-2 "Following up"): my open follow-ups, overdue first (red), today (yellow), planned (green). */
export function ActivitiesPage(_props: { user: User }) {
  useDocumentTitle("My Activities", "BPO CRM");
  const toast = useToast();
  const list = useAsync((signal) => api<{ activities: Activity[] }>("/api/activities/mine", { signal }), []);
  const [items, setItems] = useState<Activity[] | null>(null);
  const [pending, setPending] = useState<Set<number>>(new Set());
  useEffect(() => {
    if (list.data) setItems(list.data.activities);
  }, [list.data]);

  const markDone = async (a: Activity) => {
    setPending((s) => new Set(s).add(a.id));
    try {
      await api(`/api/activities/${a.id}/done`, { method: "POST" });
      setItems((xs) => xs?.filter((x) => x.id !== a.id) ?? xs);
      toast.show(`Done: "${a.summary}" (${a.leadReference}).`, "success");
    } catch (e) {
      toast.show(`Could not mark "${a.summary}" done: ${errorMessage(e)}`, "error");
    } finally {
      setPending((s) => {
        const n = new Set(s);
        n.delete(a.id);
        return n;
      });
    }
  };

  const open = items?.filter((a) => a.state !== "done") ?? [];
  const counts = GROUPS.map((g) => `${open.filter((a) => a.state === g.state).length} ${g.title.toLowerCase()}`).join(" · ");
  return (
    <>
      <PageHeader
        title="My Activities"
        subtitle={items ? (open.length ? counts : "Follow-ups assigned to you.") : "Follow-ups assigned to you."}
        actions={
          <button type="button" className="uk-button uk-button--secondary" onClick={list.reload} disabled={list.status === "loading"}>
            Refresh
          </button>
        }
      />
      {list.status === "error" && <ErrorState message={items ? `Could not refresh: ${list.error}` : list.error} onRetry={list.reload} />}
      {!items && list.status === "loading" && <Loading label="Loading your activities…" />}
      {items && open.length === 0 && (
        <div className="uk-page-state">
          <p>
            <strong>Nothing to follow up.</strong>
          </p>
          <p>Schedule the next step from a lead you work: Log Call → Next Activity, or Schedule Visit.</p>
        </div>
      )}
      {GROUPS.map((g) => {
        const group = open.filter((a) => a.state === g.state);
        if (group.length === 0) return null;
        return (
          <section key={g.state} className={`act-group act-group--${g.state}`} aria-labelledby={`act-${g.state}`}>
            <h2 id={`act-${g.state}`} className="act-group__title">
              {g.title} <span className="act-group__count">{group.length}</span>
            </h2>
            <ul className="act-list">
              {group.map((a) => (
                <li key={a.id} className="act-item" aria-label={`${g.pill}: ${a.summary}`}>
                  <span className={`uk-pill uk-pill--${a.state}`}>{g.pill}</span>
                  <div className="act-item__body">
                    <p className="act-item__summary">
                      <span className="act-item__type">{TYPE_LABEL[a.type]}</span> {a.summary}
                    </p>
                    <p className="act-item__meta">
                      Due {formatDue(a.dueDate)}
                      {a.dueTime && ` at ${a.dueTime}`}
                      {a.state === "overdue" && daysLate(a.dueDate) > 0 && <span className="act-item__late"> ({daysLate(a.dueDate) === 1 ? "1 day late" : `${daysLate(a.dueDate)} days late`})</span>} ·{" "}
                      <Link to={`/leads/${a.leadId}`}>
                        {a.leadReference} {a.contactName}
                      </Link>
                    </p>
                    {a.note && <p className="act-item__note">{a.note}</p>}
                  </div>
                  <button
                    type="button"
                    className="uk-button uk-button--success act-item__done"
                    disabled={pending.has(a.id)}
                    aria-label={`Mark done: ${a.summary}`}
                    onClick={() => void markDone(a)}
                  >
                    {pending.has(a.id) ? "Saving…" : "Mark done"}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
