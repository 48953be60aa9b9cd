import { AppError } from "../errors/app-error";

/** A pipeline stage as both CRMs configure it (Odoo's crm.stage). */
export interface PipelineStage {
  id: number;
  name: string;
  sequence: number;
  isWon: boolean;
  isLost: boolean;
}

export const isClosingStage = (s: PipelineStage): boolean => s.isWon || s.isLost;

export const openStagesInOrder = <S extends PipelineStage>(stages: S[]): S[] =>
  stages.filter((s) => !isClosingStage(s)).sort((a, b) => a.sequence - b.sequence || a.id - b.id);

/**
 * The forward-only rule both CRMs share (bpo-2, dealer-2): between open stages a lead moves exactly one step
 * forward, with the spec's message; a closed lead does not move; moves into Won/Lost pass (each service
 * decides how a lead gets closed).
 */
export function assertForwardOnly(stages: PipelineStage[], from: PipelineStage, to: PipelineStage): void {
  if (from.id === to.id) return;
  if (isClosingStage(from)) {
    throw new AppError(
      "precondition",
      "lead_closed",
      `This lead is closed ("${from.name}"). A closed lead cannot change stage; create a new lead for a returning customer.`,
    );
  }
  if (isClosingStage(to)) return;
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
