import { Client } from "pg";
import { createTestDatabase } from "@crm/test-kit";
import { pgPoolOf, prismaOnPgPool, queryOnPool } from "../src/core";

/** Hot statements (claim, stage move, call log, live feed) go out as named statements, planned once per connection. */
describe("hot statements on the pg pool", () => {
  let db: { url: string; name: string; drop: () => Promise<void> };
  let admin: Client;

  beforeAll(async () => {
    db = await createTestDatabase("bpo");
    admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query("CREATE TABLE hot_things (id int PRIMARY KEY, name text)");
    await admin.query("INSERT INTO hot_things VALUES (1, 'one'), (2, 'two')");
  });
  afterAll(async () => {
    await admin.end();
    await db.drop();
  });

  it("are prepared on their connection once and reused for every later call with other values", async () => {
    const client = prismaOnPgPool(db.url, { poolSize: 1 }, () => ({}));
    try {
      const text = "SELECT name FROM hot_things WHERE id = $1";
      expect(await queryOnPool(client, { text, values: [1] })).toEqual([{ name: "one" }]);
      expect(await queryOnPool(client, { text, values: [2] })).toEqual([{ name: "two" }]);
      const prepared = await queryOnPool<{ statement: string }>(client, { text: "SELECT statement FROM pg_prepared_statements", values: [] });
      // One entry for the lookup (not one per call), plus this listing itself.
      expect(prepared!.filter((p) => p.statement === text)).toHaveLength(1);
    } finally {
      await pgPoolOf(client)?.end();
    }
  });

  it("still answer after a migration changed the table under statements prepared on every connection", async () => {
    const client = prismaOnPgPool(db.url, { poolSize: 3 }, () => ({}));
    try {
      const text = "SELECT * FROM hot_things WHERE id = ANY($1::int[]) ORDER BY id";
      // Three at once, so each of the three connections prepares the statement.
      const pool = pgPoolOf(client)!;
      const held = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
      held.forEach((c) => c.release());
      await Promise.all([1, 2, 3].map(() => queryOnPool(client, { text, values: [[1, 2]] })));
      expect(pool.totalCount).toBe(3);

      await admin.query("ALTER TABLE hot_things ADD COLUMN note text DEFAULT 'added'");
      // A prepared SELECT * now fails with "cached plan must not change result type" on each old connection.
      for (let i = 0; i < 4; i++) {
        expect(await queryOnPool(client, { text, values: [[1, 2]] })).toEqual([
          { id: 1, name: "one", note: "added" },
          { id: 2, name: "two", note: "added" },
        ]);
      }
    } finally {
      await pgPoolOf(client)?.end();
    }
  });
});
