import { AppError } from "@crm/platform/core";

export const ROLES = ["dealer_user", "dealer_manager", "dealer_admin", "service_account"] as const;
export type Role = (typeof ROLES)[number];
export const INTERACTIVE_ROLES = ["dealer_user", "dealer_manager", "dealer_admin"] as const;
export type InteractiveRole = (typeof INTERACTIVE_ROLES)[number];

/** The authenticated user a domain call acts for. Every domain entry point takes one. */
export interface Actor {
  id: number;
  name: string;
  role: Role;
}

// The service account is deliberately outside the ladder: it may create leads and partners over JSON-RPC only.
const RANK: Record<Role, number> = { service_account: 0, dealer_user: 1, dealer_manager: 2, dealer_admin: 3 };
const ROLE_LABEL: Record<InteractiveRole, string> = {
  dealer_user: "Dealer User",
  dealer_manager: "Dealer Manager",
  dealer_admin: "Dealer Admin",
};

export const hasRole = (actor: Actor, atLeast: InteractiveRole): boolean => RANK[actor.role] >= RANK[atLeast];

/** Refuses unless the actor holds `atLeast` (Dealer User < Dealer Manager < Dealer Admin). */
export function requireRole(actor: Actor, atLeast: InteractiveRole, action: string): void {
  if (!hasRole(actor, atLeast)) {
    throw new AppError("forbidden", "forbidden", `Only a ${ROLE_LABEL[atLeast]} or above can ${action}.`);
  }
}

/** Managers and Admins work any lead; Dealer Users only their own. */
export const worksAnyLead = (actor: Actor): boolean => hasRole(actor, "dealer_manager");

/** What the service account may do (dealer-2 access matrix): create leads and partners, nothing else. */
export type ServicePermission = "lead.create" | "partner.create";

export function requireServicePermission(actor: Actor, permission: ServicePermission): void {
  if (actor.role === "service_account" || hasRole(actor, "dealer_user")) return;
  throw new AppError("forbidden", "forbidden", `Not allowed: ${permission}`);
}
