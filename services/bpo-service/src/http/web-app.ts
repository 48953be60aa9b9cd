import path from "node:path";
import { type Router } from "express";
import { workspaceRoot } from "@crm/platform/core";
import { webApp as platformWebApp } from "@crm/platform/http";

/** Where the built BPO web UI lives unless WEB_DIST_DIR says otherwise: apps/bpo-web/dist in this repo. */
export const DEFAULT_WEB_DIST_DIR = path.join(workspaceRoot(__dirname, 4), "apps/bpo-web/dist");

/** The BPO UI at "/" (see the platform's webApp); null when it has not been built. */
export function webApp(distDir: string = DEFAULT_WEB_DIST_DIR): Router | null {
  return platformWebApp(distDir);
}
