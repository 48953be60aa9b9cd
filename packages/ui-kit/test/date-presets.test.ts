import { presetOf, presetRange, todayIn } from "../src/date-presets";

describe("date range presets", () => {
  it("count the business time zone's day, not the browser's: 17:00 UTC is already tomorrow in Manila", () => {
    const at = new Date("2026-12-03T17:00:00Z");
    expect(todayIn("Asia/Manila", at)).toBe("2026-12-04");
    expect(todayIn("America/Los_Angeles", at)).toBe("2026-12-03");
  });

  it("Today, Last 7 days (today and the six days before) and This month (the 1st up to today), across a month end", () => {
    expect(presetRange("today", "2026-12-04")).toEqual({ from: "2026-12-04", to: "2026-12-04" });
    expect(presetRange("7d", "2026-12-04")).toEqual({ from: "2026-11-28", to: "2026-12-04" });
    expect(presetRange("month", "2026-12-04")).toEqual({ from: "2026-12-01", to: "2026-12-04" });
    expect(presetRange("any", "2026-12-04")).toEqual({ from: "", to: "" });
  });

  it("name a range by the first preset it equals, else custom; an empty range is any date", () => {
    expect(presetOf({ from: "", to: "" }, "2026-12-04")).toBe("any");
    expect(presetOf({ from: "2026-11-28", to: "2026-12-04" }, "2026-12-04")).toBe("7d");
    expect(presetOf({ from: "2026-12-01", to: "2026-12-01" }, "2026-12-01")).toBe("today");
    expect(presetOf({ from: "2026-11-28", to: "2026-12-03" }, "2026-12-04")).toBe("custom");
    expect(presetOf({ from: "2026-12-01", to: "" }, "2026-12-04")).toBe("custom");
  });
});
