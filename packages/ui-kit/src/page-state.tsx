import type { ReactNode } from "react";

/** What a screen shows while it has nothing yet, or when loading failed: never a blank page. */
export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="uk-page-state" role="status">
      {label}
    </p>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="uk-page-state uk-page-state--error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="uk-button uk-button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="uk-page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="uk-page-header__subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="uk-page-header__actions">{actions}</div>}
    </div>
  );
}
