import { openCore } from '../compose.js';
import { defaults } from '../config.js';
import { queueInstallmentReminders } from './reminders.js';
import { runDueInstallments } from './runner.js';

/**
 * `billpay run-due` (`pnpm billpay run-due`): one run of the installment runner, and the
 * reminders of payments to come, for a cron. Safe beside the servers' own timers and other cron
 * runs: each installment is charged once, each reminder queued once. Reads the same settings as `start` (DATABASE_URL or BILLPAY_DATA_DIR,
 * BILLPAY_PRACTICES_DIR, BILLPAY_SECRET) through the same composition root, and
 * BILLPAY_PROCESSOR_URL (where the sandbox processor runs, for practices that use it; default
 * PROCESSOR_PORT on this machine). Prints one JSON line of counts. Exit code 0, or 1 on an error.
 */
export async function runDueCommand(env: NodeJS.ProcessEnv, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  if (!env.DATABASE_URL) {
    // PGlite is one process's database: a running server holds it.
    process.stderr.write('run-due: no DATABASE_URL, so this opens the PGlite data folder; stop the server first (the server runs installments on its own timer).\n');
  }
  const core = await openCore({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.BILLPAY_DATA_DIR || undefined,
    practicesDir: env.BILLPAY_PRACTICES_DIR || undefined,
    secret: env.BILLPAY_SECRET || undefined,
  });
  try {
    const sandboxUrl = env.BILLPAY_PROCESSOR_URL || `http://127.0.0.1:${env.PROCESSOR_PORT || String(defaults.processorPort)}`;
    const gateway = core.processor({ sandbox: core.usesSandbox ? { url: sandboxUrl, publicUrl: sandboxUrl } : undefined });
    const report = await runDueInstallments({ db: core.database.db, gateway, practices: core.practices, now: new Date() });
    await queueInstallmentReminders(core.database.db, core.practices, new Date());
    write(JSON.stringify({ event: 'run_due', ...report }));
    return 0;
  } finally {
    await core.database.close();
  }
}
