import { type Lead, type Stage, api } from "../api";

/**
 * What the statusbar and a kanban drop do with a lead: the server's stage move, which runs Mark Won (its checks,
 * its refusal before delivery) for a move into Won. Lost is not here: it needs the wizard's reason.
 */
export async function moveLead(lead: { id: number; reference: string }, stage: Stage): Promise<{ lead: Lead; message: string }> {
  const moved = await api<Lead>(`/api/leads/${lead.id}/stage`, { method: "POST", body: { stageId: stage.id } });
  return { lead: moved, message: moved.isWon ? `${lead.reference} is Won.` : `${lead.reference} moved to ${stage.name}.` };
}
