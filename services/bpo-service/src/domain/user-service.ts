import { z } from "zod";
import { AppError, editUserAccount, hashPassword, refuseTakenLogin } from "@crm/platform/core";
import type { BpoStore } from "../data-access/bpo-store";
import { type Actor, requireRole } from "./actor";
import { ZCreateUserRequestSchema, ZUpdateUserRequestSchema } from "./user-schemas";

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
