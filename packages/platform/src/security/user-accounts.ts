import { z } from "zod";
import { AppError, notFound } from "../errors/app-error";
import { UniqueViolation } from "../data/db-errors";
import { hashPassword } from "./password";

/** A user's login as both services accept it (stored lower case). */
const ZUserLoginField = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(100)
  .regex(/^[a-z0-9._@-]+$/, "Login may contain a-z, 0-9, . _ @ -");

export const ZUserPasswordField = z.string().min(10, "Password must be at least 10 characters").max(200);

/** Login, name and e-mail of a new user: spread into a service's create schema beside its roles and password rule. */
export const ZNewUserFields = {
  login: ZUserLoginField,
  name: z.string().trim().min(1, "Name is required").max(200),
  email: z.email().nullable().default(null),
};

/** Turns a duplicate login into a readable conflict (for a create's `.catch`); anything else passes through. */
export const refuseTakenLogin =
  (login: string) =>
  (e: unknown): never => {
    if (e instanceof UniqueViolation) throw new AppError("conflict", "duplicate", `Login "${login}" is taken`);
    throw e;
  };

/** The repositories a user edit runs on, inside one transaction. */
export interface UserEditRepos<U, D> {
  users: { findById(id: number): Promise<U | null>; update(id: number, data: D & { passwordHash?: string }): Promise<U> };
  sessions: { deleteAllOf(userId: number): Promise<void> };
}

/**
 * Edits a user: a new password is stored as its hash, and a new password or a deactivation ends every open
 * session of that user. Run it in the transaction of the edit.
 */
export async function editUserAccount<U, D extends { active?: boolean }>(
  r: UserEditRepos<U, D>,
  id: number,
  patch: D & { password?: string },
): Promise<U> {
  if (!(await r.users.findById(id))) throw notFound("User", id);
  const { password: plain, ...rest } = patch;
  const user = await r.users.update(id, { ...(rest as unknown as D), ...(plain ? { passwordHash: await hashPassword(plain) } : {}) });
  if (plain || patch.active === false) await r.sessions.deleteAllOf(id);
  return user;
}
