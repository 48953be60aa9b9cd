import { AppError, PasswordSessionAuth } from "@crm/platform/core";
import type { DealerStore, UserRecord } from "../data-access/dealer-store";
import type { Actor } from "./actor";

export const toActor = (u: UserRecord): Actor => ({ id: u.id, name: u.name, role: u.role });

/**
 * Dealer users log in with a password; API clients get `dlr_` bearer tokens. Service accounts never hold a
 * session: they call POST /rpc with a service key.
 */
export class AuthService extends PasswordSessionAuth<UserRecord, Actor> {
  constructor(store: DealerStore, sessionTtlHours: number) {
    super(store.repos, {
      sessionTtlHours,
      apiTokenPrefix: "dlr_",
      toPrincipal: toActor,
      refuse: (u) =>
        u.role === "service_account"
          ? new AppError("forbidden", "service_account_not_allowed", "Service accounts cannot log in to the REST API; they call POST /rpc with a service key.")
          : null,
    });
  }
}
