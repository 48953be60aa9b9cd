/** The date presets of the one date filter (date-range-filter.tsx): pure, so the rules are tested without a browser. */
import { dayIn } from "@crm/contracts/src/business-day";

/** A range of calendar days (YYYY-MM-DD, both ends included); "" is an open end. */
export interface DateRange {
  from: string;
  to: string;
}

export type DatePreset = "any" | "today" | "7d" | "month" | "custom";

/** The same presets, with the same words and order, on every page that filters by date. */
export const PRESETS: { key: Exclude<DatePreset, "any" | "custom">; label: string }[] = [
  { key: "today", label: "Today" },
  { key: "7d", label: "Last 7 days" },
  { key: "month", label: "This month" },
];

/** Today's calendar day in `timeZone` (the business time zone: the server counts these days, not the browser's). */
export function todayIn(timeZone: string, at: Date = new Date()): string {
  return dayIn(timeZone, at);
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The days a preset covers on `today`: Today; the last 7 days ending today; this month up to today. */
export function presetRange(preset: DatePreset, today: string): DateRange {
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "7d":
      return { from: addDays(today, -6), to: today };
    case "month":
      return { from: `${today.slice(0, 8)}01`, to: today };
    default:
      return { from: "", to: "" };
  }
}

/** Which preset a range is (the first that matches: on the 1st, This month is Today), or custom. */
export function presetOf(range: DateRange, today: string): DatePreset {
  if (!range.from && !range.to) return "any";
  return PRESETS.find((p) => {
    const r = presetRange(p.key, today);
    return r.from === range.from && r.to === range.to;
  })?.key ?? "custom";
}
