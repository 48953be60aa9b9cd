import { z } from "zod";
import type { ApiRouter } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";

export const ZBpoInstanceSchema = z.object({
  name: z.string(),
  /** IANA zone whose calendar days the date filters count (the web UI's Today / Last 7 days / This month). */
  timeZone: z.string(),
});
export type BpoInstance = z.infer<typeof ZBpoInstanceSchema>;

/** This BPO instance: its name and business time zone, for the web UI's date presets (any signed-in user). */
export function instanceRoutes(api: ApiRouter<Actor>, instance: BpoInstance) {
  api.route({
    method: "get",
    path: "/instance",
    summary: "This BPO instance: name and business time zone",
    tags: ["auth"],
    response: ZBpoInstanceSchema,
    handler: async () => instance,
  });
}
