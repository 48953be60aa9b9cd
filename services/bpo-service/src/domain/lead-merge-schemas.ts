import { z } from "zod";
import { LEAD_MERGE_FIELDS, type LeadMergeField } from "@crm/contracts";

const FIELD_NAMES = Object.keys(LEAD_MERGE_FIELDS) as [LeadMergeField, ...LeadMergeField[]];

export const ZMergeLeadRequestSchema = z
  .object({
    intoId: z.number({ error: "Pick the lead to keep" }).int().positive("Pick the lead to keep"),
    take: z.array(z.enum(FIELD_NAMES, { error: "Unknown field" })).max(FIELD_NAMES.length).default([]).describe("Fields whose value comes from the duplicate"),
  })
  .strict();
export type MergeLeadRequest = z.output<typeof ZMergeLeadRequestSchema>;
