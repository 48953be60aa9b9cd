import { z } from "zod";
import { ZContractVersion } from "./contract-version";

export const SYSTEM_PING = "system.ping";

export const ZSystemPingRequestSchema = z.object({ contractVersion: ZContractVersion }).strict();
export type SystemPingRequest = z.infer<typeof ZSystemPingRequestSchema>;

export const ZSystemPingResponseSchema = z.object({
  service: z.enum(["bpo", "dealer"]),
  instance: z.string(),
  contractVersion: z.number().int(),
  /** Who the caller authenticated as, so Test Connection can show it. */
  caller: z.string(),
  time: z.string(),
});
export type SystemPingResponse = z.infer<typeof ZSystemPingResponseSchema>;
