import { LEAD_MERGE_FIELDS } from "@crm/contracts";
import { AppError, type LeadEvents, noLeadEvents, notFound } from "@crm/platform/core";
import type { BpoStore, LeadRecord, LeadView, LeadWrite } from "../data-access/bpo-store";
import { type Actor, seesAllLeads } from "./actor";
import { postTracking, trackedChanges } from "./lead-tracking";
import type { LeadService } from "./lead-service";
import type { MergeLeadRequest } from "./lead-merge-schemas";

/** Customer and deal fields a merge may take from the duplicate (shared with the web app's wizard). */
export const MERGE_FIELDS = LEAD_MERGE_FIELDS satisfies Partial<Record<keyof LeadRecord, string>>;
export type MergeField = keyof typeof MERGE_FIELDS;

const isEmpty = (v: unknown) => v === null || v === undefined || v === "";
const isEndorsed = (l: LeadRecord) => l.endorsementStatus !== "none";

/**
 * Merge into… (issue 16, bpo-1's duplicates done properly): the duplicate's chatter, call logs, activities and
 * distributor origins move to the kept lead, the chosen non-empty values overwrite the kept lead's, and the
 * duplicate is archived pointing at it; both chatters say who merged what. One transaction, both rows locked.
 */
export class LeadMergeService {
  constructor(
    private readonly store: BpoStore,
    private readonly leads: LeadService,
    private readonly events: LeadEvents = noLeadEvents,
  ) {}

  async merge(actor: Actor, duplicateId: number, input: MergeLeadRequest): Promise<LeadView> {
    const keptId = input.intoId;
    if (keptId === duplicateId) throw new AppError("validation", "merge_into_itself", "A lead cannot be merged into itself.", { issues: [{ path: "intoId", message: "Pick another lead" }] });
    await this.store.transaction(async (r) => {
      await r.leadMerge.lockPair(duplicateId, keptId);
      const dup = await r.leads.findById(duplicateId);
      if (!dup) throw notFound("Lead", duplicateId);
      const kept = await r.leads.findById(keptId);
      if (!kept) throw notFound("Lead", keptId);
      this.assertMergeable(actor, dup, kept, input.take);

      const patch: Record<string, unknown> = {};
      for (const f of input.take) patch[f] = dup[f];
      const after = input.take.length ? await r.leads.update(kept.id, patch as LeadWrite) : kept;
      const moved = await r.leadMerge.moveHistory(dup.id, kept.id);
      await r.leads.update(dup.id, { active: false, mergedIntoId: kept.id });
      await postTracking(r, kept.id, actor.id, await trackedChanges(r, kept, after));

      const took = input.take.length ? ` Values taken from it: ${input.take.map((f) => MERGE_FIELDS[f]).join(", ")}.` : "";
      const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
      const movedText = [
        count(moved.messages, "chatter message", "chatter messages"),
        count(moved.callLogs, "call log", "call logs"),
        count(moved.activities, "activity", "activities"),
        count(moved.remoteOrigins, "distributor origin", "distributor origins"),
      ].join(", ");
      await r.messages.add({ leadId: kept.id, kind: "system", body: `${actor.name} merged ${dup.reference} (${dup.contactName}) into this lead.${took} Moved here: ${movedText}.`, authorId: actor.id });
      await r.messages.add({ leadId: dup.id, kind: "system", body: `${actor.name} merged this lead into ${kept.reference} (${kept.contactName}) and archived it. Its chatter, call logs, activities and distributor origins are there now.`, authorId: actor.id });
    });
    this.events.changed(duplicateId);
    this.events.changed(keptId);
    return this.leads.get(actor, keptId);
  }

  /** The rules, checked on the locked rows (so a claim or another merge that got there first is seen). */
  private assertMergeable(actor: Actor, dup: LeadRecord, kept: LeadRecord, take: MergeField[]): void {
    if (!seesAllLeads(actor) && (dup.userId !== actor.id || kept.userId !== actor.id)) {
      throw new AppError("forbidden", "merge_not_owner", "Only the owner of both leads, or a Supervisor or Manager, can merge them.");
    }
    for (const l of [dup, kept]) {
      if (l.mergedIntoId !== null) throw new AppError("conflict", "already_merged", `Lead ${l.reference} was already merged into another lead.`);
    }
    if (!dup.active) throw new AppError("precondition", "lead_archived", `Lead ${dup.reference} is archived and cannot be merged away.`);
    if (dup.isWon || dup.isLost) throw new AppError("precondition", "lead_closed", `Lead ${dup.reference} is closed (Won or Lost) and cannot be merged away.`);
    if (isEndorsed(dup)) throw new AppError("precondition", "endorsed_lead", `Lead ${dup.reference} was endorsed to a dealership and cannot be merged away: the dealer works it. Merge the other lead into it instead.`);
    if (!kept.active) throw new AppError("precondition", "kept_archived", `Lead ${kept.reference} is archived: restore it before merging into it.`);
    if (kept.brandId !== dup.brandId) throw new AppError("precondition", "different_brands", `Lead ${dup.reference} and ${kept.reference} are for different brands, so they are not duplicates.`);
    const empty = take.filter((f) => isEmpty(dup[f]));
    if (empty.length) {
      throw new AppError("validation", "merge_empty_value", `Only non-empty values can win: ${dup.reference} has no ${empty.map((f) => MERGE_FIELDS[f]).join(", ")}.`, { issues: [{ path: "take", message: "Empty on the duplicate" }] });
    }
  }
}
