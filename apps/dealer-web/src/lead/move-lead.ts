import { type Lead, type Stage, api } from "../api";

/**
 * What the statusbar and a kanban drop do with a lead: into Won is Mark Won (its checks, its refusal before
 * delivery), anything else the server's forward-only stage move. Lost is not here: it needs the wizard's reason.
 */
export async function moveLead(lead: { id: number; reference: string }, stage: Stage): Promise<{ lead: Lead; message: string }> {
  if (stage.isWon) return { lead: await api<Lead>(`/api/leads/${lead.id}/mark-won`, { method: "POST" }), message: `${lead.reference} is Won.` };
  const moved = await api<Lead>(`/api/leads/${lead.id}/stage`, { method: "POST", body: { stageId: stage.id } });
  return { lead: moved, message: `${lead.reference} moved to ${stage.name}.` };
}
