import type { BillPayDatabase } from '../db/database.js';
import type { Logger } from '../log.js';
import { runPeriodically } from '../jobs/periodic.js';
import type { PracticeConfig } from '../practices/practices.js';
import { purgeExpired } from '../jobs/purge.js';
import { purgeStaffExpired } from '../staff/purge.js';
import type { ProcessorGateway } from '../processor/port.js';
import { applyProcessorEvents } from './events.js';
import { recoverPendingPayments } from './recovery.js';
import { recoverPendingRefunds } from './refunds.js';

export interface PaymentJobsOptions {
  readonly database: BillPayDatabase;
  readonly gateway: ProcessorGateway;
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  readonly now: () => Date;
  readonly logger: Logger;
  /** Milliseconds between runs. Default 5 000. */
  readonly intervalMs?: number;
  /** Milliseconds between purges of ended sessions and old lookup failures. Default 10 minutes. */
  readonly purgeIntervalMs?: number;
}

/**
 * What the practice API does in the background: settle payments and refunds a crash left pending
 * (at start, then on every run) and apply the processor's events (bank debits settling or coming back); and,
 * less often, purge what only matters for a while (ended sessions, old lookup failures and idle
 * lockout guards; see `purgeExpired`). Every step is idempotent, so several instances may run it
 * at once.
 */
export function startPaymentJobs(options: PaymentJobsOptions): { stop(): Promise<void> } {
  const { database, gateway, practices, now, logger } = options;
  const payments = runPeriodically(
    'payment_jobs',
    async () => {
      const recovered = await recoverPendingPayments(database.db, gateway, practices, now(), { logger });
      if (recovered) logger.info({ event: 'payments_recovered', count: recovered });
      const refunds = await recoverPendingRefunds(database.db, gateway, practices, now(), { logger });
      if (refunds) logger.info({ event: 'refunds_recovered', count: refunds });
      for (const practice of practices.values()) {
        const applied = await applyProcessorEvents(database.db, gateway, practice, now(), logger);
        if (applied) logger.info({ event: 'processor_events_applied', practice: practice.id, count: applied });
      }
    },
    { intervalMs: options.intervalMs, logger },
  );
  // Its own runner: a failed purge never holds up payments, nor the other way round.
  const purge = runPeriodically(
    'purge',
    async () => {
      const purged = { ...(await purgeExpired(database.db, now())), ...(await purgeStaffExpired(database.db, now())) };
      if (Object.values(purged).some((n) => n > 0)) logger.info({ event: 'purged', ...purged });
    },
    { intervalMs: options.purgeIntervalMs ?? 10 * 60_000, logger },
  );
  return {
    async stop() {
      await Promise.all([payments.stop(), purge.stop()]);
    },
  };
}
