import fs from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

/** Where the built BPO web UI lives unless WEB_DIST_DIR says otherwise: apps/bpo-web/dist in this repo. */
export const DEFAULT_WEB_DIST_DIR = path.resolve(__dirname, "../../../../apps/bpo-web/dist");

/**
 * Serves the built single-page app at "/" with an index.html fallback for client routes. /api and /rpc are
 * never answered here, so their 404s stay JSON. Returns null when the UI has not been built.
 */
export function webApp(distDir: string = DEFAULT_WEB_DIST_DIR): Router | null {
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
