import { type DealerLeadPlacement, matchesFilters } from "../../../apps/dealer-web/src/leads/live-leads";
import type { LeadFilters } from "../../../apps/dealer-web/src/leads/filters";

/** The dealer web app's live-event matcher counts created days as the server's filters do: in the business time zone. */
describe("dealer live boards: created-date filter on a live event", () => {
  const none: LeadFilters = { endorsed: "", createdFrom: "", createdTo: "", brandId: "", sourceId: "", stageId: "", userId: "", q: "", archived: "" };
  const placed = (createdAt: string): DealerLeadPlacement => ({ s: 1, b: 1, src: 1, u: null, e: false, a: true, c: createdAt, t: ["Lead"] });
  // 00:30 on Dec 4 in Manila is still Dec 3 in UTC.
  const earlyManila = placed("2026-12-03T16:30:00.000Z");
  // 23:30 on Dec 4 in Manila is 15:30 UTC the same day; 00:30 Dec 5 Manila is Dec 4 16:30 UTC.
  const lateManila = placed("2026-12-04T15:30:00.000Z");
  const nextManilaDay = placed("2026-12-04T16:30:00.000Z");

  it("a lead created just after midnight in Manila belongs to that Manila day, not the UTC one before it", () => {
    const dec4 = { ...none, createdFrom: "2026-12-04", createdTo: "2026-12-04" };
    const dec3 = { ...none, createdFrom: "2026-12-03", createdTo: "2026-12-03" };
    expect(matchesFilters(earlyManila, dec4, null, "Asia/Manila")).toBe(true);
    expect(matchesFilters(earlyManila, dec3, null, "Asia/Manila")).toBe(false);
    // In UTC the same instant is Dec 3.
    expect(matchesFilters(earlyManila, dec3, null, "UTC")).toBe(true);
  });

  it("the last day of the range ends at midnight in Manila", () => {
    const toDec4 = { ...none, createdTo: "2026-12-04" };
    expect(matchesFilters(lateManila, toDec4, null, "Asia/Manila")).toBe(true);
    expect(matchesFilters(nextManilaDay, toDec4, null, "Asia/Manila")).toBe(false);
    expect(matchesFilters(nextManilaDay, toDec4, null, "UTC")).toBe(true);
  });
});
