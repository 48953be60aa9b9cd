import { type PreferredContactTime, contactTimeLabel } from "@crm/contracts/src/preferred-contact-time";

/** On a lead card: when the customer prefers to be called, the full wording in the tooltip. */
export function ContactTimeHint({ time }: { time: PreferredContactTime | null }) {
  if (!time) return null;
  return (
    <span className="contact-time" title={`Preferred contact time: ${contactTimeLabel(time)}`}>
      ☎ {contactTimeLabel(time)}
    </span>
  );
}
