import { join } from 'node:path';
import { openDatabase } from '../db/database.js';
import { createHttpGateway } from '../processor/gateway.js';
import { loadPractices } from '../practices/practices.js';
import { processorSecretKey } from '../processor/keys.js';
import { defaults } from '../server.js';
import { loadOrCreateSecret } from '../security/secret.js';
import { runDueInstallments } from './runner.js';

/**
 * `billpay-server run-due` (`pnpm --filter @billpay/server run-due`): one run of the installment
 * runner, for a cron. Safe beside the servers' own timers and other cron runs: each installment
 * is charged once. Reads the same settings as `start` (DATABASE_URL or BILLPAY_DATA_DIR,
 * BILLPAY_PRACTICES_DIR, BILLPAY_SECRET) and BILLPAY_PROCESSOR_URL (default the sandbox processor
 * on PROCESSOR_PORT). Prints one JSON line of counts. Exit code 0, or 1 on an error.
 */
export async function runDueCommand(env: NodeJS.ProcessEnv, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const practices = await loadPractices(env.BILLPAY_PRACTICES_DIR || defaults.practicesDir);
  if (!env.DATABASE_URL) {
    // PGlite is one process's database: a running server holds it.
    process.stderr.write('run-due: no DATABASE_URL, so this opens the PGlite data folder; stop the server first (the server runs installments on its own timer).\n');
  }
  const database = await openDatabase({
    url: env.DATABASE_URL || undefined,
    dataDir: env.DATABASE_URL ? undefined : join(env.BILLPAY_DATA_DIR || defaults.dataDir, 'practice'),
  });
  try {
    const secret = env.BILLPAY_SECRET || (await loadOrCreateSecret(database.db));
    const processorUrl = env.BILLPAY_PROCESSOR_URL || `http://127.0.0.1:${env.PROCESSOR_PORT || String(defaults.processorPort)}`;
    const gateway = createHttpGateway({ url: processorUrl, secretKeyFor: (practiceId) => processorSecretKey(secret, practiceId) });
    const report = await runDueInstallments({ db: database.db, gateway, practices, now: new Date() });
    write(JSON.stringify({ event: 'run_due', ...report }));
    return 0;
  } finally {
    await database.close();
  }
}
