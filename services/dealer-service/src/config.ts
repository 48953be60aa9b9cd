import { z } from "zod";
import { ZBaseEnvSchema, ZOutboxEnvFields, isTimeZone, parseConfig } from "@crm/platform/core";

export const ZDealerEnvSchema = ZBaseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(5000),
  /** Login attempts allowed per IP and login per 15 minutes. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  /** Where the dealership works: the leads' created-date filters count calendar days in this IANA time zone. */
  BUSINESS_TIMEZONE: z.string().refine(isTimeZone, "must be an IANA time zone such as Asia/Manila").default("Asia/Manila"),
  /** The dealership this instance serves: shown by system.ping and in logs. */
  DEALER_CODE: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/, "may contain letters, digits, _ and -"),
  /** The dealership's name as people know it (the web UI's header shows it); DEALER_CODE when unset. */
  DEALER_NAME: z.string().trim().min(1).max(100).optional(),
  INSTANCE_NAME: z.string().min(1).optional(),
  /** Outcome callbacks: the platform's outbox settings; the default attempts and backoff span about 2.8 hours. */
  ...ZOutboxEnvFields,
  BPO_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Built web UI served at "/"; default apps/dealer-web/dist of this repo (not served when missing). */
  WEB_DIST_DIR: z.string().min(1).optional(),
});
export type DealerConfig = z.output<typeof ZDealerEnvSchema> & { INSTANCE_NAME: string; DEALER_NAME: string };

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): DealerConfig => {
  const c = parseConfig(ZDealerEnvSchema, env);
  return { ...c, INSTANCE_NAME: c.INSTANCE_NAME ?? `dealer-${c.DEALER_CODE.toLowerCase()}`, DEALER_NAME: c.DEALER_NAME ?? c.DEALER_CODE };
};
