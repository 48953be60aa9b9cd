import { startSimulator } from "./simulator-server";

/** `tsx tools/distributor-simulator/src/main.ts --port 8069 --brand CHERY --seed 20 --produce-every 30s` */
function parseDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(s.trim());
  if (!m) throw new Error(`Bad duration "${s}": use e.g. 500ms, 30s, 2m`);
  const n = Number(m[1]);
  return m[2] === "ms" ? n : m[2] === "m" ? n * 60_000 : n * 1000;
}

function parseArgs(argv: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new Error(`Unexpected argument "${a}"`);
    const [k, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
    const v = inline ?? argv[++i];
    if (v === undefined) throw new Error(`--${k} needs a value`);
    (out[k] ??= []).push(v);
  }
  return out;
}

const HELP = `Options: --port 8069 --host 127.0.0.1 --brand CHERY --seed 20 --produce-every 30s
  --login bpo-sync --password sync-password --db <brand>_distributor
  --dealers "A,B" --models "Tiggo 2 Pro,Tiggo 7 Pro" (catalogue names)
  --deny <model> (repeatable: AccessError on that model) --missing <model> (repeatable: model not installed)`;

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes("--help")) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const a = parseArgs(argv);
  const one = (k: string) => a[k]?.[a[k]!.length - 1];
  const sim = await startSimulator({
    port: Number(one("port") ?? 8069),
    host: one("host") ?? "127.0.0.1",
    brand: one("brand") ?? "CHERY",
    seed: Number(one("seed") ?? 20),
    produceEveryMs: one("produce-every") ? parseDuration(one("produce-every")!) : 0,
    login: one("login"),
    password: one("password"),
    db: one("db"),
    dealers: one("dealers")?.split(",").map((s) => s.trim()).filter(Boolean),
    vehicleModels: one("models")?.split(",").map((s) => s.trim()).filter(Boolean),
    denied: a.deny ?? [],
    missing: a.missing ?? [],
  });
  const s = sim.state;
  process.stdout.write(
    `${JSON.stringify({ msg: "distributor simulator listening", url: sim.url, brand: s.brand, db: s.db, login: s.login })}\n`,
  );
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
