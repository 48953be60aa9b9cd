import { type DealerTestApp, type TestUser, startDealerTestApp } from "./helpers/dealer-test-app";
import { makeBrand, makeLead, sourceByCode, stageByName } from "./helpers/factories";

let t: DealerTestApp;
let user: TestUser;
let other: TestUser;
let chery: number;
let jaecoo: number;

beforeAll(async () => {
  t = await startDealerTestApp();
  user = await t.user("dealer_user", "Vera Views");
  other = await t.user("dealer_user", "Olga Other");
  chery = (await makeBrand(t, "CHERY")).id;
  jaecoo = (await makeBrand(t, "JAECOO")).id;
});
afterAll(() => t.close());

const endorsed = (id: number) => ({
  source: "endorsed_with_sq",
  stage: "Negotiation",
  bpoSourceLeadId: id,
  bpoSourceLeadName: `LEAD/0${id}`,
  bpoSourceUrl: "https://bpo.example.test",
});

describe("All Leads and My Pipeline boards", () => {
  it("groups leads by stage with counts, first cards and a cursor to the next page", async () => {
    for (let i = 0; i < 3; i++) await makeLead(t, chery, { userId: user.id });
    await makeLead(t, chery, { userId: other.id, stage: "Qualified" });
    const res = await t.as(user).get(`/api/boards/all-leads?brandId=${chery}&perColumn=2`);
    expect(res.status).toBe(200);
    const byStage = Object.fromEntries(res.body.columns.map((c: { stage: { name: string }; count: number; cards: unknown[] }) => [c.stage.name, c]));
    expect(byStage.New).toMatchObject({ count: 3 });
    expect(byStage.New.cards).toHaveLength(2);
    expect(byStage.Qualified.count).toBe(1);

    const next = await t.as(user).get(`/api/boards/stages/${byStage.New.stage.id}?brandId=${chery}&cursor=${byStage.New.nextCursor}&limit=2`);
    expect(next.body.cards).toHaveLength(1);
    expect(next.body.nextCursor).toBeNull();
    const seen = [...byStage.New.cards, ...next.body.cards].map((c: { id: number }) => c.id);
    expect(new Set(seen).size).toBe(3);
  });

  it("gives a card without a matched product the model name the BPO sent, for the fallback display", async () => {
    const lead = await makeLead(t, chery, { userId: user.id, contactName: "Fallback Fe", ...endorsed(1301) });
    await t.c.store.repos.leads.update(lead.id, { vehicleModelText: "Tiggo 7 Pro Max" });
    const res = await t.as(user).get(`/api/leads?q=Fallback%20Fe`);
    expect(res.status).toBe(200);
    expect(res.body.cards).toEqual([expect.objectContaining({ id: lead.id, productName: null, vehicleModelText: "Tiggo 7 Pro Max" })]);
  });

  it("shows only the caller's own leads in My Pipeline", async () => {
    const res = await t.as(other).get(`/api/boards/my-pipeline?brandId=${chery}`);
    const cards = res.body.columns.flatMap((c: { cards: { userId: number }[] }) => c.cards);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((c: { userId: number }) => c.userId === other.id)).toBe(true);
  });
});

describe("filters and CSV export", () => {
  it("exports only the leads the filters select, with the audit columns", async () => {
    const a = await makeLead(t, jaecoo, { userId: user.id, contactName: "Endorsed Jaecoo", ...endorsed(1201) });
    await makeLead(t, jaecoo, { userId: user.id, contactName: "Manual Jaecoo" });
    await makeLead(t, chery, { userId: user.id, contactName: "Endorsed Chery", ...endorsed(1202) });

    const res = await t.as(user).get(`/api/leads/export.csv?endorsed=true&brandId=${jaecoo}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    // None of these values needs CSV quoting, so a plain split reads the file.
    const [header, ...rows] = res.text.trim().split("\n").map((line) => line.split(","));
    expect(header).toEqual(["name", "bpo_source_lead_name", "bpo_source_url", "source_id", "create_date", "user_id"]);
    expect(rows).toEqual([
      [a.reference, "LEAD/01201", "https://bpo.example.test", "Endorsed from BPO (with S.Q.)", a.createdAt.toISOString(), "Vera Views"],
    ]);
  });

  it("filters by text on name, mobile, email or reference, by source and by stage", async () => {
    const lead = await makeLead(t, chery, { userId: user.id, contactName: "Zed Unique", email: "zed@example.test", mobile: "0999 123 4567" });
    for (const q of ["zed unique", "123 4567", "ZED@EXAMPLE", lead.reference]) {
      const res = await t.as(user).get(`/api/leads?q=${encodeURIComponent(q)}`);
      expect(res.body.cards.map((c: { id: number }) => c.id)).toEqual([lead.id]);
    }
    const walkIn = await sourceByCode(t, "walk_in");
    const qualified = await stageByName(t, "Qualified");
    const bySourceAndStage = await t.as(user).get(`/api/leads?sourceId=${walkIn.id}&stageId=${qualified.id}`);
    expect(bySourceAndStage.body.cards.every((c: { stageId: number; sourceCode: string }) => c.stageId === qualified.id && c.sourceCode === "walk_in")).toBe(true);
    expect(bySourceAndStage.body.cards).toHaveLength(1);
  });

  it("filters by created-date range, both ends inclusive", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Manila" }).format(new Date());
    const inRange = await t.as(user).get(`/api/leads?createdFrom=${today}&createdTo=${today}&limit=200`);
    const all = await t.as(user).get(`/api/leads?limit=200`);
    expect(inRange.body.cards.length).toBe(all.body.cards.length);
    const past = await t.as(user).get(`/api/leads?createdTo=2020-01-01`);
    expect(past.body.cards).toEqual([]);
    const bad = await t.as(user).get(`/api/leads?createdFrom=yesterday`);
    expect(bad.status).toBe(400);
  });

  it("counts filter days in the business time zone (Asia/Manila), not UTC", async () => {
    const brand = await makeBrand(t, "TZB");
    const lateEvening = await makeLead(t, brand.id, { contactName: "Manila 23:00 on the 1st" });
    const earlyMorning = await makeLead(t, brand.id, { contactName: "Manila 01:00 on the 2nd" });
    // 15:00 UTC is 23:00 in Manila on March 1; 17:00 UTC on March 1 is already 01:00 on March 2 there.
    await t.c.store.db.$executeRaw`UPDATE leads SET created_at = '2026-03-01 15:00:00' WHERE id = ${lateEvening.id}`;
    await t.c.store.db.$executeRaw`UPDATE leads SET created_at = '2026-03-01 17:00:00' WHERE id = ${earlyMorning.id}`;
    const names = async (query: string) =>
      ((await t.as(user).get(`/api/leads?brandId=${brand.id}&${query}`).expect(200)).body.cards as { contactName: string }[]).map((c) => c.contactName).sort();
    expect(await names("createdFrom=2026-03-02&createdTo=2026-03-02")).toEqual(["Manila 01:00 on the 2nd"]);
    expect(await names("createdFrom=2026-03-01&createdTo=2026-03-01")).toEqual(["Manila 23:00 on the 1st"]);
    expect(await names("createdTo=2026-03-01")).toEqual(["Manila 23:00 on the 1st"]);
  });
});
