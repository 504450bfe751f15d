import type { BillPayDatabase } from '../db/database.js';
import { runPeriodically } from '../jobs/periodic.js';
import type { Logger } from '../log.js';
import { purgeOldEvents } from '../events/retention.js';
import { deliverDueWebhooks } from './delivery.js';

/** Deliveries claimed at a time, and how many batches one run may send before it waits again. */
const BATCH = 50;
const MAX_BATCHES_PER_RUN = 20;
/** How often one instance removes events past their retention. */
const PURGE_EVERY_MS = 60 * 60 * 1000;

export interface WebhookJobsOptions {
  readonly database: BillPayDatabase;
  readonly secret: string;
  readonly now: () => Date;
  readonly logger: Logger;
  /** Development: receivers on this machine may be reached (see destination.ts). */
  readonly allowLoopback?: boolean | undefined;
  /** Milliseconds between runs. Default 2 000. */
  readonly intervalMs?: number | undefined;
  /** Days events are kept (see events/retention.ts). Default 90. */
  readonly eventRetentionDays?: number | undefined;
}

/**
 * Event publishing and webhook delivery on a timer, inside the server, and once an hour the
 * removal of events past their retention. Every instance runs it:
 * the publisher takes turns under a row lock and each due delivery is claimed by one instance
 * (`deliverDueWebhooks`), and what a stopped instance had claimed is taken up again after its lease.
 */
export function startWebhookJobs(options: WebhookJobsOptions): { stop(): Promise<void> } {
  const { database, secret, now, logger } = options;
  let purgedAt = -Infinity;
  return runPeriodically(
    'webhook_jobs',
    async () => {
      if (now().getTime() - purgedAt >= PURGE_EVERY_MS) {
        purgedAt = now().getTime();
        const removed = await purgeOldEvents(database.db, now(), options.eventRetentionDays);
        if (removed) logger.info({ event: 'events_purged', removed });
      }
      // A full batch means more may be due: go on at once, so that delivery keeps up with payments
      // (one batch a run sent at most 25 a second at the 2 s interval; see bench/webhook-latency.mjs).
      for (let round = 0; round < MAX_BATCHES_PER_RUN; round++) {
        const report = await deliverDueWebhooks({ db: database.db, secret, now, logger, batch: BATCH, allowLoopback: options.allowLoopback });
        if (report.attempted) logger.info({ event: 'webhooks_attempted', ...report });
        if (report.attempted < BATCH) break;
      }
    },
    { intervalMs: options.intervalMs ?? 2_000, logger },
  );
}
