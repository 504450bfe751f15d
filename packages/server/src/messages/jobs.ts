import type { BillPayDatabase } from '../db/database.js';
import { runPeriodically } from '../jobs/periodic.js';
import type { Logger } from '../log.js';
import { deliverDueMessages, type MessageDeliveryOptions } from './delivery.js';

const BATCH = 50;
const MAX_BATCHES_PER_RUN = 20;

export interface MessageJobsOptions extends Omit<MessageDeliveryOptions, 'db' | 'logger' | 'batch'> {
  readonly database: BillPayDatabase;
  readonly logger: Logger;
  /** Milliseconds between runs. Default 2 000. */
  readonly intervalMs?: number | undefined;
}

/**
 * Message delivery on a timer, inside the server. Every instance runs it: each due message is
 * claimed by one instance (`deliverDueMessages`), and what a stopped instance had claimed is
 * taken up again after its lease.
 */
export function startMessageJobs(options: MessageJobsOptions): { stop(): Promise<void> } {
  const { database, logger } = options;
  return runPeriodically(
    'message_jobs',
    async () => {
      for (let round = 0; round < MAX_BATCHES_PER_RUN; round++) {
        const report = await deliverDueMessages({ ...options, db: database.db, logger, batch: BATCH });
        if (report.attempted) logger.info({ event: 'messages_attempted', ...report });
        if (report.attempted < BATCH) break;
      }
    },
    { intervalMs: options.intervalMs ?? 2_000, logger },
  );
}
