import { z } from "zod";

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Parses the environment once at start-up. Throws a ConfigError whose message is one readable line naming
 * every missing or bad variable, so the process can print it and exit.
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".") || "env"} ${i.message}`);
  throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
}

/** Variables both services read. */
export const ZBaseEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url("must be a postgresql:// URL").startsWith("postgres", "must be a postgresql:// URL"),
  REDIS_URL: z.string().url("must be a redis:// URL").default("redis://127.0.0.1:6379"),
  /** Key prefix for BullMQ and other Redis keys, so instances sharing one Redis never collide. */
  REDIS_PREFIX: z.string().min(1).default("crm"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url("must be an absolute URL such as http://localhost:3000"),
  /** Signs nothing by itself: derives the encryption key for stored peer secrets. At least 32 chars. */
  APP_SECRET: z.string().min(32, "must be at least 32 characters"),
  LOG_LEVEL: z.enum(["error", "warn", "info", "http", "verbose", "debug", "silly"]).default("info"),
  /** API worker processes on this host (role `start`): 1 = this process serves; N > 1 = it supervises N workers. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1, "must be at least 1").max(64).default(1),
  /** After SIGTERM: how long requests and jobs in flight get to finish before connections are cut and the process exits. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(8_000),
  /**
   * How long an idle keep-alive connection stays open. Node's 5 s default is shorter than what proxies and load
   * balancers keep (often 60 s), so they send on a socket this server has just closed and answer 502 or a reset;
   * above theirs, the proxy always closes first.
   */
  HTTP_KEEP_ALIVE_MS: z.coerce.number().int().min(1_000).max(600_000).default(65_000),
  /** Bearer token a Prometheus scraper sends to GET /metrics; unset = /metrics is off (404). */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Live events kept in Redis for reconnecting pages (a capped stream); a longer gap refetches the board. */
  LIVE_EVENTS_BUFFER: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
});
export type BaseConfig = z.output<typeof ZBaseEnvSchema>;

/** The outbox settings of a service's environment: attempts with exponential backoff, the relay's poll, and concurrency. */
export const ZOutboxEnvFields = {
  OUTBOX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
  OUTBOX_BACKOFF_MS: z.coerce.number().int().min(1).default(5_000),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(2_000),
  // Deliveries in flight per worker process; each holds a DB connection and an HTTP call to the peer.
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
};
export type OutboxEnv = Pick<BaseConfig, "REDIS_URL" | "REDIS_PREFIX"> & z.output<z.ZodObject<typeof ZOutboxEnvFields>>;

export function redisConnectionOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
  };
}
