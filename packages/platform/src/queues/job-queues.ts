import type { ConnectionOptions, Queue } from "bullmq";
import type { Logger } from "../logging/logger";
import { bullmq } from "./bullmq";

/**
 * Read-and-manage handles on every BullMQ queue of an instance (metrics, the queue dashboard). Opened on first
 * use so a process that never looks at its queues holds no extra Redis connection, nor bullmq's modules.
 */
export class JobQueues {
  private opened?: Queue[];

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly names: readonly string[],
    private readonly logger: Logger,
  ) {}

  all(): Queue[] {
    this.opened ??= this.names.map((name) => {
      const q = new (bullmq().Queue)(name, { connection: this.connection, prefix: this.prefix });
      q.on("error", (error) => this.logger.warn("queue handle error", { queue: name, error: error.message }));
      return q;
    });
    return this.opened;
  }

  async close(): Promise<void> {
    await Promise.all((this.opened ?? []).map((q) => q.close()));
  }
}
