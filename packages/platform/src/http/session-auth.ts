import type { Request, RequestHandler, Response } from "express";
import { z } from "zod";
import { ZLoginResponseSchema, ZSessionUserSchema } from "@crm/contracts";
import type { SessionUser } from "../data/session-repository";
import { AppError } from "../errors/app-error";
import { addToLogContext } from "../logging/context";
import type { ApiRouter } from "./api-router";

/** httpOnly cookie of browser sessions; API clients send the same kind of token as a bearer. */
export const SESSION_COOKIE = "sid";

/** What each service's auth domain offers the HTTP edge. */
export interface SessionAuth<P extends { id: number }> {
  login(login: string, password: string, kind: "browser" | "api"): Promise<{ token: string; user: SessionUser; expiresAt: Date }>;
  authenticate(token: string): Promise<P | null>;
  logout(token: string): Promise<void>;
}

export function tokenFrom(req: Request): string | null {
  const header = req.get("authorization");
  if (header?.startsWith("Bearer ")) return header.slice(7).trim() || null;
  const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return cookie || null;
}

/** Resolves the cookie or bearer token to a principal (or none); routes decide whether one is needed. */
export function resolvePrincipal<P extends { id: number }>(auth: SessionAuth<P>): RequestHandler {
  return async (req, res, next) => {
    const token = tokenFrom(req);
    if (token) {
      const principal = await auth.authenticate(token);
      if (principal) {
        res.locals.principal = principal;
        addToLogContext({ userId: principal.id });
      }
    }
    next();
  };
}

export function requirePrincipal<P>(_req: Request, res: Response): P {
  const principal = res.locals.principal as P | undefined;
  if (!principal) throw new AppError("unauthenticated", "unauthenticated", "Log in first");
  return principal;
}

export const ZLoginRequestSchema = z
  .object({
    login: z.string().trim().min(1, "Login is required").max(100),
    password: z.string().min(1, "Password is required").max(200),
    /** "api" returns a bearer token for integrations instead of setting the cookie. */
    kind: z.enum(["browser", "api"]).default("browser"),
  })
  .strict();

/** A principal the auth routes can show (GET /auth/me answers it as is). */
export interface SessionPrincipal {
  id: number;
  name: string;
  role: string;
}

/** POST /auth/login, POST /auth/logout (204), GET /auth/me. */
export function sessionAuthRoutes<P extends SessionPrincipal>(api: ApiRouter<P>, auth: SessionAuth<P>, opts: { secureCookies: boolean }) {
  api.route({
    method: "post",
    path: "/auth/login",
    summary: "Log in (cookie for the UI, bearer token for API clients)",
    tags: ["auth"],
    auth: false,
    body: ZLoginRequestSchema,
    response: ZLoginResponseSchema,
    handler: async ({ body, res }) => {
      const { token, user, expiresAt } = await auth.login(body.login, body.password, body.kind);
      if (body.kind === "api") return { user, token, expiresAt };
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "strict", secure: opts.secureCookies, expires: expiresAt, path: "/" });
      return { user, expiresAt };
    },
  });
  api.route({
    method: "post",
    path: "/auth/logout",
    summary: "End the current session",
    tags: ["auth"],
    status: 204,
    handler: async ({ req, res }) => {
      const token = tokenFrom(req);
      if (token) await auth.logout(token);
      res.clearCookie(SESSION_COOKIE, { path: "/" });
      return undefined;
    },
  });
  api.route({ method: "get", path: "/auth/me", summary: "The logged-in user", tags: ["auth"], response: ZSessionUserSchema, handler: async ({ principal }) => principal });
}
