import { z } from "zod";

/**
 * The signed-in user as both services' auth routes answer it (GET /api/auth/me, POST /api/auth/login): each
 * service's principal, with its own role names. Both web apps type their session with it.
 */
export const ZSessionUserSchema = z.object({ id: z.number().int(), name: z.string(), role: z.string() });
export type SessionUserResponse = z.input<typeof ZSessionUserSchema>;

/** POST /api/auth/login: the user and when the session ends; the bearer token only for kind "api". */
export const ZLoginResponseSchema = z.object({ user: ZSessionUserSchema, expiresAt: z.date(), token: z.string().optional() });
export type LoginResponse = z.input<typeof ZLoginResponseSchema>;
