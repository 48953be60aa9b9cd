import { AppError } from "@crm/platform";

export interface StageInfo {
  id: number;
  name: string;
  sequence: number;
  fold: boolean;
  isWon: boolean;
  isLost: boolean;
}

export const isClosingStage = (s: StageInfo): boolean => s.isWon || s.isLost;

export const openStagesInOrder = (stages: StageInfo[]): StageInfo[] =>
  stages.filter((s) => !isClosingStage(s)).sort((a, b) => a.sequence - b.sequence || a.id - b.id);

/**
 * dealer-2 forward-only rule, worded as on the BPO side. Between open stages a lead moves exactly one step
 * forward; Won and Lost are reached only through their buttons (Won needs a delivered order, Lost a reason);
 * a closed lead does not move.
 */
export function assertStageTransition(stages: StageInfo[], from: StageInfo, to: StageInfo): void {
  if (from.id === to.id) return;
  if (isClosingStage(from)) {
    throw new AppError(
      "precondition",
      "lead_closed",
      `This lead is closed ("${from.name}"). A closed lead cannot change stage; create a new lead for a returning customer.`,
    );
  }
  if (to.isWon) throw new AppError("precondition", "won_needs_button", "Use Mark Won: a lead is won only once its sale order is delivered.");
  if (to.isLost) throw new AppError("precondition", "lost_needs_reason", "Use Mark Lost: a lost lead needs a reason.");
  const open = openStagesInOrder(stages);
  const next = open[open.findIndex((s) => s.id === from.id) + 1];
  if (next && next.id === to.id) return;
  const allowed = next ? `the only allowed next stage is "${next.name}".` : `there is no next open stage.`;
  throw new AppError(
    "precondition",
    "stage_transition_refused",
    `Leads can only move forward one stage at a time. From "${from.name}" ${allowed} Use the Mark Won or Mark Lost buttons to close the lead instead.`,
    { details: { from: from.name, to: to.name, allowedNext: next?.name ?? null } },
  );
}
