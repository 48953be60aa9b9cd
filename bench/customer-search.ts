/**
 * Dealer customer search latency (script, not a test): the lead form's Customer record picker.
 *   tsx bench/customer-search.ts [--customers 100000] [--requests 100]
 * Loads `--customers` customers with set-based SQL, then times GET /api/partners?q=…&limit=20 over loopback for
 * typed fragments of a name, a mobile and an e-mail, with the trigram index and again after dropping it.
 */
import { closeAll } from "./lib/cleanup";
import { http } from "./lib/http-client";
import { startDealer } from "./lib/in-process-stacks";
import { say } from "./lib/report";
import { sql } from "./lib/sql-fixtures";
import { quantile } from "./lib/statistics";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CUSTOMERS = arg("customers", 100_000);
const REQUESTS = arg("requests", 100);
const QUERIES = ["Dela Cruz", "rosa", "0012345", "9170004", "c4242@", "example.com"];

async function measure(url: string, token: string): Promise<{ p50: number; p95: number; bad: number }> {
  const ms: number[] = [];
  let bad = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const q = QUERIES[i % QUERIES.length]!;
    const t = process.hrtime.bigint();
    const res = await http(url, "get", `/api/partners?q=${encodeURIComponent(q)}&limit=20`, { token });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (res.status !== 200) bad++;
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), bad };
}

async function main() {
  const dealer = await startDealer();
  const seller = await dealer.user("dealer_user");
  const pg = await sql(dealer.dbUrl); // closed by closeAll
  const t0 = Date.now();
  await pg.query(
    `INSERT INTO partners (name, mobile, email, active, updated_at)
     SELECT (ARRAY['Maria','Jose','Ana','Juan','Rosa','Pedro'])[1 + g % 6] || ' ' ||
            (ARRAY['Santos','Reyes','Cruz','Bautista','Garcia','Mendoza','Dela Cruz'])[1 + (g / 7) % 7] || ' ' || substr(md5(g::text), 1, 6),
            '+63917' || lpad(g::text, 7, '0'), 'c' || g || '@example.com', true, now()
     FROM generate_series(1, $1::int) g`,
    [CUSTOMERS],
  );
  await pg.query("ANALYZE partners");
  say(`loaded ${CUSTOMERS} customers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await measure(dealer.url, seller.token); // warm-up
  const indexed = await measure(dealer.url, seller.token);
  say(`with partners_search_trgm_idx: p50 ${indexed.p50.toFixed(1)} ms, p95 ${indexed.p95.toFixed(1)} ms`);
  await pg.query("DROP INDEX partners_search_trgm_idx");
  const scanned = await measure(dealer.url, seller.token);
  say(`without it (sequential scan): p50 ${scanned.p50.toFixed(1)} ms, p95 ${scanned.p95.toFixed(1)} ms`);
  say(`SUMMARY customer-search: ${CUSTOMERS} customers, ${REQUESTS} searches: p50 ${indexed.p50.toFixed(1)} ms / p95 ${indexed.p95.toFixed(1)} ms (without the index ${scanned.p50.toFixed(1)} / ${scanned.p95.toFixed(1)} ms); non-200 answers: ${indexed.bad + scanned.bad}`);
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeAll().then(() => process.exit()));
