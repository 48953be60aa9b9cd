import { type PipelineStage, assertForwardOnly } from "@crm/platform/core";

export { isClosingStage, openStagesInOrder } from "@crm/platform/core";

export interface StageInfo extends PipelineStage {
  fold: boolean;
}

/**
 * bpo-2: the shared forward-only rule; moving into a Won or Lost stage is always allowed here (Mark Won and
 * Mark Lost decide how), and a Manager override exists for data repair.
 */
export const assertStageTransition = (stages: StageInfo[], from: StageInfo, to: StageInfo): void =>
  assertForwardOnly(stages, from, to);
