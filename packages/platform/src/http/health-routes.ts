import { Router } from "express";

export type ReadinessCheck = () => Promise<void>;

/** /healthz: the process answers. /readyz: every dependency answers (503 naming the failing ones). */
export function healthRoutes(checks: Record<string, ReadinessCheck>): Router {
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
    res.status(ok ? 200 : 503).json({ status: ok ? "ready" : "not_ready", checks: Object.fromEntries(results) });
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
