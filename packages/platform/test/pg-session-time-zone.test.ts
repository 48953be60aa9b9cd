import { Client } from "pg";
import { createTestDatabase } from "@crm/test-kit";
import { pgPoolOf, prismaOnPgPool, queryOnPool } from "../src/core";

/**
 * Timestamp columns hold UTC without a zone (as Prisma writes them). Raw statements on the pool write now()
 * into them (claims, stage moves), so the pool's sessions must be UTC whatever the server's default zone is.
 */
describe("the pg pool behind the Prisma client", () => {
  let db: { url: string; name: string; drop: () => Promise<void> };
  let client: object;

  beforeAll(async () => {
    db = await createTestDatabase("bpo");
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    // An operator's server set to the business zone (UTC+8, no daylight saving).
    await admin.query(`ALTER DATABASE "${db.name}" SET timezone TO 'Asia/Manila'`);
    await admin.end();
    // One connection, so a session setting made by one statement holds for the next.
    client = prismaOnPgPool(db.url, { poolSize: 1 }, () => ({}));
  });
  afterAll(async () => {
    await pgPoolOf(client)?.end();
    await db.drop();
  });

  it("writes now() as UTC into a timestamp without zone even when the database's default zone is Manila", async () => {
    const before = Date.now();
    const rows = await queryOnPool<{ ts: Date; tz: Date; zone: string }>(client, {
      text: "SELECT now()::timestamp AS ts, now() AS tz, current_setting('TimeZone') AS zone",
      values: [],
    });
    const row = rows![0]!;
    expect(row.zone).toBe("UTC");
    expect(Math.abs(row.ts.getTime() - before)).toBeLessThan(60_000);
    expect(Math.abs(row.tz.getTime() - before)).toBeLessThan(60_000);
  });

  it("reads a timestamp with zone as the instant its printed offset says", async () => {
    const run = (text: string) => queryOnPool<{ at: Date }>(client, { text, values: [] });
    await run("SELECT set_config('TimeZone', 'Asia/Manila', false) AS at");
    try {
      // PostgreSQL prints these as "2026-12-04 09:30:00+08" in this session.
      const [row] = (await run("SELECT '2026-12-04 01:30:00+00'::timestamptz AS at"))!;
      expect(row!.at.toISOString()).toBe("2026-12-04T01:30:00.000Z");
    } finally {
      await run("SELECT set_config('TimeZone', 'UTC', false) AS at");
    }
  });
});
