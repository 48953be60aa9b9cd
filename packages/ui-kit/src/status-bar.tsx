export interface StatusBarStep {
  key: string | number;
  label: string;
}

interface StatusBarProps {
  steps: StatusBarStep[];
  current: string | number | null;
  label?: string;
  /** Makes the steps clickable (Odoo's clickable statusbar); the server still decides whether the move is allowed. */
  onSelect?(step: StatusBarStep): void;
  /** Which steps may be clicked (default: all but the current one). */
  selectable?(step: StatusBarStep): boolean;
  /** While a move is in flight every step is disabled. */
  busy?: boolean;
}

/** The record's stage as a breadcrumb of steps; the current one is marked for screen readers too. */
export function StatusBar({ steps, current, label = "Stage", onSelect, selectable, busy }: StatusBarProps) {
  const index = steps.findIndex((s) => s.key === current);
  return (
    <ol className="uk-statusbar" aria-label={label}>
      {steps.map((s, i) => {
        const clickable = onSelect && i !== index && (selectable ? selectable(s) : true);
        return (
          <li
            key={s.key}
            className={`uk-statusbar__step${i === index ? " uk-statusbar__step--current" : i < index ? " uk-statusbar__step--done" : ""}${clickable ? " uk-statusbar__step--clickable" : ""}`}
            aria-current={i === index ? "step" : undefined}
          >
            {clickable ? (
              <button type="button" className="uk-statusbar__button" title={`Move to ${s.label}`} disabled={busy} onClick={() => onSelect(s)}>
                {s.label}
              </button>
            ) : (
              s.label
            )}
          </li>
        );
      })}
    </ol>
  );
}
