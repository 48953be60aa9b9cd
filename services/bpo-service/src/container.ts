import { Redis } from "ioredis";
import { CacheBus, type LeadEvents, LiveLeadMemory, type Logger, RedisLeadFeed, RedisLeases, SecretBox, createLogger, sessionTags, redisConnectionOptions } from "@crm/platform/core";
import { JobQueues, OUTBOX_QUEUE } from "@crm/platform/jobs";
import type { BpoConfig } from "./config";
import { BpoStore, type StoreCaches } from "./data-access/bpo-store";
import { type StatementListener, createDb } from "./data-access/prisma";
import { ActivityReminderService } from "./domain/activity-reminder-service";
import { ActivityService } from "./domain/activity-service";
import { AuthService } from "./domain/auth-service";
import { CallLogService } from "./domain/call-log-service";
import { CatalogService } from "./domain/catalog-service";
import { LeadBoardService } from "./domain/lead-board-service";
import type { LeadPlacement } from "@crm/contracts";
import { type LeadLiveBody, claimStateOf, describeLeads } from "./domain/lead-live-events";
import { type ClaimState, LeadService } from "./domain/lead-service";
import { LeadSearchService } from "./domain/lead-search-service";
import { LeadMergeService } from "./domain/lead-merge-service";
import { SourceReportService } from "./domain/source-report-service";
import { FloorService } from "./domain/floor-service";
import { UserService } from "./domain/user-service";
import { DistributorConnectionService } from "./domain/distributor-connection-service";
import { DistributorSyncService } from "./domain/distributor-sync-service";
import { defaultOdooClientFactory } from "./integrations/odoo12-client";
import { ACTIVITY_REMINDER_QUEUE, ActivityReminderJobs } from "./jobs/activity-reminder-jobs";
import { RECONCILIATION_DIGEST_QUEUE, ReconciliationDigestJobs } from "./jobs/reconciliation-digest-jobs";
import { DISTRIBUTOR_SYNC_QUEUE, DistributorSyncJobs } from "./jobs/distributor-sync-jobs";
import { DealerOutcomeService } from "./domain/dealer-outcome-service";
import { DealershipConnectionService } from "./domain/dealership-connection-service";
import { BpoOutboxStore } from "./domain/bpo-outbox-store";
import { EndorsementService } from "./domain/endorsement/endorse-service";
import { OutboxAdminService } from "./domain/outbox-admin-service";
import { MarkWonService } from "./domain/mark-won-service";
import { ReconciliationService } from "./domain/reconciliation-service";
import { type Mailer, smtpMailer } from "./integrations/mailer";
import { type DealerRpcClientFactory, dealerRpcClientFactory } from "./integrations/dealer-rpc-client";

/** Everything a BPO process needs, built once from the parsed config. */
export interface BpoContainer {
  config: BpoConfig;
  logger: Logger;
  store: BpoStore;
  redis: Redis;
  auth: AuthService;
  leads: LeadService;
  boards: LeadBoardService;
  leadSearch: LeadSearchService;
  leadMerges: LeadMergeService;
  catalog: CatalogService;
  callLogs: CallLogService;
  activities: ActivityService;
  activityReminders: ActivityReminderService;
  sourceReport: SourceReportService;
  floor: FloorService;
  reminderJobs: ActivityReminderJobs;
  users: UserService;
  distributorSync: DistributorSyncService;
  distributors: DistributorConnectionService;
  syncJobs: DistributorSyncJobs;
  dealerLinks: DealershipConnectionService;
  dealerOutcomes: DealerOutcomeService;
  endorsements: EndorsementService;
  outboxStore: BpoOutboxStore;
  outboxAdmin: OutboxAdminService;
  markWon: MarkWonService;
  reconciliation: ReconciliationService;
  reconciliationDigestJobs: ReconciliationDigestJobs;
  mailer: Mailer | null;
  /** Invalidation channel of the per-process caches (sessions, stages, brands); `live` once subscribed. */
  cacheBus: CacheBus;
  /** Handles on every queue of this instance (metrics, queue dashboard). */
  jobQueues: JobQueues;
  /** Lead events through a capped Redis stream (published after commit by the domain, streamed by /api/events). */
  leadEvents: RedisLeadFeed<LeadPlacement, LeadLiveBody>;
  /** What the live feed last said of who holds which lead (lost claims are refused from it). */
  claimStates: LiveLeadMemory<LeadPlacement, LeadLiveBody, ClaimState>;
  /** What the services tell the feed: a change made here is forgotten by claimStates first. */
  leadChanges: LeadEvents;
  /** The worker registers how to queue pending outbox rows at once; API-only processes rely on its poll. */
  setOutboxKick(kick: () => void): void;
  close(): Promise<void>;
}

