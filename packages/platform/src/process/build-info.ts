/** Replaced by the production build (scripts/build.ts, esbuild `define`); absent when running through tsx. */
declare const __CRM_BUILD__: { version: string; commit: string; builtAt: string } | undefined;

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
