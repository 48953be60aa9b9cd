import { PasswordSessionAuth } from "@crm/platform/core";
import type { BpoStore, UserRecord } from "../data-access/bpo-store";
import type { Actor } from "./actor";

export const toActor = (u: UserRecord): Actor => ({ id: u.id, name: u.name, role: u.role });

/** BPO users log in with a password; API clients get `bpo_` bearer tokens. */
export class AuthService extends PasswordSessionAuth<UserRecord, Actor> {
  constructor(store: BpoStore, sessionTtlHours: number) {
    super(store.repos, { sessionTtlHours, apiTokenPrefix: "bpo_", toPrincipal: toActor });
  }
}
