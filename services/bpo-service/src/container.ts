import { Redis } from "ioredis";
import { type Logger, createLogger, redisConnectionOptions } from "@crm/platform";
import type { BpoConfig } from "./config";
import { BpoStore } from "./data-access/bpo-store";
import { createDb } from "./data-access/prisma";
import { ActivityService } from "./domain/activity-service";
import { AuthService } from "./domain/auth-service";
import { CallLogService } from "./domain/call-log-service";
import { CatalogService } from "./domain/catalog-service";
import { LeadBoardService } from "./domain/lead-board-service";
import { LeadService } from "./domain/lead-service";
import { UserService } from "./domain/user-service";

/** Everything a BPO process needs, built once from the parsed config. */
export interface BpoContainer {
  config: BpoConfig;
  logger: Logger;
  store: BpoStore;
  redis: Redis;
  auth: AuthService;
  leads: LeadService;
  boards: LeadBoardService;
  catalog: CatalogService;
  callLogs: CallLogService;
  activities: ActivityService;
  users: UserService;
  close(): Promise<void>;
}

export function createContainer(config: BpoConfig, opts: { logger?: Logger; dbPoolSize?: number } = {}): BpoContainer {
  const logger = opts.logger ?? createLogger({ service: "bpo-service", level: config.LOG_LEVEL });
  const store = new BpoStore(createDb(config.DATABASE_URL, { poolSize: opts.dbPoolSize }));
  const redis = new Redis({ ...redisConnectionOptions(config.REDIS_URL), lazyConnect: true, maxRetriesPerRequest: 2 });
  redis.on("error", (error) => logger.warn("redis error", { error: error.message }));
  return {
    config,
    logger,
    store,
    redis,
    auth: new AuthService(store, config.SESSION_TTL_HOURS),
    leads: new LeadService(store),
    boards: new LeadBoardService(store),
    catalog: new CatalogService(store),
    callLogs: new CallLogService(store),
    activities: new ActivityService(store),
    users: new UserService(store),
    async close() {
      redis.disconnect();
      await store.close();
    },
  };
}
