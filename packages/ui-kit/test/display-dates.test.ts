import { formatDay, formatInstant, formatTrackedValue } from "../src/display-dates";

describe("dates in the chatter", () => {
  test("a tracked day reads in the same format as the chatter's timestamps, never as 2026-12-04", () => {
    const day = formatTrackedValue("2026-12-04");
    expect(day).toBe(formatDay("2026-12-04"));
    expect(day).not.toContain("2026-12-04");
    // Noon UTC is Dec 4 in every time zone from UTC-11 to UTC+11.
    expect(formatInstant("2026-12-04T12:00:00.000Z").startsWith(day)).toBe(true);
  });

  test("a tracked day is the day written, whatever the reader's time zone", () => {
    expect(formatDay("2026-12-04")).toBe(new Date(Date.UTC(2026, 11, 4)).toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" }));
  });

  test("anything that is not a date is shown as it is; empty is a dash", () => {
    expect(formatTrackedValue("+63 917 123 4567")).toBe("+63 917 123 4567");
    expect(formatTrackedValue("2026-13-45")).toBe("2026-13-45");
    expect(formatTrackedValue(null)).toBe("—");
    expect(formatTrackedValue("")).toBe("—");
  });
});
