import { randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError, hashPassword, notFound, UniqueViolation } from "@crm/platform";
import type { DealerStore } from "../data-access/dealer-store";
import { type Actor, ROLES, requireRole } from "./actor";
import { assertInteractive } from "./lead-service";

const password = z.string().min(10, "Password must be at least 10 characters").max(200);

export const ZCreateUserRequestSchema = z
  .object({
    login: z.string().trim().toLowerCase().min(2).max(100).regex(/^[a-z0-9._@-]+$/, "Login may contain a-z, 0-9, . _ @ -"),
    name: z.string().trim().min(1, "Name is required").max(200),
    email: z.email().nullable().default(null),
    role: z.enum(ROLES),
    /** Not needed for service accounts: they never log in with a password. */
    password: password.optional(),
  })
  .strict();
export const ZUpdateUserRequestSchema = z
  .object({ name: z.string().trim().min(1).max(200), email: z.email().nullable(), active: z.boolean(), password })
  .partial()
  .strict();

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
    return this.store.run((r) => r.users.create({ ...rest, passwordHash })).catch((e) => {
      if (e instanceof UniqueViolation) throw new AppError("conflict", "duplicate", `Login "${input.login}" is taken`);
      throw e;
    });
  }

  async update(actor: Actor, id: number, patch: z.output<typeof ZUpdateUserRequestSchema>) {
    requireRole(actor, "dealer_admin", "edit users");
    if (id === actor.id && patch.active === false) throw new AppError("precondition", "self_lockout", "You cannot deactivate yourself.");
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
