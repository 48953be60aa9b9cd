import { AppError, type PipelineStage, assertForwardOnly } from "@crm/platform";

export { isClosingStage, openStagesInOrder } from "@crm/platform";

export interface StageInfo extends PipelineStage {
  fold: boolean;
}

/**
 * dealer-2: the shared forward-only rule, worded as on the BPO side; Won and Lost are reached only through
 * their buttons (Won needs a delivered order, Lost a reason).
 */
export function assertStageTransition(stages: StageInfo[], from: StageInfo, to: StageInfo): void {
  if (from.id !== to.id && !from.isWon && !from.isLost) {
    if (to.isWon) throw new AppError("precondition", "won_needs_button", "Use Mark Won: a lead is won only once its sale order is delivered.");
    if (to.isLost) throw new AppError("precondition", "lost_needs_reason", "Use Mark Lost: a lost lead needs a reason.");
  }
  assertForwardOnly(stages, from, to);
}
