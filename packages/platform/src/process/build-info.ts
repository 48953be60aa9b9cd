import path from "node:path";

/** Replaced by the production build (scripts/build.ts, esbuild `define`); absent when running through tsx. */
declare const __CRM_BUILD__: { version: string; commit: string; builtAt: string } | undefined;
declare const __CRM_BUNDLED__: boolean | undefined;

export interface BuildInfo {
  /** `compiled` = the output of `pnpm build`; `source` = TypeScript through tsx (tests, demo). */
  mode: "compiled" | "source";
  version: string;
  commit: string;
  builtAt: string | null;
}

export function buildInfo(): BuildInfo {
  if (typeof __CRM_BUILD__ !== "undefined" && __CRM_BUILD__) return { mode: "compiled", ...__CRM_BUILD__ };
  return { mode: "source", version: "dev", commit: "unknown", builtAt: null };
}

/**
 * The workspace root seen from a service module's `__dirname`. Through tsx that is the source file's folder,
 * `sourceDepth` levels below the root; in the bundle every module's `__dirname` is services/<service>/dist.
 */
export function workspaceRoot(dirname: string, sourceDepth: number): string {
  const bundled = typeof __CRM_BUNDLED__ !== "undefined" && __CRM_BUNDLED__;
  return path.resolve(dirname, ...Array<string>(bundled ? 3 : sourceDepth).fill(".."));
}
