import { startForTests, until, watchDom } from "@crm/test-kit";
import type { Page } from "playwright-core";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { type BpoBrowser, startBpoBrowser } from "./helpers/bpo-browser";
import { makeBrand, makeLead, inboundCallId } from "./helpers/factories";

/** Board reads a page makes (GET /api/boards/...), to prove other people's actions cause none. */
function boardReads(page: Page): string[] {
  const reads: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname.startsWith("/api/boards/")) reads.push(r.url());
  });
  return reads;
}

/** Some other agent working their own leads meanwhile: a steady stream of unrelated events. */
function busyFloor(t: BpoTestApp, agent: TestUser, leadIds: number[]) {
  let stop = false;
  let sent = 0;
  const done = (async () => {
    while (!stop) {
      const id = leadIds[sent % leadIds.length]!;
      await t.as(agent).post(`/api/leads/${id}/messages`, { body: `Note ${sent}` });
      sent++;
    }
  })();
  return {
    sent: () => sent,
    async stop() {
      stop = true;
      await done;
      return sent;
    },
  };
}

describe("live boards in a real browser", () => {
  let b: BpoBrowser;
  let t: BpoTestApp;

  startForTests(() => startBpoBrowser(), (started) => ([b, t] = [started, started.t]));
  /** When the server wrote the lead (ms): its created_at, set in the creating transaction. */
  const writtenAt = async (id: number): Promise<number> => (await t.c.store.repos.leads.findById(id))!.createdAt.getTime();

  it("a lead created by one user appears within a second on other users' Open Leads and My Pipeline while unrelated events flow, without a board read", async () => {
    const brand = await makeBrand(t, "LIV");
    const noisy = await t.user("agent", "Noisy Agent");
    const noise = await Promise.all([1, 2, 3].map(() => makeLead(t, brand.id, { userId: noisy.id })));
    const grace = await t.user("agent", "Grace Agent");
    const henry = await t.user("agent", "Henry Agent");
    const sup = await t.user("supervisor", "Sue Supervisor");
    const pool = await b.loginAs(grace);
    const team = await b.loginAs(sup, { to: "/pipeline?user=all" });
    const own = await b.loginAs(henry, { to: "/pipeline" });
    for (const p of [pool, team, own]) await p.getByText("Live updates on").waitFor();
    await team.getByRole("heading", { name: "Team Pipeline" }).waitFor();
    await own.getByRole("heading", { name: "My Pipeline" }).waitFor();
    const reads = [pool, team, own].map(boardReads);
    const floor = busyFloor(t, noisy, noise.map((l) => l.id));
    try {
      // The noise is flowing before the measured actions (a count, not a fixed time: on a loaded machine 300 ms
      // saw only 3 notes).
      await until(floor.sent, (n) => n > 5, { what: "unrelated events flowing" });
      const column = pool.getByRole("region", { name: /Brand LIV/ });
      const waiting = await t.c.store.repos.live.poolCounts();

      // "Within a second" counts from the lead's write on the server (its created_at, before the commit) to the
      // page's own clock when the card is in its DOM: the test's request round trip and its polling of the pages,
      // both delayed by seconds on a loaded machine, are no part of what the issue asks.
      const inColumn = `section[data-column="Brand LIV"]`;
      const wendyShown = await watchDom(pool, `${inColumn} article[aria-label="Walk-in Wendy"]`);
      const countShown = await watchDom(pool, `${inColumn} [aria-label="${(waiting.get(brand.id) ?? 0) + 1} waiting"]`);
      const wendy = (await t.as(henry).post("/api/leads", { contactName: "Walk-in Wendy", mobile: "+639171112222", brandId: brand.id, sourceId: await inboundCallId(t) }).expect(201)).body as { id: number };
      const wendyAt = await writtenAt(wendy.id);
      expect((await wendyShown.reachedAt()) - wendyAt).toBeLessThan(1000);
      expect((await countShown.reachedAt()) - wendyAt).toBeLessThan(1000);
      await column.getByRole("article", { name: "Walk-in Wendy" }).waitFor();

      const carlaShown = await Promise.all([team, own].map((p) => watchDom(p, `article[aria-label="Claimed Carla"]`)));
      const carla = (await t.as(henry).post("/api/leads", { contactName: "Claimed Carla", mobile: "+639171113333", brandId: brand.id, sourceId: await inboundCallId(t), claim: true }).expect(201)).body as { id: number };
      const carlaAt = await writtenAt(carla.id);
      for (const shown of carlaShown) expect((await shown.reachedAt()) - carlaAt).toBeLessThan(1000);
      await Promise.all([team, own].map((p) => p.getByRole("article", { name: "Claimed Carla" }).waitFor()));
      // Henry's own lead is not in the pool: Grace's Open Leads never shows it.
      expect(await pool.getByRole("article", { name: "Claimed Carla" }).count()).toBe(0);
    } finally {
      expect(await floor.stop()).toBeGreaterThan(5);
    }
    expect(reads.map((r) => r.length)).toEqual([0, 0, 0]);
  });

  it("an Agent's page never receives another agent's pipeline events", async () => {
    const brand = await makeBrand(t, "PRV");
    const ivy = await t.user("agent", "Ivy Agent");
    const jack = await t.user("agent", "Jack Agent");
    const lead = await makeLead(t, brand.id, { contactName: "Private Paula" });
    const page = await b.loginAs(ivy);
    await page.getByText("Live updates on").waitFor();
    // What this browser's own event stream receives (the same cookie, the same server-side filter).
    await page.evaluate(() => {
      type Source = { addEventListener(k: string, f: (e: { data: string }) => void): void };
      const w = globalThis as unknown as { seen: string[]; EventSource: new (url: string) => Source };
      w.seen = [];
      const s = new w.EventSource("/api/events");
      for (const k of ["lead.created", "lead.claimed", "lead.stage-moved", "lead.updated", "lead.hidden", "lead.closed"]) {
        s.addEventListener(k, (e) => w.seen.push(`${k} ${e.data}`));
      }
      return new Promise((r) => s.addEventListener("hello", r));
    });

    await t.as(jack).post(`/api/leads/${lead.id}/claim`).expect(200);
    const qualified = (await t.c.store.repos.catalog.listStages()).find((s) => s.name === "Qualified")!;
    await t.as(jack).post(`/api/leads/${lead.id}/stage`, { stageId: qualified.id }).expect(200);
    await t.as(jack).post(`/api/leads/${lead.id}/call-logs`, { durationMinutes: 1, result: "answered", summary: "Private call" }).expect(201);
    await t.as(jack).post("/api/leads", { contactName: "Jack's Own", mobile: "+639171114444", brandId: brand.id, sourceId: await inboundCallId(t), claim: true }).expect(201);
    // A pool lead Ivy does see, announced after all of the above: once it is on her stream, so is everything before it.
    const fence = (await t.as(jack).post("/api/leads", { contactName: "Fence Fiona", mobile: "+639171115555", brandId: brand.id, sourceId: await inboundCallId(t) }).expect(201)).body as { id: number };
    await page.waitForFunction((id) => (globalThis as unknown as { seen: string[] }).seen.some((x) => x.includes(`"leadId":${id},`)), fence.id);

    const seen = (await page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen)).filter((x) => !x.includes(`"leadId":${fence.id},`));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^lead\.claimed /);
    const claimed = JSON.parse(seen[0]!.slice("lead.claimed ".length)) as { leadId: number; card: unknown; now: { s: number; n: string } };
    expect(claimed).toMatchObject({ leadId: lead.id, card: null, now: { s: 0, n: "Jack Agent" } });
    expect(seen.join("\n")).not.toContain("Private call");
  });

  it("a page reconnecting after a gap shows the correct board: missed events replayed, or one fresh read when the buffer no longer has them", async () => {
    const brand = await makeBrand(t, "GAP");
    const kim = await t.user("agent", "Kim Agent");
    const leo = await t.user("agent", "Leo Agent");
    const gone = await makeLead(t, brand.id, { contactName: "Gone Gina" });
    const page = await b.loginAs(kim);
    const column = page.getByRole("region", { name: /Brand GAP/ });
    await column.getByRole("article", { name: "Gone Gina" }).waitFor();
    await page.getByText("Live updates on").waitFor();
    const reads = boardReads(page);

    // Offline: the stream is cut and cannot come back until the route is lifted.
    await page.route("**/api/events", (r) => r.abort());
    b.dropConnections();
    await page.getByText("Connecting live updates…").waitFor();
    await t.as(leo).post(`/api/leads/${gone.id}/claim`).expect(200);
    await t.as(leo).post("/api/leads", { contactName: "Missed Mona", mobile: "+639171115555", brandId: brand.id, sourceId: await inboundCallId(t) }).expect(201);
    await t.c.leadEvents.settled();
    await page.unroute("**/api/events");

    await column.getByRole("article", { name: "Missed Mona" }).waitFor();
    await column.getByRole("article", { name: "Gone Gina" }).waitFor({ state: "detached" });
    expect(reads).toEqual([]);

    // A longer gap: the buffer dropped what the page missed, so it reads the board once.
    await page.route("**/api/events", (r) => r.abort());
    b.dropConnections();
    await page.getByText("Connecting live updates…").waitFor();
    await t.as(leo).post("/api/leads", { contactName: "Trimmed Tina", mobile: "+639171116666", brandId: brand.id, sourceId: await inboundCallId(t) }).expect(201);
    await t.c.leadEvents.settled();
    await t.c.redis.xtrim(t.c.leadEvents.streamKey, "MAXLEN", 0);
    await page.unroute("**/api/events");

    await column.getByRole("article", { name: "Trimmed Tina" }).waitFor();
    expect(reads).toHaveLength(1);
    expect(await column.getByRole("article", { name: "Missed Mona" }).isVisible()).toBe(true);
  });

  it("a form whose lead was claimed elsewhere shows the holder and drops its Claim button in place", async () => {
    const brand = await makeBrand(t, "FRM");
    const mia = await t.user("agent", "Mia Agent");
    const ned = await t.user("agent", "Ned Agent");
    const lead = await makeLead(t, brand.id, { contactName: "Raced Rosa" });
    const page = await b.loginAs(mia, { to: `/leads/${lead.id}` });
    const claim = page.getByRole("button", { name: "Claim Lead", exact: true });
    await claim.waitFor();
    await page.getByText("Live", { exact: true }).waitFor();
    const navigations: string[] = [];
    page.on("framenavigated", (f) => navigations.push(f.url()));

    await t.as(ned).post(`/api/leads/${lead.id}/claim`).expect(200);

    await page.getByText("Salesperson: Ned Agent").waitFor();
    await claim.waitFor({ state: "detached" });
    expect(navigations).toEqual([]);
    await b.screenshot(page, "lead-form-claimed-elsewhere.png");
  });
});
