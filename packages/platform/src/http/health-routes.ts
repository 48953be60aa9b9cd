import { Router } from "express";

export type ReadinessCheck = () => Promise<void>;

/** What /readyz reports about the running code: build, commit and the database's migration version. */
export type VersionReport = () => Promise<Record<string, unknown>>;

/**
 * /healthz: the process answers. /readyz: every dependency answers (503 naming the failing ones), plus the
 * version report (no secrets: build, commit, migration), so an operator sees what is deployed where.
 */
export function healthRoutes(checks: Record<string, ReadinessCheck>, version?: VersionReport): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          return [name, "ok"] as const;
        } catch (e) {
          return [name, `failed: ${(e as Error).message}`] as const;
        }
      }),
    );
    const ok = results.every(([, r]) => r === "ok");
    const versionReport = version ? await withTimeout(version(), 2000).catch((e: Error) => ({ error: e.message })) : undefined;
    res.status(ok ? 200 : 503).json({ status: ok ? "ready" : "not_ready", checks: Object.fromEntries(results), version: versionReport });
  });
  return router;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}
