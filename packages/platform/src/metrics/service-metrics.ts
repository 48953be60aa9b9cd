import { timingSafeEqual } from "node:crypto";
import type { Queue } from "bullmq";
import type { Request, RequestHandler, Response } from "express";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Logger } from "../logging/logger";
import { exposeToPrimary, inClusterWorker, metricsFromPrimary } from "./cluster-metrics";

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface OutboxStats {
  pending: number;
  dead: number;
  oldestPendingAt: Date | null;
}

export interface SyncRunStats {
  brand: string;
  outcome: string;
  runs: number;
  durationSeconds: number;
  fetched: number;
  created: number;
  deduplicated: number;
  failed: number;
}

export interface SyncLag {
  brand: string;
  lastSuccessAt: Date | null;
}

/** Where the scrape-time figures come from; all read shared state (database, Redis), so any API process reports the instance. */
export interface MetricsSources {
  service: string;
  pool: () => PoolStats;
  queues: () => Queue[];
  outbox: () => Promise<OutboxStats>;
  syncRuns?: () => Promise<SyncRunStats[]>;
  syncLag?: () => Promise<SyncLag[]>;
  logger: Logger;
}

const secondsSince = (d: Date) => Math.max(0, (Date.now() - d.getTime()) / 1000);

/**
 * The Prometheus metrics of one process: request durations, SSE streams and login failures counted here; DB
 * pool, queues, outbox and distributor sync read when scraped. Families are prefixed `crm_`; every series
 * carries `service`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<"method" | "route" | "status">;
  private readonly sseConnections: Gauge;
  private readonly loginFailures: Counter<"reason">;

  constructor(private readonly sources: MetricsSources) {
    const r = this.registry;
    r.setDefaultLabels({ service: sources.service });
    // Standard process_* and nodejs_* families (memory, CPU, event loop lag, GC), as dashboards expect them.
    collectDefaultMetrics({ register: r });
    this.httpDuration = new Histogram({
      name: "crm_http_request_duration_seconds",
      help: "HTTP request duration by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [r],
    });
    this.sseConnections = new Gauge({ name: "crm_sse_connections", help: "Open live-event (SSE) streams", registers: [r] });
    this.loginFailures = new Counter({
      name: "crm_login_failures_total",
      help: "Refused logins: bad_credentials (401) or rate_limited (429)",
      labelNames: ["reason"],
      registers: [r],
    });
    for (const reason of ["bad_credentials", "rate_limited"]) this.loginFailures.inc({ reason }, 0);
    if (inClusterWorker()) exposeToPrimary(r);

    new Gauge({
      name: "crm_db_pool_connections",
      help: "Database pool connections by state (in_use, idle) and requests waiting for one (waiting)",
      labelNames: ["state"],
      registers: [r],
      collect() {
        const p = sources.pool();
        this.set({ state: "in_use" }, p.total - p.idle);
        this.set({ state: "idle" }, p.idle);
        this.set({ state: "waiting" }, p.waiting);
      },
    });

    // Families filled from one read are collected concurrently by prom-client, so they share the read.
    const readQueues = sharedRead(async () => {
      const out: { queue: string; counts: Record<string, number>; oldestAt: number | null }[] = [];
      for (const q of sources.queues()) {
        try {
          const counts = await q.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized");
          const [oldest] = await q.getJobs(["wait"], -1, -1, true);
          out.push({ queue: q.name, counts, oldestAt: oldest?.timestamp ?? null });
        } catch (error) {
          sources.logger.warn("metrics: queue not readable", { queue: q.name, error: (error as Error).message });
        }
      }
      return out;
    });
    new Gauge({
      name: "crm_queue_jobs",
      help: "BullMQ jobs by queue and state",
      labelNames: ["queue", "state"],
      registers: [r],
      // Read from the database or Redis: the same figure in every worker.
      aggregator: "first",
      async collect() {
        for (const q of await readQueues()) for (const [state, n] of Object.entries(q.counts)) this.set({ queue: q.queue, state }, n);
      },
    });
    new Gauge({
      name: "crm_queue_oldest_waiting_seconds",
      help: "Age of the oldest waiting job per queue (0 when none waits)",
      labelNames: ["queue"],
      registers: [r],
      // Read from the database or Redis: the same figure in every worker.
      aggregator: "first",
      async collect() {
        for (const q of await readQueues()) this.set({ queue: q.queue }, q.oldestAt ? secondsSince(new Date(q.oldestAt)) : 0);
      },
    });

    const readOutbox = sharedRead(sources.outbox);
    new Gauge({
      name: "crm_outbox_messages",
      help: "Outbox rows by status (pending, dead)",
      labelNames: ["status"],
      registers: [r],
      // Read from the database or Redis: the same figure in every worker.
      aggregator: "first",
      async collect() {
        const o = await readOutbox();
        this.set({ status: "pending" }, o.pending);
        this.set({ status: "dead" }, o.dead);
      },
    });
    new Gauge({
      name: "crm_outbox_oldest_pending_seconds",
      help: "Age of the oldest pending outbox row (0 when none is pending)",
      registers: [r],
      // Read from the database or Redis: the same figure in every worker.
      aggregator: "first",
      async collect() {
        const o = await readOutbox();
        this.set(o.oldestPendingAt ? secondsSince(o.oldestPendingAt) : 0);
      },
    });

    if (sources.syncRuns) {
      const readRuns = sharedRead(sources.syncRuns);
      new Gauge({
        name: "crm_distributor_sync_runs",
        help: "Distributor sync runs recorded, by brand and outcome",
        labelNames: ["brand", "outcome"],
        registers: [r],
        // Read from the database or Redis: the same figure in every worker.
        aggregator: "first",
        async collect() {
          for (const s of await readRuns()) this.set({ brand: s.brand, outcome: s.outcome }, s.runs);
        },
      });
      new Gauge({
        name: "crm_distributor_sync_run_seconds",
        help: "Total duration of finished distributor sync runs, by brand and outcome",
        labelNames: ["brand", "outcome"],
        registers: [r],
        // Read from the database or Redis: the same figure in every worker.
        aggregator: "first",
        async collect() {
          for (const s of await readRuns()) this.set({ brand: s.brand, outcome: s.outcome }, s.durationSeconds);
        },
      });
      new Gauge({
        name: "crm_distributor_sync_records",
        help: "Distributor records handled by sync runs, by brand, outcome and kind (fetched, created, deduplicated, failed)",
        labelNames: ["brand", "outcome", "kind"],
        registers: [r],
        // Read from the database or Redis: the same figure in every worker.
        aggregator: "first",
        async collect() {
          for (const s of await readRuns()) {
            for (const kind of ["fetched", "created", "deduplicated", "failed"] as const) this.set({ brand: s.brand, outcome: s.outcome, kind }, s[kind]);
          }
        },
      });
    }
    if (sources.syncLag) {
      const syncLag = sources.syncLag;
      new Gauge({
        name: "crm_distributor_sync_lag_seconds",
        help: "Seconds since the last successful distributor sync of each connected brand (-1: never succeeded)",
        labelNames: ["brand"],
        registers: [r],
        // Read from the database or Redis: the same figure in every worker.
        aggregator: "first",
        async collect() {
          for (const b of await syncLag()) this.set({ brand: b.brand }, b.lastSuccessAt ? secondsSince(b.lastSuccessAt) : -1);
        },
      });
    }
  }

  /** Times every request; the route label is the matched pattern (never the raw URL, which would explode cardinality). */
  requestTimer(): RequestHandler {
    return (req, res, next) => {
      const end = this.httpDuration.startTimer();
      res.on("finish", () => end({ method: req.method, route: routeOf(req, res), status: String(res.statusCode) }));
      next();
    };
  }

  /** Counts an open live-events stream until its response closes. */
  streamTracker(): RequestHandler {
    return (_req, res, next) => {
      this.sseConnections.inc();
      res.once("close", () => this.sseConnections.dec());
      next();
    };
  }

  /** Counts refused logins by what the login route answered. */
  loginFailureCounter(): RequestHandler {
    return (_req, res, next) => {
      res.on("finish", () => {
        if (res.statusCode === 401) this.loginFailures.inc({ reason: "bad_credentials" });
        else if (res.statusCode === 429) this.loginFailures.inc({ reason: "rate_limited" });
      });
      next();
    };
  }

  /** GET /metrics for a scraper holding `token` (bearer); 404 when no token is configured (metrics off). */
  endpoint(token: string | undefined): RequestHandler {
    return async (req: Request, res: Response) => {
      if (!token) {
        res.status(404).json({ error: { code: "not_found", message: "Metrics are off: set METRICS_TOKEN" } });
        return;
      }
      if (!bearerMatches(req.headers.authorization, token)) {
        res.status(401).set("www-authenticate", 'Bearer realm="metrics"').json({ error: { code: "unauthenticated", message: "A valid metrics token is required" } });
        return;
      }
      try {
        const body = inClusterWorker() ? await metricsFromPrimary() : await this.registry.metrics();
        res.set("content-type", this.registry.contentType).send(body);
      } catch (error) {
        this.sources.logger.error("metrics scrape failed", { error });
        res.status(500).json({ error: { code: "internal", message: "Metrics could not be collected" } });
      }
    };
  }
}

/** One read per scrape for several families (reads within a second share the promise). */
function sharedRead<T>(read: () => Promise<T>, ttlMs = 1000): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > ttlMs) cached = { at: Date.now(), value: read() };
    return cached.value;
  };
}

function routeOf(req: Request, res: Response): string {
  if (typeof res.locals.routePattern === "string") return res.locals.routePattern;
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === "string") return `${req.baseUrl}${pattern}`;
  return req.baseUrl || "unmatched";
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
