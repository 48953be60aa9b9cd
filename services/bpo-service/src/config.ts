import { z } from "zod";
import { ZBaseEnvSchema, parseConfig } from "@crm/platform";

export const ZBpoEnvSchema = ZBaseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Login attempts allowed per IP and login per 15 minutes. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  /** Cookies get the Secure flag when PUBLIC_URL is https. */
  INSTANCE_NAME: z.string().min(1).default("bpo"),
});
export type BpoConfig = z.output<typeof ZBpoEnvSchema>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): BpoConfig => parseConfig(ZBpoEnvSchema, env);
