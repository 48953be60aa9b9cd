import { Redis } from "ioredis";
import { type Logger, createLogger, redisConnectionOptions } from "@crm/platform";
import type { DealerConfig } from "./config";
import { DealerStore } from "./data-access/dealer-store";
import { createDb } from "./data-access/prisma";
import { AuthService } from "./domain/auth-service";
import { CatalogService } from "./domain/catalog-service";
import { LeadBoardService } from "./domain/lead-board-service";
import { LeadService } from "./domain/lead-service";
import { PartnerService } from "./domain/partner-service";
import { SaleOrderService } from "./domain/sale-order-service";
import { ServiceKeyService } from "./domain/service-key-service";
import { UserService } from "./domain/user-service";

/** Everything a dealer process needs, built once from the parsed config. */
export interface DealerContainer {
  config: DealerConfig;
  logger: Logger;
  store: DealerStore;
  redis: Redis;
  auth: AuthService;
  leads: LeadService;
  boards: LeadBoardService;
  orders: SaleOrderService;
  catalog: CatalogService;
  partners: PartnerService;
  users: UserService;
  serviceKeys: ServiceKeyService;
  close(): Promise<void>;
}

export function createContainer(config: DealerConfig, opts: { logger?: Logger; dbPoolSize?: number } = {}): DealerContainer {
  const logger = opts.logger ?? createLogger({ service: "dealer-service", level: config.LOG_LEVEL });
  const store = new DealerStore(createDb(config.DATABASE_URL, { poolSize: opts.dbPoolSize }));
  const redis = new Redis({ ...redisConnectionOptions(config.REDIS_URL), lazyConnect: true, maxRetriesPerRequest: 2 });
  redis.on("error", (error) => logger.warn("redis error", { error: error.message }));
  return {
    config,
    logger,
    store,
    redis,
    auth: new AuthService(store, config.SESSION_TTL_HOURS),
    // No BPO outcome hook yet: the cross-service issue passes one that writes the outbox row.
    leads: new LeadService(store, null),
    boards: new LeadBoardService(store),
    orders: new SaleOrderService(store),
    catalog: new CatalogService(store),
    partners: new PartnerService(store),
    users: new UserService(store),
    serviceKeys: new ServiceKeyService(store),
    async close() {
      redis.disconnect();
      await store.close();
    },
  };
}
