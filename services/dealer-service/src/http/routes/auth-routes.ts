import { z } from "zod";
import type { ApiRouter } from "@crm/platform";
import type { Actor } from "../../domain/actor";
import type { AuthService } from "../../domain/auth-service";
import { SESSION_COOKIE, tokenFrom } from "../authenticate";

export const ZLoginRequestSchema = z
  .object({
    login: z.string().trim().min(1, "Login is required").max(100),
    password: z.string().min(1, "Password is required").max(200),
    /** "api" returns a bearer token for integrations instead of setting the cookie. */
    kind: z.enum(["browser", "api"]).default("browser"),
  })
  .strict();

export function authRoutes(api: ApiRouter<Actor>, auth: AuthService, opts: { secureCookies: boolean }) {
  api.route({
    method: "post",
    path: "/auth/login",
    summary: "Log in (cookie for the UI, bearer token for API clients)",
    tags: ["auth"],
    auth: false,
    body: ZLoginRequestSchema,
    handler: async ({ body, res }) => {
      const { token, user, expiresAt } = await auth.login(body.login, body.password, body.kind);
      if (body.kind === "api") return { user, token, expiresAt };
      res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "strict",
        secure: opts.secureCookies,
        expires: expiresAt,
        path: "/",
      });
      return { user, expiresAt };
    },
  });
  api.route({
    method: "post",
    path: "/auth/logout",
    summary: "End the current session",
    tags: ["auth"],
    handler: async ({ req, res }) => {
      const token = tokenFrom(req);
      if (token) await auth.logout(token);
      res.clearCookie(SESSION_COOKIE, { path: "/" });
      return undefined;
    },
  });
  api.route({
    method: "get",
    path: "/auth/me",
    summary: "The logged-in user",
    tags: ["auth"],
    handler: async ({ principal }) => principal,
  });
}
