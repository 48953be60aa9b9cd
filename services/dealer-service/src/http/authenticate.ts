import type { Request, RequestHandler, Response } from "express";
import { AppError, addToLogContext } from "@crm/platform";
import type { Actor } from "../domain/actor";
import type { AuthService } from "../domain/auth-service";

export const SESSION_COOKIE = "sid";

export function tokenFrom(req: Request): string | null {
  const header = req.get("authorization");
  if (header?.startsWith("Bearer ")) return header.slice(7).trim() || null;
  const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return cookie || null;
}

/** Resolves the session cookie or bearer token to an Actor (or none); routes decide whether one is needed. */
export function resolveActor(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    const token = tokenFrom(req);
    if (token) {
      const actor = await auth.authenticate(token);
      if (actor) {
        res.locals.actor = actor;
        addToLogContext({ userId: actor.id });
      }
    }
    next();
  };
}

export function requireActor(_req: Request, res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new AppError("unauthenticated", "unauthenticated", "Log in first");
  return actor;
}
