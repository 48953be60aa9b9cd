import type { ReactNode } from "react";

/** Each section's heading carries this id so the section region is named after it. */
export function SectionTitle({ children, subtitle, actions }: { children: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="cfg-section__head">
      <div>
        <h2 id="cfg-section-title">{children}</h2>
        {subtitle && <p className="cfg-section__subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="cfg-section__actions">{actions}</div>}
    </div>
  );
}
