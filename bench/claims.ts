/**
 * Claim race (script, not a test):
 *   tsx bench/claims.ts [--leads 500] [--agents 50]
 * `--leads` unclaimed leads, `--agents` agents (each logged in with its own token) racing over real HTTP to
 * claim them, each walking its own random order, one request in flight per agent, until the pool is empty.
 * Prints claims/second and wall time, then proves every lead was claimed exactly once (database owner,
 * success responses, conflicts = attempts - leads).
 */
import { Client } from "pg";
import { closeAll, http, say, startBpo } from "./lib/stack";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LEADS = arg("leads", 500);
const AGENTS = arg("agents", 50);

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

async function main() {
  const bpo = await startBpo({ poolSize: 20 });
  const brand = await bpo.c.store.repos.catalog.createBrand({ code: "CLAIM", name: "Claim" });
  const pg = new Client({ connectionString: bpo.dbUrl });
  await pg.connect();
  try {
    const ids = (
      await pg.query<{ id: number }>(
        `INSERT INTO leads (contact_name, mobile, brand_id, source_id, stage_id, updated_at)
         SELECT 'Claim ' || g, '+63917' || lpad(g::text, 7, '0'), $1::int,
                (SELECT id FROM lead_sources WHERE code = 'inbound_call'), (SELECT id FROM stages WHERE name = 'New'), now()
         FROM generate_series(1, $2::int) g RETURNING id`,
        [brand.id, LEADS],
      )
    ).rows.map((r) => r.id);
    const agents = await Promise.all(Array.from({ length: AGENTS }, () => bpo.user("agent")));
    say(`${ids.length} unclaimed leads, ${agents.length} agents logged in`);

    let claimed = 0;
    let attempts = 0;
    const statuses = new Map<number, number>();
    const wins = new Map<number, number[]>(); // lead id -> agent ids whose claim answered 200
    const mismatched: string[] = [];
    const t0 = Date.now();
    const deadline = t0 + 120_000;
    await Promise.all(
      agents.map(async (a) => {
        for (const id of shuffle(ids)) {
          if (claimed >= ids.length || Date.now() > deadline) return;
          attempts++;
          const r = await http(bpo.url, "post", `/api/leads/${id}/claim`, { token: a.token });
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status === 200) {
            claimed++;
            wins.set(id, [...(wins.get(id) ?? []), a.id]);
            const body = r.body as { id?: number; userId?: number | null };
            if (body.id !== id || body.userId !== a.id) mismatched.push(`lead ${id}: response ${JSON.stringify({ id: body.id, userId: body.userId })} for agent ${a.id}`);
          }
        }
      }),
    );
    const secs = (Date.now() - t0) / 1000;

    const db = await pg.query<{ id: number; user_id: number | null }>("SELECT id, user_id FROM leads WHERE id = ANY($1::int[])", [ids]);
    const ownerless = db.rows.filter((r) => r.user_id === null).length;
    const dbMismatch = db.rows.filter((r) => {
      const w = wins.get(r.id);
      return !w || w.length !== 1 || w[0] !== r.user_id;
    }).length;
    const doubles = [...wins.values()].filter((w) => w.length > 1).length;
    const conflicts = statuses.get(409) ?? 0;
    say(`wall time ${secs.toFixed(2)} s, ${claimed} claims = ${Math.round(claimed / secs)} claims/second, ${attempts} attempts = ${Math.round(attempts / secs)} requests/second`);
    say(`answers: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`);
    say(`leads with exactly one successful claim: ${[...wins.values()].filter((w) => w.length === 1).length}/${ids.length}; claimed twice: ${doubles}`);
    say(`database: leads without owner ${ownerless}, owner differs from the one success response ${dbMismatch}`);
    say(`success responses whose body does not match (lead id, userId): ${mismatched.length}`);
    for (const m of mismatched.slice(0, 10)) say(`  ${m}`);
    say(`conflicts ${conflicts} = attempts ${attempts} - leads ${ids.length}? ${conflicts === attempts - ids.length ? "yes" : "NO"}`);
    const ok = claimed === ids.length && ownerless === 0 && dbMismatch === 0 && doubles === 0 && mismatched.length === 0 && conflicts === attempts - ids.length;
    say(`SUMMARY claims: ${claimed}/${ids.length} leads claimed by ${AGENTS} agents in ${secs.toFixed(2)} s (${Math.round(claimed / secs)} claims/s), ${attempts} attempts, ${conflicts} conflicts, exactly-once ${ok ? "PROVEN" : "VIOLATED"}`);
  } finally {
    await pg.end();
  }
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
