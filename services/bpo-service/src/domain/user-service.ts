import { z } from "zod";
import { AppError, hashPassword, notFound, UniqueViolation } from "@crm/platform";
import type { BpoStore } from "../data-access/bpo-store";
import { type Actor, ROLES, requireRole } from "./actor";

const password = z.string().min(10, "Password must be at least 10 characters").max(200);

export const ZCreateUserRequestSchema = z
  .object({
    login: z.string().trim().toLowerCase().min(2).max(100).regex(/^[a-z0-9._@-]+$/, "Login may contain a-z, 0-9, . _ @ -"),
    name: z.string().trim().min(1, "Name is required").max(200),
    email: z.email().nullable().default(null),
    role: z.enum(ROLES),
    password,
  })
  .strict();
export const ZUpdateUserRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().nullable(),
    role: z.enum(ROLES),
    active: z.boolean(),
    password,
  })
  .partial()
  .strict();

/** BPO users. Everyone can list them (assignee pickers); Managers create, edit and deactivate. */
export class UserService {
  constructor(private readonly store: BpoStore) {}

  list(_actor: Actor) {
    return this.store.repos.users.list();
  }

  async create(actor: Actor, input: z.output<typeof ZCreateUserRequestSchema>) {
    requireRole(actor, "manager", "create users");
    const { password: plain, ...rest } = input;
    return this.store
      .run(async (r) => r.users.create({ ...rest, passwordHash: await hashPassword(plain) }))
      .catch((e) => {
        if (e instanceof UniqueViolation) throw new AppError("conflict", "duplicate", `Login "${input.login}" is taken`);
        throw e;
      });
  }

  async update(actor: Actor, id: number, patch: z.output<typeof ZUpdateUserRequestSchema>) {
    requireRole(actor, "manager", "edit users");
    if (id === actor.id && (patch.active === false || (patch.role && patch.role !== "manager"))) {
      throw new AppError("precondition", "self_lockout", "You cannot deactivate or demote yourself.");
    }
    return this.store.transaction(async (r) => {
      if (!(await r.users.findById(id))) throw notFound("User", id);
      const { password: plain, ...rest } = patch;
      const user = await r.users.update(id, { ...rest, ...(plain ? { passwordHash: await hashPassword(plain) } : {}) });
      // A new password or a deactivation ends every open session of that user.
      if (plain || patch.active === false) await r.sessions.deleteAllOf(id);
      return user;
    });
  }
}
