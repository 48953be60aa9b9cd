import { z } from "zod";
import { ZBaseEnvSchema, ZOutboxEnvFields, isTimeZone, parseConfig } from "@crm/platform/core";

export const ZBpoEnvSchema = ZBaseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Login attempts allowed per IP and login per 15 minutes. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  /** Seconds a session lookup is kept per API process (0 = ask the database on every request); revocation drops it at once. */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  INSTANCE_NAME: z.string().min(1).default("bpo"),
  /** Where the floor works: "today" and "overdue" of activities are days in this IANA time zone. */
  BUSINESS_TIMEZONE: z
    .string()
    .refine(isTimeZone, "must be an IANA time zone such as Asia/Manila")
    .default("Asia/Manila"),
  /** Delivery of outbox messages (endorsements): the platform's outbox settings. */
  ...ZOutboxEnvFields,
  /** Outbound mail (dealership manager notifications); unset = mails stay undelivered and visible. */
  SMTP_URL: z.string().url("must be an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z.string().min(3).default("BPO CRM <no-reply@bpo.local>"),
  /** Daily activity reminder e-mails (bpo-2): on when SMTP_URL is set, from this local hour, checked this often. */
  ACTIVITY_REMINDERS: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  ACTIVITY_REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  ACTIVITY_REMINDER_CHECK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /**
   * BPO ↔ dealer reconciliation (issue 16): an endorsement still queued after this many minutes is stuck; a
   * delivered one without the dealer's outcome after this many days is listed (a Manager may set another N);
   * leads closed within the lookback are checked against the dealer too. The digest goes to Managers at this
   * local hour, when SMTP_URL is set and something is stuck.
   */
  RECONCILE_QUEUED_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  RECONCILE_NO_OUTCOME_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  RECONCILE_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RECONCILE_DIGEST: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  RECONCILE_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(6),
  /** Timeout of calls to dealer-services (Test Connection, the synchronous Mark Won push). */
  DEALER_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Distributor (Odoo 12) intake: per-call timeout, batch size (bpo-1: 100) and backlog-drain ceiling per run. */
  DISTRIBUTOR_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  DISTRIBUTOR_SYNC_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  DISTRIBUTOR_SYNC_MAX_BATCHES: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Built web UI served at "/"; default apps/bpo-web/dist of this repo (not served when missing). */
  WEB_DIST_DIR: z.string().min(1).optional(),
});
export type BpoConfig = z.output<typeof ZBpoEnvSchema>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): BpoConfig => parseConfig(ZBpoEnvSchema, env);
