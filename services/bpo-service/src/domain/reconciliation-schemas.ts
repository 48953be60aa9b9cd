import { z } from "zod";
import { ZReconcileSettingsSchema } from "@crm/contracts";

/** GET/PUT /reconciliation/settings: the stored setting (null: the config's) and the days in effect. */
export const ZReconcileSettingsResponseSchema = ZReconcileSettingsSchema.extend({ effectiveDays: z.number().int() });
export type ReconcileSettingsResponse = z.input<typeof ZReconcileSettingsResponseSchema>;
