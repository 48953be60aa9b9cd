import { AppError, type PipelineStage, assertForwardOnly } from "@crm/platform/core";

export { isClosingStage, openStagesInOrder } from "@crm/platform/core";

export interface StageInfo extends PipelineStage {
  fold: boolean;
}

/**
 * dealer-2: the shared forward-only rule, worded as on the BPO side; Lost is reached only through its wizard
 * (it needs a reason). A move into Won never gets here: LeadService.moveStage runs Mark Won for it.
 */
export function assertStageTransition(stages: StageInfo[], from: StageInfo, to: StageInfo): void {
  if (from.id !== to.id && !from.isWon && !from.isLost && to.isLost) {
    throw new AppError("precondition", "lost_needs_reason", "Use Mark Lost: a lost lead needs a reason.");
  }
  assertForwardOnly(stages, from, to);
}
