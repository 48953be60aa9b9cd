import type { ConnectionOptions } from "bullmq";
import type { Logger } from "@crm/platform/core";
import type { ReconciliationService } from "../domain/reconciliation-service";
import { ScheduledTickJobs } from "./scheduled-tick-jobs";

export const RECONCILIATION_DIGEST_QUEUE = "reconciliation-digest";

/**
 * Nightly, at the configured local hour: the reconciliation check, and the Managers' digest when something is
 * stuck. The domain records the day's digest with its mails, so a retried or repeated tick mails nobody twice.
 */
export class ReconciliationDigestJobs extends ScheduledTickJobs {
  constructor(connection: ConnectionOptions, prefix: string, private readonly log: Logger) {
    super(
      { queue: RECONCILIATION_DIGEST_QUEUE, schedulerId: "CRM: Reconciliation digest", tickName: "nightly", retry: { attempts: 3, backoffMs: 60_000 }, label: "reconciliation digest" },
      connection,
      prefix,
      log,
    );
  }

  async startDigest(reconciliation: ReconciliationService, hour: number, timeZone: string): Promise<void> {
    await this.start({ pattern: `0 ${hour} * * *`, tz: timeZone }, () => reconciliation.queueDigest());
    this.log.info("reconciliation digest scheduled", { hour, timeZone });
  }
}
