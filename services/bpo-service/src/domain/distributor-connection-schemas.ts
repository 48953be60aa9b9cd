import { z } from "zod";

const modelName = z.string().trim().min(1).max(128).regex(/^[a-z0-9_.]+$/, "Model names look like cheryweb.dealer");

export const ZSetDistributorConnectionRequestSchema = z
  .object({
    url: z.url("Distributor URL must be an absolute http(s) URL").refine((u) => /^https?:\/\//.test(u), "Distributor URL must be http or https"),
    db: z.string().trim().min(1, "Database is required").max(128),
    login: z.string().trim().min(1, "Login is required").max(128),
    /** Required the first time; omit to keep the stored one. */
    password: z.string().min(1, "Password is required").max(512).optional(),
    dealerModelName: modelName.optional(),
    vehicleModelModelName: modelName.optional(),
    /** Required to change the URL or database of a connected brand (another distributor: other record ids). */
    confirmDistributorChange: z.boolean().optional(),
  })
  .strict();
export type SetDistributorConnectionRequest = z.output<typeof ZSetDistributorConnectionRequestSchema>;

export const ZSyncSettingsRequestSchema = z
  .object({ intervalMinutes: z.number().int().min(1, "The interval is at least 1 minute").max(1440, "The interval is at most 1440 minutes (a day)") })
  .strict();



/* ---- Responses: what the distributor routes answer (the brand form and sync history type themselves with these) ---- */

/** What the API shows of a connection: never the password, only whether one is stored. */
export const ZDistributorConnectionResponseSchema = z.object({
  brandId: z.number().int(),
  brandName: z.string(),
  configured: z.boolean(),
  url: z.string().nullable(),
  db: z.string().nullable(),
  login: z.string().nullable(),
  hasPassword: z.boolean(),
  dealerModelName: z.string(),
  vehicleModelModelName: z.string(),
});
export type DistributorConnectionView = z.input<typeof ZDistributorConnectionResponseSchema>;

const ZDistributorCheckSchema = z.object({ check: z.string(), ok: z.boolean(), message: z.string() });
export type ConnectionCheck = z.input<typeof ZDistributorCheckSchema>;
export const ZDistributorTestResponseSchema = z.object({ ok: z.boolean(), checks: z.array(ZDistributorCheckSchema) });
/** Sync Dealers / Sync Vehicle Models: the remote model read, records fetched and linked. */
export const ZCatalogSyncResponseSchema = z.object({ model: z.string(), fetched: z.number().int(), linked: z.number().int() });

const syncCounts = {
  fetched: z.number().int(),
  created: z.number().int(),
  deduplicated: z.number().int(),
  resumed: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
};
const ZSyncModelResultSchema = z.object({
  model: z.string(),
  batches: z.number().int(),
  ...syncCounts,
  error: z.string().nullable(),
  /** Records the run skipped or corrected, with the field (runs recorded before this existed have none). */
  issues: z.array(z.object({ remoteId: z.number().int(), field: z.string().nullable(), problem: z.string() })).optional(),
});
/** One sync run of one brand: its counts in total and per remote model. */
export const ZSyncRunSchema = z.object({
  id: z.number().int(),
  brandId: z.number().int(),
  brandName: z.string(),
  trigger: z.enum(["schedule", "manual"]),
  status: z.enum(["running", "succeeded", "partial", "failed"]),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  ...syncCounts,
  error: z.string().nullable(),
  details: z.array(ZSyncModelResultSchema).nullable(),
});
export const ZSyncRunsResponseSchema = z.object({ runs: z.array(ZSyncRunSchema), nextCursor: z.string().nullable() });
export const ZSyncSettingsResponseSchema = z.object({ jobName: z.string(), intervalMinutes: z.number().int() });
export type DistributorTestResponse = z.input<typeof ZDistributorTestResponseSchema>;
export type CatalogSyncResponse = z.input<typeof ZCatalogSyncResponseSchema>;
export type SyncRunResponse = z.input<typeof ZSyncRunSchema>;
export type SyncRunsResponse = z.input<typeof ZSyncRunsResponseSchema>;
export type SyncSettingsResponse = z.input<typeof ZSyncSettingsResponseSchema>;
