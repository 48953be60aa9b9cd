/**
 * Production build: `pnpm build [bpo|dealer]` bundles each service's main.ts with esbuild into
 * services/<service>/dist/main.js (+ source map), run by `node --enable-source-maps` (`pnpm start:bpo`).
 * The workspace packages (@crm/*, TypeScript sources) and the generated Prisma client are compiled into the bundle;
 * every other package stays an ordinary `require` resolved from the service's own node_modules, so the runtime
 * needs only the service's production dependencies (`pnpm deploy --prod`). The build fails when the bundle
 * requires a package the service does not declare, which would work in the workspace and break in the image.
 * Type errors are `pnpm typecheck`'s job: esbuild only strips types.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

const ROOT = path.resolve(__dirname, "..");
const SERVICES = { bpo: "bpo-service", dealer: "dealer-service" } as const;
type ServiceKey = keyof typeof SERVICES;

const say = (line: string) => process.stdout.write(`${line}\n`);

function commit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    // A Docker build context has no .git: the image passes the commit as a build argument.
    return process.env.GIT_COMMIT || "unknown";
  }
}

/** The package name of a bare import: "@scope/name/sub" → "@scope/name", "name/sub" → "name". */
const packageOf = (spec: string) => spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/");

/** Bundle @crm/* and relative files; leave third-party packages and node: built-ins as runtime requires. */
function externalsPlugin(declared: Set<string>, used: Set<string>): Plugin {
  return {
    name: "third-party-external",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith("@crm/")) return undefined;
        if (args.path.startsWith("node:")) return { path: args.path, external: true };
        const pkg = packageOf(args.path);
        if (!declared.has(pkg)) used.add(pkg);
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * Prisma's query compiler ships as one 2.6 MB base64 string in a JS module. Required normally, that module stays in
 * the require cache for the life of the process, holding its source and the string (5 MB of heap in every process).
 * This stand-in reads the string from the same file when Prisma asks for it (once, when the client first compiles
 * a query); after Prisma has decoded it, nothing keeps it.
 */
function prismaWasmOnDemandPlugin(): Plugin {
  const filter = /^@prisma\/client\/runtime\/query_compiler_bg\.\w+\.wasm-base64\.js$/;
  return {
    name: "prisma-wasm-on-demand",
    setup(b) {
      b.onResolve({ filter }, (args) => (args.namespace === "prisma-wasm" ? { path: args.path, external: true } : { path: args.path, namespace: "prisma-wasm" }));
      b.onLoad({ filter: /.*/, namespace: "prisma-wasm" }, (args) => ({
        loader: "js",
        contents: `const { readFileSync } = require("node:fs");
module.exports = {
  get wasm() {
    const source = readFileSync(require.resolve(${JSON.stringify(args.path)}), "utf8");
    const m = /^const wasm = "([A-Za-z0-9+/=]+)";/.exec(source);
    if (!m) throw new Error("Unexpected layout of ${args.path}: update scripts/build.ts");
    return m[1];
  },
};`,
      }));
    },
  };
}

async function buildService(key: ServiceKey): Promise<void> {
  const dir = path.join(ROOT, "services", SERVICES[key]);
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string> };
  const declared = new Set(Object.keys(manifest.dependencies));
  const undeclared = new Set<string>();
  const started = Date.now();
  const info = { version: manifest.version, commit: commit(), builtAt: new Date().toISOString() };
  await build({
    entryPoints: [path.join(dir, "src/main.ts")],
    outfile: path.join(dir, "dist/main.js"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: true,
    sourcesContent: false,
    // Keep names readable in stack traces and logs; the bundle is not shipped to browsers.
    minify: false,
    logLevel: "warning",
    define: {
      __CRM_BUILD__: JSON.stringify(info),
      // The sources sit in services/<service>/src/http/, the bundle in services/<service>/dist/.
      __CRM_BUNDLED__: "true",
    },
    plugins: [prismaWasmOnDemandPlugin(), externalsPlugin(declared, undeclared)],
  });
  if (undeclared.size > 0) {
    throw new Error(`${SERVICES[key]}: the bundle requires ${[...undeclared].sort().join(", ")}, which services/${SERVICES[key]}/package.json does not list in dependencies (the production image would miss them)`);
  }
  say(`built services/${SERVICES[key]}/dist/main.js (${info.commit}) in ${Date.now() - started} ms`);
}

async function main() {
  const wanted = process.argv.slice(2);
  for (const w of wanted) if (!(w in SERVICES)) throw new Error(`Unknown service "${w}": use ${Object.keys(SERVICES).join(" or ")}`);
  const keys = (wanted.length ? wanted : Object.keys(SERVICES)) as ServiceKey[];
  await Promise.all(keys.map(buildService));
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
