import type { LeadCard } from "./api";

const LABEL: Record<NonNullable<LeadCard["breach"]>, { text: string; title: string }> = {
  claim: { text: "Claim overdue", title: "Waiting longer than the floor's claim threshold" },
  first_call: { text: "Call overdue", title: "Claimed and not called within the floor's first-call threshold" },
};

/** The Floor threshold a card's lead is past (issue 16), as a red pill on Open Leads and pipeline cards. */
export function BreachFlag({ breach }: { breach: LeadCard["breach"] }) {
  if (!breach) return null;
  const l = LABEL[breach];
  return (
    <span className="uk-pill uk-pill--overdue breach-flag" data-breach={breach} title={l.title}>
      {l.text}
    </span>
  );
}
