import { AppError } from "@crm/platform/core";

export const ROLES = ["agent", "supervisor", "manager"] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated user a domain call acts for. Every domain entry point takes one. */
export interface Actor {
  id: number;
  name: string;
  role: Role;
}

const RANK: Record<Role, number> = { agent: 1, supervisor: 2, manager: 3 };
const ROLE_LABEL: Record<Role, string> = { agent: "Agent", supervisor: "Supervisor", manager: "Manager" };

export const hasRole = (actor: Actor, atLeast: Role): boolean => RANK[actor.role] >= RANK[atLeast];

/** Refuses unless the actor holds `atLeast` (roles are ordered Agent < Supervisor < Manager). */
export function requireRole(actor: Actor, atLeast: Role, action: string): void {
  if (!hasRole(actor, atLeast)) {
    throw new AppError("forbidden", "forbidden", `Only a BPO ${ROLE_LABEL[atLeast]} or above can ${action}.`);
  }
}

/** Supervisors and Managers see and work every lead; Agents only their own. */
export const seesAllLeads = (actor: Actor): boolean => hasRole(actor, "supervisor");
