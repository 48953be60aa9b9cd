import type { ReactNode } from "react";
import { Link } from "./router";

export interface CardProps {
  /** Accessible name of the card (e.g. the customer name). */
  title: string;
  /** When set, the title links to the record (e.g. the lead form). */
  href?: string;
  subtitle?: ReactNode;
  badge?: ReactNode;
  /** Bottom row: actions on the left, avatar on the right. */
  actions?: ReactNode;
  avatar?: ReactNode;
  children?: ReactNode;
}

export function Card({ title, href, subtitle, badge, actions, avatar, children }: CardProps) {
  return (
    <article className="uk-card" aria-label={title}>
      <header className="uk-card__header">
        <h3 className="uk-card__title" title={title}>
          {href ? (
            <Link to={href} className="uk-card__link">
              {title}
            </Link>
          ) : (
            title
          )}
        </h3>
        {badge}
      </header>
      {subtitle !== undefined && <p className="uk-card__subtitle">{subtitle}</p>}
      {children}
      {(actions || avatar) && (
        <footer className="uk-card__footer">
          <div className="uk-card__actions">{actions}</div>
          {avatar}
        </footer>
      )}
    </article>
  );
}

export function Badge({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "info" | "success" | "warning" }) {
  return <span className={`uk-badge uk-badge--${tone}`}>{children}</span>;
}

/** A user's initials, or an empty circle when nobody is assigned. */
export function Avatar({ name }: { name: string | null }) {
  if (!name) return <span className="uk-avatar uk-avatar--empty" role="img" aria-label="Unassigned" title="Unassigned" />;
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join("");
  return (
    <span className="uk-avatar" role="img" aria-label={name} title={name}>
      {initials}
    </span>
  );
}
