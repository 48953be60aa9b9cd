// Driver adapter for the Prisma 6.19 CLI (migrate/db commands through the Wasm schema engine, offline).
// Works around three adapter-pg 6.19 bugs and two slow exits; see each comment.
import { PrismaPg } from "@prisma/adapter-pg";

// adapter-pg 6.19.x cannot decode Postgres `name` columns (OID 19), which the schema engine reads from
// pg_catalog (prisma/orm#27403). Map name-like types to text.
const TEXTISH = new Set([18, 19, 24, 194, 2205, 2206]);
const TEXTISH_ARRAYS = new Set([1002, 1003, 1008, 2210, 2211]);
function patchNameType(adapter: object) {
  let proto: any = Object.getPrototypeOf(adapter);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto || proto.__namePatched) return;
  const orig = proto.performIO;
  proto.performIO = async function (this: unknown, ...args: unknown[]) {
    const res = await orig.apply(this, args);
    for (const f of res?.fields ?? []) {
      if (TEXTISH.has(f.dataTypeID)) f.dataTypeID = 25;
      else if (TEXTISH_ARRAYS.has(f.dataTypeID)) f.dataTypeID = 1009;
    }
    return res;
  };
  proto.__namePatched = true;
}

type PgCfg = ReturnType<typeof pgConfig>;
class PatchedPg extends PrismaPg {
  constructor(private cfg: PgCfg) {
    super(cfg);
  }
  async connect() {
    const a = await super.connect();
    patchNameType(a);
    return a;
  }
  // adapter-pg 6.19.x drops the shadow DB before closing its pool ("database is being accessed by other
  // users"): close the shadow pool first, then drop.
  async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PatchedPg({ ...this.cfg, database }).connect();
    const close = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await close();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

// Discrete fields, not connectionString: with a connectionString pg lets it override `database`, so the
// "shadow" database would be the real one.
function pgConfig(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    allowExitOnIdle: true,
  };
}

// The Wasm schema engine arms 10 s / 60 s timers it never clears; unref them so the CLI exits promptly.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: any[]) => void, ms?: number, ...args: any[]) => {
  const t = realSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 10_000) t.unref();
  return t;
}) as typeof setTimeout;

export function cliAdapter() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return new PatchedPg(pgConfig(url));
}
