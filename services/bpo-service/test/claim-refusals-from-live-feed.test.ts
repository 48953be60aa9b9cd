import { SEEN_EVENT_ID_HEADER } from "@crm/contracts";
import { waitFor as until } from "@crm/test-kit";
import { type BpoTestApp, type TestUser, startBpoTestApp } from "./helpers/bpo-test-app";
import { makeBrand, makeLead } from "./helpers/factories";

/**
 * A lost claim race is refused from what the live feed told this process (who took the lead), without a
 * database read, and only while that can be relied on: never against a page that has seen newer events,
 * never for a lead this process has just changed, and not after the feed lost its connection.
 */
let t: BpoTestApp;
let first: TestUser;
let second: TestUser;
let supervisor: TestUser;
let brandId: number;

beforeAll(async () => {
  t = await startBpoTestApp();
  [first, second, supervisor] = await Promise.all([t.user("agent", "First Agent"), t.user("agent", "Second Agent"), t.user("supervisor")]);
  brandId = (await makeBrand(t)).id;
});
afterAll(() => t.close());

/** A lead `first` claimed, once this process's feed has told it so. */
async function claimedAndKnown(): Promise<number> {
  const lead = await makeLead(t, brandId);
  await t.as(first).post(`/api/leads/${lead.id}/claim`).expect(200);
  await until(() => t.c.claimStates.recall(lead.id) !== null);
  return lead.id;
}

/** Statements the second agent's claim sends, and its answer. */
async function secondClaims(leadId: number, headers: Record<string, string> = {}) {
  let res!: { status: number; body: { error?: { code: string; message: string } } };
  // Its session cached first (a session this process has not seen costs a statement of its own).
  await t.as(second).get("/api/auth/me").expect(200);
  const sent = await t.statementsDuring(async () => {
    res = await t.as(second).post(`/api/leads/${leadId}/claim`).set(headers);
  });
  return { status: res.status, error: res.body.error, statements: sent.length };
}

describe("claims refused from the live feed", () => {
  it("once the feed has said who holds a lead, a losing claim is refused naming them without a database read", async () => {
    const id = await claimedAndKnown();
    const lost = await secondClaims(id);
    expect(lost).toMatchObject({ status: 409, statements: 0, error: { code: "already_claimed" } });
    expect(lost.error!.message).toMatch(/was already claimed by First Agent\./);
  });

  it("a claim from a page that has seen a newer event than this process has read goes to the database", async () => {
    const id = await claimedAndKnown();
    const lost = await secondClaims(id, { [SEEN_EVENT_ID_HEADER]: "99999999999999-0" });
    expect(lost).toMatchObject({ status: 409, statements: 1, error: { code: "already_claimed" } });
  });

  it("a lead this process put back in the pool is claimable at once, before the feed brings the release back", async () => {
    const id = await claimedAndKnown();
    // What a change made here does at once (the feed often brings the release back before the answer).
    t.c.leadChanges.changed(id);
    expect(t.c.claimStates.recall(id)).toBeNull();
    await t.as(supervisor).post(`/api/leads/${id}/assign`).send({ userId: null }).expect(200);
    const res = await t.as(second).post(`/api/leads/${id}/claim`).expect(200);
    expect(res.body.userId).toBe(second.id);
  });

  it("a malformed seen-event header is a 400 naming it, and claims nothing", async () => {
    const lead = await makeLead(t, brandId);
    const res = await t.as(second).post(`/api/leads/${lead.id}/claim`).set(SEEN_EVENT_ID_HEADER, "yesterday").expect(400);
    expect(res.body.error.message).toBe(`Invalid headers: ${SEEN_EVENT_ID_HEADER}: must be a live event id, such as 1733280000000-0`);
    expect((await t.as(second).get(`/api/leads/${lead.id}`).expect(200)).body.userId).toBeNull();
  });

  it("when the feed's connection drops, what it said is dropped: claims go to the database until it reads again", async () => {
    const id = await claimedAndKnown();
    const clients = String(await t.c.redis.client("LIST")).split("\n");
    const reader = clients.find((c) => c.includes(` name=${t.c.leadEvents.streamKey}:reader `));
    expect(reader).toBeDefined();
    await t.c.redis.client("KILL", "ID", /\bid=(\d+)/.exec(reader!)![1]!);
    await until(() => t.c.claimStates.size === 0 && !t.c.leadEvents.following);
    expect(await secondClaims(id)).toMatchObject({ status: 409, statements: 1 });
    // Reconnected, the feed reads on; what it says from then on is used again.
    const next = await claimedAndKnown();
    expect(await secondClaims(next)).toMatchObject({ status: 409, statements: 0 });
  });
});
