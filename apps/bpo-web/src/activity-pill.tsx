import type { LeadCard } from "./api";

const ACTIVITY_PILL = { overdue: "Overdue", today: "Today", planned: "Planned" } as const;

/** bpo-2: every lead card shows its earliest open activity as a red / yellow / green pill; nothing planned, no pill. */
export function ActivityPill({ card, className }: { card: Pick<LeadCard, "activityState" | "nextActivityDue">; className?: string }) {
  if (!card.activityState) return null;
  return (
    <span className={`uk-pill uk-pill--${card.activityState}${className ? ` ${className}` : ""}`} title={`Next activity due ${card.nextActivityDue}`}>
      {ACTIVITY_PILL[card.activityState]}
    </span>
  );
}