export function createContainer(
  config: BpoConfig,
  opts: { logger?: Logger; dbPoolSize?: number; dealerClients?: DealerRpcClientFactory; mailer?: Mailer | null; onStatement?: StatementListener } = {},
): BpoContainer {
  const logger = opts.logger ?? createLogger({ service: "bpo-service", level: config.LOG_LEVEL });
  const redis = new Redis({ ...redisConnectionOptions(config.REDIS_URL), lazyConnect: true, maxRetriesPerRequest: 2 });
  redis.on("error", (error) => logger.warn("redis error", { error: error.message }));
  const cacheBus = new CacheBus(redis, config.REDIS_PREFIX, logger);
  const caches: StoreCaches = {
    stages: cacheBus.cache("stages", { ttlMs: 60_000 }),
    brands: cacheBus.cache("brands", { ttlMs: 60_000 }),
    sessions: cacheBus.cache("sessions", { ttlMs: config.SESSION_CACHE_SECONDS * 1000, tagsOf: sessionTags }),
  };
  // Caches serve nothing until the invalidation channel is subscribed; a failure here only leaves them off.
  void cacheBus.start();
  const store = new BpoStore(createDb(config.DATABASE_URL, { poolSize: opts.dbPoolSize, onStatement: opts.onStatement }), caches);
  const box = new SecretBox(config.APP_SECRET);
  const odoo = defaultOdooClientFactory(config.DISTRIBUTOR_TIMEOUT_MS);
  const syncJobs = new DistributorSyncJobs(redisConnectionOptions(config.REDIS_URL), config.REDIS_PREFIX, logger);
  const reminderJobs = new ActivityReminderJobs(redisConnectionOptions(config.REDIS_URL), config.REDIS_PREFIX, logger);
  const reconciliationDigestJobs = new ReconciliationDigestJobs(redisConnectionOptions(config.REDIS_URL), config.REDIS_PREFIX, logger);
  const leadFeed = new RedisLeadFeed<LeadPlacement, LeadLiveBody>(redis, config.REDIS_PREFIX, logger, { maxLen: config.LIVE_EVENTS_BUFFER });
  // Who holds what, as the feed last said: lost claim races are refused from it (API processes only use it).
  const claimStates = new LiveLeadMemory(leadFeed, claimStateOf);
  // Every change this process makes is forgotten at once, before the feed brings it back.
  const leadEvents: LeadEvents = {
    created: (id) => leadFeed.created(id),
    claimed: (id, userId) => leadFeed.claimed(id, userId),
    changed: (id) => {
      claimStates.forget(id);
      leadFeed.changed(id);
    },
  };
  const leases = new RedisLeases(redis, config.REDIS_PREFIX);
  const distributorSync = new DistributorSyncService(
    store,
    box,
    odoo,
    // One run per brand across every process; the lease key names the brand.
    { tryAcquire: (brandId, ttlMs) => leases.tryAcquire(`distributor-sync-lock:${brandId}`, ttlMs) },
    logger,
    { batchSize: config.DISTRIBUTOR_SYNC_BATCH_SIZE, maxBatchesPerRun: config.DISTRIBUTOR_SYNC_MAX_BATCHES },
    leadEvents,
  );
  const jobQueues = new JobQueues(
    redisConnectionOptions(config.REDIS_URL),
    config.REDIS_PREFIX,
    [OUTBOX_QUEUE, DISTRIBUTOR_SYNC_QUEUE, ACTIVITY_REMINDER_QUEUE, RECONCILIATION_DIGEST_QUEUE],
    logger,
  );
  let kick = () => undefined as void;
  const outboxStore = new BpoOutboxStore(store, leadEvents);
  const leads = new LeadService(store, leadEvents, claimStates);
  const boards = new LeadBoardService(store, { timeZone: config.BUSINESS_TIMEZONE });
  leadFeed.describeWith(describeLeads(store, boards));
  const dealerLinks = new DealershipConnectionService(store, box, opts.dealerClients ?? dealerRpcClientFactory(config.DEALER_RPC_TIMEOUT_MS));
  return {
    config,
    logger,
    store,
    redis,
    auth: new AuthService(store, config.SESSION_TTL_HOURS),
    leads,
    boards,
    leadSearch: new LeadSearchService(store, config.BUSINESS_TIMEZONE),
    leadMerges: new LeadMergeService(store, leads, leadEvents),
    catalog: new CatalogService(store),
    callLogs: new CallLogService(store, leadEvents),
    activities: new ActivityService(store, { timeZone: config.BUSINESS_TIMEZONE, events: leadEvents }),
    activityReminders: new ActivityReminderService(store, {
      timeZone: config.BUSINESS_TIMEZONE,
      fromHour: config.ACTIVITY_REMINDER_HOUR,
      publicUrl: config.PUBLIC_URL,
      kick: () => kick(),
      logger,
    }),
    reminderJobs,
    sourceReport: new SourceReportService(store, config.BUSINESS_TIMEZONE),
    floor: new FloorService(store, { timeZone: config.BUSINESS_TIMEZONE }),
    users: new UserService(store),
    distributorSync,
    distributors: new DistributorConnectionService(store, box, odoo, distributorSync, syncJobs, logger),
    syncJobs,
    dealerLinks,
    markWon: new MarkWonService(store, leads, dealerLinks, config.PUBLIC_URL, () => kick(), leadEvents),
    mailer: opts.mailer !== undefined ? opts.mailer : smtpMailer(config.SMTP_URL, config.MAIL_FROM),
    dealerOutcomes: new DealerOutcomeService(store, leadEvents),
    endorsements: new EndorsementService(store, config.PUBLIC_URL, () => kick(), leadEvents),
    outboxStore,
    outboxAdmin: new OutboxAdminService(outboxStore, () => kick()),
    reconciliation: new ReconciliationService(store, dealerLinks, outboxStore, {
      bpoUrl: config.PUBLIC_URL,
      publicUrl: config.PUBLIC_URL,
      timeZone: config.BUSINESS_TIMEZONE,
      queuedMinutes: config.RECONCILE_QUEUED_MINUTES,
      noOutcomeDays: config.RECONCILE_NO_OUTCOME_DAYS,
      lookbackDays: config.RECONCILE_LOOKBACK_DAYS,
      kick: () => kick(),
      events: leadEvents,
      logger,
    }),
    reconciliationDigestJobs,
    leadEvents: leadFeed,
    claimStates,
    leadChanges: leadEvents,
    cacheBus,
    jobQueues,
    setOutboxKick(k) {
      kick = k;
    },
    async close() {
      await syncJobs.close();
      await reminderJobs.close();
      await reconciliationDigestJobs.close();
      await jobQueues.close();
      await leadFeed.close();
      await cacheBus.close();
      redis.disconnect();
      await store.close();
    },
  };
}
