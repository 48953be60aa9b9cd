import { z } from "zod";
import { patchSchemaOf } from "@crm/platform/core";

/* ---- Requests: what the configuration routes accept (brands, dealerships, vehicle models, lead sources, stages) ---- */

export const SOURCE_TYPES = [
  "inbound_call",
  "outbound_call",
  "campaign",
  "referral",
  "walk_in",
  "website",
  "social_media",
  "event_exhibition",
] as const;

/** Codes the distributor sync looks up by exact value (bpo-3): renaming them breaks the next import. */
export const PROTECTED_SOURCE_CODES = ["source_web_quotation", "source_web_test_drive"] as const;

const codeChars = z
  .string()
  .trim()
  .min(1, "Code is required")
  .regex(/^[a-z0-9_]+$/, "Code must be lowercase letters, digits and underscores");
const code = codeChars.max(20, "Code must be at most 20 characters");

export const ZCreateLeadSourceRequestSchema = z
  .object({
    code,
    name: z.string().trim().min(1, "Source Name is required").max(100),
    sourceType: z.enum(SOURCE_TYPES, { error: `Source Type must be one of ${SOURCE_TYPES.join(", ")}` }),
    sequence: z.number().int().min(0).max(100_000).default(10),
    active: z.boolean().default(true),
  })
  .strict();
// An unchanged code may be sent back as is, even the 21-char seeded "source_web_test_drive"; a changed
// code is held to the 20-character rule in the domain.
export const ZUpdateLeadSourceRequestSchema = patchSchemaOf(ZCreateLeadSourceRequestSchema.extend({ code: codeChars.max(40) })).refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" });

const brandCode = z.string().trim().min(1, "Code is required").max(40).regex(/^[A-Za-z0-9_-]+$/, "Code may contain letters, digits, - and _");
export const ZCreateBrandRequestSchema = z
  .object({ code: brandCode, name: z.string().trim().min(1, "Name is required").max(100), active: z.boolean().default(true) })
  .strict();
export const ZUpdateBrandRequestSchema = patchSchemaOf(ZCreateBrandRequestSchema);

export const ZCreateDealershipRequestSchema = z
  .object({
    code: brandCode,
    name: z.string().trim().min(1, "Name is required").max(200),
    brandId: z.number().int().positive().nullable().default(null),
    managerEmail: z.email("Manager e-mail is not a valid address").nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();
export const ZUpdateDealershipRequestSchema = patchSchemaOf(ZCreateDealershipRequestSchema);

export const ZCreateVehicleModelRequestSchema = z
  .object({
    brandId: z.number().int().positive(),
    name: z.string().trim().min(1, "Name is required").max(100),
    code: z.string().trim().max(40).nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();
export const ZUpdateVehicleModelRequestSchema = patchSchemaOf(ZCreateVehicleModelRequestSchema.omit({ brandId: true }));

const ZStageFieldsSchema = z
  .object({
    name: z.string().trim().min(1, "Stage Name is required").max(60, "Stage Name must be at most 60 characters"),
    sequence: z.number({ error: "Sequence must be a number" }).int().min(0).max(100_000),
    fold: z.boolean().default(false),
    isWon: z.boolean().default(false),
    isLost: z.boolean().default(false),
  })
  .strict();
export const ZCreateStageRequestSchema = ZStageFieldsSchema;
export const ZUpdateStageRequestSchema = patchSchemaOf(ZStageFieldsSchema).refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" });

/* ---- Responses: what the configuration routes answer (the web app's configuration pages type themselves with these) ---- */

export const ZLeadSourceSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  sourceType: z.enum(SOURCE_TYPES),
  sequence: z.number().int(),
  active: z.boolean(),
});
export const ZStageSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  sequence: z.number().int(),
  fold: z.boolean(),
  isWon: z.boolean(),
  isLost: z.boolean(),
});
export const ZBrandSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), active: z.boolean() });
export const ZDealershipSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  brandId: z.number().int().nullable(),
  managerEmail: z.string().nullable(),
  active: z.boolean(),
  /** The BPO has this dealership's URL and service key, so endorsements and Mark Won can reach it (the key never leaves). */
  connected: z.boolean(),
});
export const ZVehicleModelSchema = z.object({ id: z.number().int(), brandId: z.number().int(), name: z.string(), code: z.string().nullable(), active: z.boolean() });
export const ZLeadSourcesResponseSchema = z.object({ sources: z.array(ZLeadSourceSchema) });
export const ZStagesResponseSchema = z.object({ stages: z.array(ZStageSchema) });
export const ZBrandsResponseSchema = z.object({ brands: z.array(ZBrandSchema) });
export const ZDealershipsResponseSchema = z.object({ dealerships: z.array(ZDealershipSchema) });
export const ZVehicleModelsResponseSchema = z.object({ vehicleModels: z.array(ZVehicleModelSchema) });
export type LeadSourceResponse = z.input<typeof ZLeadSourceSchema>;
export type StageResponse = z.input<typeof ZStageSchema>;
export type BrandResponse = z.input<typeof ZBrandSchema>;
export type DealershipResponse = z.input<typeof ZDealershipSchema>;
export type VehicleModelResponse = z.input<typeof ZVehicleModelSchema>;
