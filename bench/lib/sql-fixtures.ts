/** Direct SQL on the bench databases: a client closed by closeAll(), and leads written in one statement. */
import { Client } from "pg";
import { atClose } from "./cleanup";

/** Direct SQL on a bench database; the client is closed by closeAll(). */
export async function sql(dbUrl: string): Promise<Client> {
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  atClose(() => pg.end());
  return pg;
}

/** `n` leads written straight to the BPO database, claimed by `userId` and in stage `stage`; returns their ids. */
export async function insertLeads(pg: Client, opts: { brandId: number; n: number; userId?: number | null; stage?: string; vehicleModelId?: number | null; tag?: string }): Promise<number[]> {
  const { rows } = await pg.query<{ id: number }>(
    `INSERT INTO leads (contact_name, email, mobile, brand_id, vehicle_model_id, source_id, stage_id, user_id, claimed_at, updated_at)
     SELECT $6 || ' ' || g, 'c' || g || '.' || lower($6) || '@example.ph', '+63917' || lpad(g::text, 7, '0'), $1::int, $2::int,
            (SELECT id FROM lead_sources WHERE code = 'inbound_call'), (SELECT id FROM stages WHERE name = $3), $4::int,
            CASE WHEN $4::int IS NULL THEN NULL ELSE now() END, now()
     FROM generate_series(1, $5::int) g ORDER BY g RETURNING id`,
    [opts.brandId, opts.vehicleModelId ?? null, opts.stage ?? "New", opts.userId ?? null, opts.n, opts.tag ?? "Customer"],
  );
  return rows.map((r) => r.id);
}
