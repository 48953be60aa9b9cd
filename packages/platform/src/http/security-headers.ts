import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * helmet's default headers, worked out once: with static options (no CSP nonces) helmet sets the same headers on
 * every response, yet walks a chain of a dozen middlewares per request to do it. This runs helmet once against a
 * recording response and then sets what it set, and removes what it removed, in one step.
 */
export function securityHeaders(): RequestHandler {
  const set: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.push([name, value]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let finished = false;
  helmet()({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
    finished = true;
  });
  // helmet calls next synchronously; if a future version did not, recording would be incomplete.
  if (!finished) throw new Error("helmet did not finish synchronously: security headers cannot be precomputed");
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
