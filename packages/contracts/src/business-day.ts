/** Calendar days of the business time zone (pure: the services and the web apps share it). */
/** True for an IANA time zone name this runtime knows (e.g. Asia/Manila). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (it showed in the API's profile on
// every live card), so each zone's formatters are built once. Zones are few: the configured business zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: "day" | "clock", timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      kind === "day"
        ? new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
        : new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(key, f);
  }
  return f;
}

/** The calendar day (YYYY-MM-DD) it is at `at` in `timeZone`: an activity due "today" in Manila is not overdue at 01:00 there. */
export function dayIn(timeZone: string, at: Date): string {
  return formatter("day", timeZone).format(at);
}

/** Milliseconds `timeZone` is ahead of UTC at instant `at`. */
function offsetMs(timeZone: string, at: Date): number {
  const parts = formatter("clock", timeZone).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a calendar day (YYYY-MM-DD) starts in `timeZone`: day filters count business days, not UTC ones. */
export function startOfDayIn(day: string, timeZone: string): Date {
  return instantIn(day, "00:00", timeZone);
}

/** The instant of wall-clock `time` (HH:MM) on `day` in `timeZone` (a visit booked for 10:30 in Manila). */
export function instantIn(day: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  const guess = wall - offsetMs(timeZone, new Date(wall));
  // Once more at the guess, in case a DST change falls between the UTC reading and the local one.
  return new Date(wall - offsetMs(timeZone, new Date(guess)));
}

/** The instant the day after `day` starts in `timeZone`: the exclusive end of an inclusive day range. */
export function startOfNextDayIn(day: string, timeZone: string): Date {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return startOfDayIn(next, timeZone);
}
