import path from "node:path";
import { type Router } from "express";
import { workspaceRoot } from "@crm/platform/core";
import { webApp } from "@crm/platform/http";

/** Where the built dealer web UI lives unless WEB_DIST_DIR says otherwise: apps/dealer-web/dist in this repo. */
export const DEFAULT_WEB_DIST_DIR = path.join(workspaceRoot(__dirname, 4), "apps/dealer-web/dist");

/** The dealer UI at "/" with SPA fallback (never /api or /rpc); null when it has not been built. */
export const dealerWebApp = (distDir: string = DEFAULT_WEB_DIST_DIR): Router | null => webApp(distDir);
