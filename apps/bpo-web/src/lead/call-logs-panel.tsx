import type { LeadCallLog } from "../api";
import { CALL_RESULTS, formatDateTime, labelOf } from "./lead-labels";

/** Calls logged on this lead (by anyone), newest first. */
export function CallLogsPanel({ calls, loading, error, onRetry }: { calls: LeadCallLog[]; loading: boolean; error: string | null; onRetry(): void }) {
  return (
    <section className="lead-panel" aria-labelledby="lead-calls-title">
      <div className="lead-panel__head">
        <h2 id="lead-calls-title" className="uk-section-title">
          Call logs
        </h2>
        {calls.length > 0 && <span className="lead-count">{calls.length}</span>}
      </div>
      {error && (
        <p className="uk-field__error" role="alert">
          Could not load call logs: {error}{" "}
          <button type="button" className="lead-linkbutton" onClick={onRetry}>
            Try again
          </button>
        </p>
      )}
      {loading && calls.length === 0 ? (
        <p className="uk-muted" role="status">
          Loading call logs…
        </p>
      ) : calls.length === 0 ? (
        <p className="uk-muted">No calls logged yet.</p>
      ) : (
        <ul className="lead-list" aria-label="Calls on this lead">
          {calls.map((c) => (
            <li key={c.id} className="lead-call">
              <p className="lead-call__head">
                <span className={`lead-result lead-result--${c.result}`}>{labelOf(CALL_RESULTS, c.result)}</span>
                <span>{c.durationMinutes} min</span>
                <span className="uk-muted">
                  {c.userName} · <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
                </span>
              </p>
              <p className="lead-call__summary">{c.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
