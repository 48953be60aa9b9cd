import type { Redis } from "ioredis";
import type { Logger } from "../logging/logger";

/**
 * Tells other processes and browsers that a lead changed; published after the transaction commits.
 * Implementations must not throw: a lost notification costs a refresh, never a write.
 */
export interface LeadEvents {
  claimed(leadId: number, userId: number): void;
  changed(leadId: number): void;
}

export const noLeadEvents: LeadEvents = { claimed: () => undefined, changed: () => undefined };

/** What browsers receive on /api/events. */
export type LeadEvent =
  | { type: "lead.claimed"; leadId: number; userId: number; at: string }
  | { type: "lead.changed"; leadId: number; at: string };

export type LeadEventListener = (event: LeadEvent) => void;

/**
 * Lead events over Redis pub/sub, so every API process (and so every browser) hears about a claim made
 * in any of them. Publishing is fire-and-forget: a Redis hiccup is logged, never fails the request.
 * One subscriber connection per process, opened with the first listener and shared by all of them.
 */
export class RedisLeadEvents implements LeadEvents {
  readonly channel: string;
  private readonly listeners = new Set<LeadEventListener>();
  private subscriber: Redis | null = null;
  private subscribed: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly logger: Logger,
  ) {
    this.channel = `${prefix}:lead-events`;
  }

  claimed(leadId: number, userId: number): void {
    this.publish({ type: "lead.claimed", leadId, userId, at: new Date().toISOString() });
  }

  changed(leadId: number): void {
    this.publish({ type: "lead.changed", leadId, at: new Date().toISOString() });
  }

  private publish(event: LeadEvent): void {
    this.redis.publish(this.channel, JSON.stringify(event)).catch((error: Error) => {
      this.logger.warn("lead event not published", { event: event.type, leadId: event.leadId, error: error.message });
    });
  }

  /** Resolves once this process is subscribed, so nothing published afterwards is missed. Returns the unsubscribe. */
  async subscribe(listener: LeadEventListener): Promise<() => void> {
    this.listeners.add(listener);
    try {
      await this.ensureSubscribed();
    } catch (error) {
      this.listeners.delete(listener);
      throw error;
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private ensureSubscribed(): Promise<void> {
    if (!this.subscribed) {
      const sub = this.redis.duplicate({ lazyConnect: true, maxRetriesPerRequest: null });
      sub.on("error", (error) => this.logger.warn("lead events subscriber error", { error: error.message }));
      sub.on("message", (channel: string, message: string) => {
        if (channel !== this.channel) return;
        let event: LeadEvent;
        try {
          event = JSON.parse(message) as LeadEvent;
        } catch {
          return;
        }
        for (const l of [...this.listeners]) {
          try {
            l(event);
          } catch (error) {
            this.logger.warn("lead event listener failed", { error: (error as Error).message });
          }
        }
      });
      this.subscriber = sub;
      this.subscribed = sub.subscribe(this.channel).then(() => undefined);
      this.subscribed.catch(() => {
        this.subscribed = null;
        this.subscriber = null;
        sub.disconnect();
      });
    }
    return this.subscribed;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const sub = this.subscriber;
    this.subscriber = null;
    this.subscribed = null;
    if (sub) sub.disconnect();
  }
}
