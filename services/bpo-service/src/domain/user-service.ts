import { z } from "zod";
import { AppError, ZNewUserFields, ZUserPasswordField, editUserAccount, hashPassword, refuseTakenLogin } from "@crm/platform";
import type { BpoStore } from "../data-access/bpo-store";
import { type Actor, ROLES, requireRole } from "./actor";

export const ZCreateUserRequestSchema = z
  .object({
    ...ZNewUserFields,
    role: z.enum(ROLES),
    password: ZUserPasswordField,
  })
  .strict();
export const ZUpdateUserRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().nullable(),
    role: z.enum(ROLES),
    active: z.boolean(),
    password: ZUserPasswordField,
  })
  .partial()
  .strict();

/** A user as configuration and the assignee pickers list them (never the password). */
export const ZUserSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  active: z.boolean(),
});
export type UserResponse = z.input<typeof ZUserSchema>;
export const ZUsersResponseSchema = z.object({ users: z.array(ZUserSchema) });

/** BPO users. Everyone can list them (assignee pickers); Managers create, edit and deactivate. */
export class UserService {
  constructor(private readonly store: BpoStore) {}

  list(_actor: Actor) {
    return this.store.repos.users.list();
  }

  async create(actor: Actor, input: z.output<typeof ZCreateUserRequestSchema>) {
    requireRole(actor, "manager", "create users");
    const { password: plain, ...rest } = input;
    return this.store.run(async (r) => r.users.create({ ...rest, passwordHash: await hashPassword(plain) })).catch(refuseTakenLogin(input.login));
  }

  async update(actor: Actor, id: number, patch: z.output<typeof ZUpdateUserRequestSchema>) {
    requireRole(actor, "manager", "edit users");
    if (id === actor.id && (patch.active === false || (patch.role && patch.role !== "manager"))) {
      throw new AppError("precondition", "self_lockout", "You cannot deactivate or demote yourself.");
    }
    return this.store.transaction((r) => editUserAccount(r, id, patch));
  }
}
