import type { ReactNode } from "react";
import { ErrorState, Loading, type AsyncState } from "@crm/ui-kit";

/** A configuration section's frame: title, the "New …" button, and loading / error states around its table. */
export function Section<T>({ title, intro, action, state, render, children }: { title: string; intro?: ReactNode; action?: ReactNode; state: AsyncState<T> & { reload(): void }; render(data: T): ReactNode; children?: ReactNode }) {
  return (
    <section aria-labelledby="config-section-title" className="config-section">
      <div className="config-section__head">
        <div>
          <h2 id="config-section-title" className="uk-section-title">
            {title}
          </h2>
          {intro && <p className="uk-muted config-section__intro">{intro}</p>}
        </div>
        {action}
      </div>
      {state.data !== undefined ? render(state.data) : state.status === "error" ? <ErrorState message={state.error} onRetry={state.reload} /> : <Loading />}
      {state.status === "error" && state.data !== undefined && <ErrorState message={`Refresh failed: ${state.error}`} onRetry={state.reload} />}
      {children}
    </section>
  );
}

export const ActiveBadge = ({ active }: { active: boolean }) => <span className={`status-dot${active ? " status-dot--on" : ""}`}>{active ? "Active" : "Archived"}</span>;
