import type { BillPayDatabase } from '../db/database.js';
import type { Logger } from '../log.js';
import type { ProcessorGateway } from '../processor/port.js';
import { runPeriodically } from '../jobs/periodic.js';
import type { PracticeConfig } from '../practices/practices.js';
import { queueInstallmentReminders } from './reminders.js';
import { runDueInstallments } from './runner.js';

export interface PlanJobsOptions {
  readonly database: BillPayDatabase;
  readonly gateway: ProcessorGateway;
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  readonly now: () => Date;
  readonly logger: Logger;
  /** Milliseconds between runs. Default 60 000. */
  readonly intervalMs?: number;
}

/**
 * The installment runner on a timer, inside the server: brings running plans up to date, charges
 * the automatic installments that are due, and queues the reminders of payments to come. Each
 * installment is charged once, each reminder queued once, however many instances (or `run-due`
 * cron jobs) run it at the same moment, so every instance may.
 */
export function startPlanJobs(options: PlanJobsOptions): { stop(): Promise<void> } {
  const { database, gateway, practices, now, logger } = options;
  return runPeriodically(
    'plan_jobs',
    async () => {
      const report = await runDueInstallments({ db: database.db, gateway, practices, now: now() });
      if (report.charged) logger.info({ event: 'plan_installments_charged', ...report });
      // After the run, which brought the plans up to date: no reminder of a payment just made.
      await queueInstallmentReminders(database.db, practices, now());
    },
    { intervalMs: options.intervalMs ?? 60_000, logger },
  );
}
