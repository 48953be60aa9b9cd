import type { LeadView, Stage, User } from "../api";

/**
 * Which header actions apply, mirroring the server's rules (lead-service, endorsement-service,
 * mark-won-service) so a button is shown only when pressing it can work. The server still decides.
 */
type LeadState = Pick<LeadView, "userId" | "isWon" | "isLost" | "active" | "endorsementStatus" | "mergedIntoId">;

const rank = { agent: 1, supervisor: 2, manager: 3 } as const;
export const seesAllLeads = (u: User) => rank[u.role] >= rank.supervisor;
export const isManager = (u: User) => u.role === "manager";
export const isOpen = (l: LeadState) => !l.isWon && !l.isLost && l.active;
/** Endorsed and not failed: the dealer decides the outcome from here on. */
export const isEndorsed = (l: LeadState) => l.endorsementStatus === "pending" || l.endorsementStatus === "delivered";
/** assertCanWork: the owner, or a Supervisor/Manager. */
export const canWork = (u: User, l: LeadState) => seesAllLeads(u) || (l.userId !== null && l.userId === u.id);

export interface LeadActions {
  claim: boolean;
  logCall: boolean;
  scheduleVisit: boolean;
  markWon: boolean;
  markLost: boolean;
  endorse: boolean;
  edit: boolean;
  archive: boolean;
  restore: boolean;
  reassign: boolean;
  advance: boolean;
  merge: boolean;
}

export function leadActions(u: User, l: LeadState): LeadActions {
  const open = isOpen(l);
  const claimed = l.userId !== null;
  // bpo-2: "Once claimed, the lead's header exposes" Log Call, Schedule Visit, Mark Won, Mark Lost.
  const working = open && claimed && canWork(u, l);
  const closeable = working && (!isEndorsed(l) || isManager(u));
  return {
    claim: open && !claimed,
    logCall: working,
    scheduleVisit: working,
    markWon: closeable,
    markLost: closeable,
    endorse: working && !isEndorsed(l),
    edit: canWork(u, l),
    archive: seesAllLeads(u) && l.active,
    restore: seesAllLeads(u) && !l.active,
    reassign: seesAllLeads(u) && open,
    advance: open && canWork(u, l),
    // lead-merge-service: the owner (of both leads) or a Supervisor/Manager; never an endorsed (even failed),
    // closed, archived or already merged lead.
    merge: open && l.mergedIntoId === null && l.endorsementStatus === "none" && canWork(u, l),
  };
}

export const openStages = (stages: Stage[]) => stages.filter((s) => !s.isWon && !s.isLost).sort((a, b) => a.sequence - b.sequence || a.id - b.id);

/** The one stage the forward-only rule allows next, or null from the last open stage (or a closed one). */
export function nextOpenStage(stages: Stage[], currentId: number): Stage | null {
  const open = openStages(stages);
  const i = open.findIndex((s) => s.id === currentId);
  return i >= 0 ? (open[i + 1] ?? null) : null;
}
