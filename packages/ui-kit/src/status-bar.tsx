export interface StatusBarStep {
  key: string | number;
  label: string;
}

/** The record's stage as a breadcrumb of steps; the current one is marked for screen readers too. */
export function StatusBar({ steps, current, label = "Stage" }: { steps: StatusBarStep[]; current: string | number | null; label?: string }) {
  const index = steps.findIndex((s) => s.key === current);
  return (
    <ol className="uk-statusbar" aria-label={label}>
      {steps.map((s, i) => (
        <li
          key={s.key}
          className={`uk-statusbar__step${i === index ? " uk-statusbar__step--current" : i < index ? " uk-statusbar__step--done" : ""}`}
          aria-current={i === index ? "step" : undefined}
        >
          {s.label}
        </li>
      ))}
    </ol>
  );
}
