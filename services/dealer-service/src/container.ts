import { Redis } from "ioredis";
import { type Logger, RedisLeadFeed, createLogger, redisConnectionOptions } from "@crm/platform/core";
import { JobQueues, OUTBOX_QUEUE } from "@crm/platform/jobs";
import type { DealerConfig } from "./config";
import { DealerStore } from "./data-access/dealer-store";
import { createDb } from "./data-access/prisma";
import { AuthService } from "./domain/auth-service";
import { CatalogService } from "./domain/catalog-service";
import { LeadBoardService } from "./domain/lead-board-service";
import type { DealerLeadPlacement } from "@crm/contracts";
import { type DealerLiveBody, describeDealerLeads } from "./domain/lead-live-events";
import { LeadService } from "./domain/lead-service";
import { PartnerService } from "./domain/partner-service";
import { SaleOrderService } from "./domain/sale-order-service";
import { ServiceKeyService } from "./domain/service-key-service";
import { UserService } from "./domain/user-service";
import { BpoConnectionService } from "./domain/bpo-connection-service";
import { DealerOutboxStore } from "./domain/dealer-outbox-store";
import { OutcomeResendService } from "./domain/outcome-resend-service";
import { EndorsementService } from "./domain/endorsement-service";
import { OutboxAdminService } from "./domain/outbox-admin-service";
import { type BpoPeerFactory, bpoPeerFactory } from "./integrations/bpo-rpc-client";

/** Everything a dealer process needs, built once from the parsed config. */
export interface DealerContainer {
  config: DealerConfig;
  logger: Logger;
  store: DealerStore;
  redis: Redis;
  /** Lead events over Redis pub/sub (published by the domain after commit, streamed by /api/events). */
  leadEvents: RedisLeadFeed<DealerLeadPlacement, DealerLiveBody>;
  auth: AuthService;
  leads: LeadService;
  boards: LeadBoardService;
  orders: SaleOrderService;
  catalog: CatalogService;
  partners: PartnerService;
  users: UserService;
  serviceKeys: ServiceKeyService;
  endorsements: EndorsementService;
  outcomeResends: OutcomeResendService;
  bpoConnection: BpoConnectionService;
  outboxStore: DealerOutboxStore;
  outboxAdmin: OutboxAdminService;
  /** Handles on every queue of this instance (metrics, queue dashboard). */
  jobQueues: JobQueues;
  /** The worker registers its relay here so a replay is queued at once. */
  setOutboxKick(kick: () => void): void;
  close(): Promise<void>;
}

export function createContainer(config: DealerConfig, opts: { logger?: Logger; dbPoolSize?: number; bpoPeerFactory?: BpoPeerFactory } = {}): DealerContainer {
  const logger = opts.logger ?? createLogger({ service: "dealer-service", level: config.LOG_LEVEL });
  const store = new DealerStore(createDb(config.DATABASE_URL, { poolSize: opts.dbPoolSize }));
  const redis = new Redis({ ...redisConnectionOptions(config.REDIS_URL), lazyConnect: true, maxRetriesPerRequest: 2 });
  redis.on("error", (error) => logger.warn("redis error", { error: error.message }));
  const leadEvents = new RedisLeadFeed<DealerLeadPlacement, DealerLiveBody>(redis, config.REDIS_PREFIX, logger, { maxLen: config.LIVE_EVENTS_BUFFER });
  leadEvents.describeWith(describeDealerLeads(store));
  const outboxStore = new DealerOutboxStore(store, leadEvents);
  const jobQueues = new JobQueues(redisConnectionOptions(config.REDIS_URL), config.REDIS_PREFIX, [OUTBOX_QUEUE], logger);
  let kick = () => undefined as void;
  return {
    config,
    logger,
    store,
    redis,
    leadEvents,
    auth: new AuthService(store, config.SESSION_TTL_HOURS),
    leads: new LeadService(store, config.DEALER_CODE, leadEvents),
    boards: new LeadBoardService(store, config.BUSINESS_TIMEZONE),
    orders: new SaleOrderService(store, leadEvents),
    catalog: new CatalogService(store),
    partners: new PartnerService(store),
    users: new UserService(store),
    serviceKeys: new ServiceKeyService(store),
    endorsements: new EndorsementService(store, leadEvents),
    outcomeResends: new OutcomeResendService(store, config.DEALER_CODE, () => kick(), leadEvents),
    bpoConnection: new BpoConnectionService(store, config.APP_SECRET, opts.bpoPeerFactory ?? bpoPeerFactory(config.BPO_RPC_TIMEOUT_MS)),
    outboxStore,
    outboxAdmin: new OutboxAdminService(outboxStore, () => kick()),
    jobQueues,
    setOutboxKick(k) {
      kick = k;
    },
    async close() {
      await jobQueues.close();
      await leadEvents.close();
      redis.disconnect();
      await store.close();
    },
  };
}
