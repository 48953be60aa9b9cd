import type { ApiRouter } from "@crm/platform/http";
import type { Actor } from "../../domain/actor";
import { type DealershipInstance, ZDealershipInstanceSchema } from "../../domain/admin-schemas";

/** Which dealership this instance serves, for the web UI's header and its business-day filters (any signed-in user). */
export function instanceRoutes(api: ApiRouter<Actor>, instance: DealershipInstance) {
  api.route({
    method: "get",
    path: "/instance",
    summary: "This dealership: code, display name and business time zone",
    tags: ["auth"],
    response: ZDealershipInstanceSchema,
    handler: async () => instance,
  });
}
