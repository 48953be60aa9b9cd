import fs from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

/**
 * Serves a built single-page app (Vite's dist) at "/" with an index.html fallback for client routes. /api and
 * /rpc are never answered here, so their 404s stay JSON. Returns null when the UI has not been built, so a
 * service without its UI still serves its API.
 */
export function webApp(distDir: string): Router | null {
  const index = path.join(distDir, "index.html");
  if (!fs.existsSync(index)) return null;
  const router = express.Router();
  router.use(
    express.static(distDir, {
      index: false,
      setHeaders(res, file) {
        // Vite fingerprints assets; index.html must be revalidated to pick up new builds.
        res.setHeader("Cache-Control", file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    }),
  );
  router.get(/.*/, (req, res, next) => {
    if (req.path === "/api" || req.path.startsWith("/api/") || req.path === "/rpc" || req.path.startsWith("/rpc/")) return next();
    if (!req.accepts("html")) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
