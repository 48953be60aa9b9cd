import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { AppError, editUserAccount, hashPassword, refuseTakenLogin } from "@crm/platform/core";
import type { DealerStore } from "../data-access/dealer-store";
import { type Actor, requireRole } from "./actor";
import type { ZCreateUserRequestSchema, ZUpdateUserRequestSchema } from "./admin-schemas";
import { assertInteractive } from "./lead-service";

/** Dealer users. Everyone can list them (salesperson pickers); Admins create, edit and deactivate. */
export class UserService {
  constructor(private readonly store: DealerStore) {}

  list(actor: Actor) {
    assertInteractive(actor);
    return this.store.repos.users.list();
  }

  async create(actor: Actor, input: z.output<typeof ZCreateUserRequestSchema>) {
    requireRole(actor, "dealer_admin", "create users");
    const { password: plain, ...rest } = input;
    if (!plain && rest.role !== "service_account") {
      throw new AppError("validation", "password_required", "Password is required", { issues: [{ path: "password", message: "Password is required" }] });
    }
    // Service accounts get an unguessable password nobody knows: login is refused for them anyway.
    const passwordHash = await hashPassword(plain ?? randomBytes(32).toString("base64url"));
    return this.store.run((r) => r.users.create({ ...rest, passwordHash })).catch(refuseTakenLogin(input.login));
  }

  async update(actor: Actor, id: number, patch: z.output<typeof ZUpdateUserRequestSchema>) {
    requireRole(actor, "dealer_admin", "edit users");
    if (id === actor.id && patch.active === false) throw new AppError("precondition", "self_lockout", "You cannot deactivate yourself.");
    return this.store.transaction((r) => editUserAccount(r, id, patch));
  }
}
