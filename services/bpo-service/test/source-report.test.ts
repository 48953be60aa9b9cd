import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead, sourceByCode } from "./helpers/factories";

let t: BpoTestApp;
let supervisor: TestUser;
let agent: TestUser;
let chery: number;
let jaecoo: number;

/** A lead of `source` created at `createdAt` (UTC), in `stage`, optionally endorsed or archived. */
async function lead(source: string, createdAt: string, o: { stage?: string; brandId?: number; endorsed?: boolean; archived?: boolean } = {}) {
  const l = await makeLead(t, o.brandId ?? chery, { stage: o.stage ?? "New" });
  await t.c.store.repos.leads.update(l.id, {
    sourceId: (await sourceByCode(t, source)).id,
    ...(o.endorsed ? { endorsementStatus: "delivered" as const } : {}),
    ...(o.archived ? { active: false } : {}),
  });
  await t.c.store.db.$executeRaw`UPDATE leads SET created_at = ${new Date(createdAt)} WHERE id = ${l.id}`;
  return l;
}

interface Row {
  code: string;
  total: number;
  open: number;
  won: number;
  lost: number;
  endorsed: number;
  winRate: number | null;
}
const byCode = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.code, r]));

beforeAll(async () => {
  t = await startBpoTestApp({ BUSINESS_TIMEZONE: "Asia/Manila" });
  supervisor = await t.user("supervisor", "Sue Supervisor");
  agent = await t.user("agent", "Andy Agent");
  chery = (await makeBrand(t, "CHERY")).id;
  jaecoo = (await makeBrand(t, "JAECOO")).id;
  // November 2026, Manila days (UTC+8).
  await lead("source_web_quotation", "2026-11-02T02:00:00Z", { stage: "Won" });
  await lead("source_web_quotation", "2026-11-03T02:00:00Z", { stage: "Lost" });
  await lead("source_web_quotation", "2026-11-04T02:00:00Z", { stage: "Lost" });
  await lead("source_web_quotation", "2026-11-05T02:00:00Z", { endorsed: true });
  await lead("source_web_test_drive", "2026-11-05T03:00:00Z", { stage: "Won", brandId: jaecoo });
  await lead("referral", "2026-11-06T02:00:00Z");
  await lead("referral", "2026-11-06T03:00:00Z", { archived: true });
  // 23:30 on 30 Nov in Manila is still November there, 00:30 on 1 Dec is not.
  await lead("inbound_call", "2026-11-30T15:30:00Z");
  await lead("inbound_call", "2026-11-30T16:30:00Z");
});
afterAll(() => t.close());

describe("lead source report", () => {
  it("counts leads per source with open, won, lost, endorsed and the win rate among closed leads, leaving archived leads out", async () => {
    const res = await t.as(supervisor).get("/api/reports/lead-sources?from=2026-11-01&to=2026-11-30");
    expect(res.status).toBe(200);
    const rows = byCode(res.body.sources);
    expect(rows.source_web_quotation).toMatchObject({ total: 4, open: 1, won: 1, lost: 2, endorsed: 1 });
    expect(rows.source_web_quotation!.winRate).toBeCloseTo(1 / 3);
    expect(rows.source_web_test_drive).toMatchObject({ total: 1, won: 1, winRate: 1 });
    expect(rows.referral).toMatchObject({ total: 1, open: 1, winRate: null });
    // Active sources without leads still show, so a campaign that brought nothing is visible.
    expect(rows.campaign).toMatchObject({ total: 0 });
    expect(res.body.totals).toMatchObject({ total: 7, won: 2, lost: 2, open: 3, endorsed: 1, winRate: 0.5 });
  });

  it("takes the date range as days in the business time zone", async () => {
    const nov = byCode((await t.as(supervisor).get("/api/reports/lead-sources?from=2026-11-30&to=2026-11-30")).body.sources);
    expect(nov.inbound_call!.total).toBe(1);
    const dec = byCode((await t.as(supervisor).get("/api/reports/lead-sources?from=2026-12-01&to=2026-12-01")).body.sources);
    expect(dec.inbound_call!.total).toBe(1);
  });

  it("groups by source type, the category dashboards use, and filters by brand", async () => {
    const all = await t.as(supervisor).get("/api/reports/lead-sources?to=2026-11-30");
    const website = all.body.byType.find((x: { sourceType: string }) => x.sourceType === "website");
    expect(website).toMatchObject({ total: 5, won: 2, lost: 2 });

    const jaecooOnly = byCode((await t.as(supervisor).get(`/api/reports/lead-sources?brandId=${jaecoo}`)).body.sources);
    expect(jaecooOnly.source_web_test_drive!.total).toBe(1);
    expect(jaecooOnly.source_web_quotation!.total).toBe(0);
  });

  it("exports the same figures as CSV", async () => {
    const res = await t.as(supervisor).get("/api/reports/lead-sources.csv?from=2026-11-01&to=2026-11-30");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = res.text.trim().split("\n");
    expect(lines[0]).toBe("source_code,source_name,source_type,leads,open,won,lost,endorsed,win_rate_pct");
    expect(lines).toContain("source_web_quotation,Web Quotation,website,4,1,1,2,1,33.3");
  });

  it("is for Supervisors and Managers, and refuses a bad range with a readable message", async () => {
    const refused = await t.as(agent).get("/api/reports/lead-sources");
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("Only a BPO Supervisor or above can see the lead source report.");
    const backwards = await t.as(supervisor).get("/api/reports/lead-sources?from=2026-11-30&to=2026-11-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain("From must not be after To");
    expect((await t.as(supervisor).get("/api/reports/lead-sources?from=yesterday")).status).toBe(400);
    expect((await t.as(supervisor).get("/api/reports/lead-sources?groupBy=user")).status).toBe(400);
  });
});
