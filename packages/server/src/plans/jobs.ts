import type { BillPayDatabase } from '../db/database.js';
import type { Logger } from '../log.js';
import type { ProcessorGateway } from '../processor/port.js';
import { runPeriodically } from '../jobs/periodic.js';
import type { PracticeConfig } from '../practices/practices.js';
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
 * The installment runner on a timer, inside the server: brings running plans up to date and
 * charges the automatic installments that are due. Each installment is charged once however
 * many instances (or `run-due` cron jobs) run it at the same moment, so every instance may.
 */
export function startPlanJobs(options: PlanJobsOptions): { stop(): Promise<void> } {
  const { database, gateway, practices, now, logger } = options;
  return runPeriodically(
    'plan_jobs',
    async () => {
      const report = await runDueInstallments({ db: database.db, gateway, practices, now: now() });
      if (report.charged) logger.info({ event: 'plan_installments_charged', ...report });
    },
    { intervalMs: options.intervalMs ?? 60_000, logger },
  );
}
