/**
 * One way to show dates across both apps: "Dec 4, 2026" and "Dec 4, 2026, 9:30 AM" (the browser's locale,
 * medium style), whether the value came as a timestamp or as a tracked field's ISO day ("2026-12-04").
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A calendar day as written (no time zone shift: "2026-12-04" is Dec 4 everywhere). */
export const formatDay = (day: string): string => new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** A moment in the reader's time. */
export const formatInstant = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A tracked value as the chatter shows it: days and moments in the one date format, anything else as is. */
export function formatTrackedValue(value: string | null): string {
  if (value === null || value === "") return "—";
  if (DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return formatDay(value);
  if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatInstant(value);
  return value;
}
