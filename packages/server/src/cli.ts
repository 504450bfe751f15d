#!/usr/bin/env node
import { startBanner } from './banner.js';
import { proxyTrust } from './edge/client-address.js';
import { PracticeConfigError } from './practices/practices.js';
import { runDueCommand } from './plans/run-due.js';
import { keysCommand, KEYS_USAGE } from './keys/command.js';
import { staffCommand, STAFF_USAGE } from './staff/command.js';
import { importCommand, IMPORT_USAGE } from './imports/command.js';
import { statementsCommand, STATEMENTS_USAGE } from './statements/command.js';
import { outboxCommand, OUTBOX_USAGE } from './messages/command.js';
import { defaults, startBillPayServer, type BillPayServer } from './server.js';

const env = process.env;
const command = process.argv[2] ?? 'start';
/** `start --development`: the demo and local tools (`pnpm start` passes it); see `developmentOrigins`. */
const development = process.argv.slice(3).includes('--development');

function port(name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) {
    console.error(`${name} must be a port number (0-65535), not "${value}".`);
    process.exit(2);
  }
  return n;
}

function positiveInteger(name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`${name} must be a whole number of at least 1, not "${value}".`);
    process.exit(2);
  }
  return n;
}

/**
 * The reverse proxies in front of the server: BILLPAY_TRUSTED_PROXIES (addresses and CIDR
 * ranges, comma-separated) and BILLPAY_PROXY_HOPS (default 1). The old BILLPAY_TRUST_PROXY
 * believed X-Forwarded-For from anyone; it is refused so that no deployment keeps it by mistake.
 */
function proxySettings(): { trustedProxies: string[]; proxyHops: number } {
  if (env.BILLPAY_TRUST_PROXY !== undefined) {
    console.error(
      'BILLPAY_TRUST_PROXY is no longer read: it believed X-Forwarded-For from any client. Set BILLPAY_TRUSTED_PROXIES to your proxies\' addresses or CIDR ranges (e.g. 10.0.0.0/8), and BILLPAY_PROXY_HOPS to how many of them a request passes (default 1); see "Running behind a proxy" in the README.',
    );
    process.exit(2);
  }
  const trustedProxies = (env.BILLPAY_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const hops = env.BILLPAY_PROXY_HOPS;
  const proxyHops = hops === undefined || hops === '' ? 1 : Number(hops);
  try {
    proxyTrust({ trustedProxies, proxyHops });
  } catch (error) {
    console.error(`BILLPAY_TRUSTED_PROXIES / BILLPAY_PROXY_HOPS: ${(error as Error).message}`);
    process.exit(2);
  }
  return { trustedProxies, proxyHops };
}

async function start(): Promise<void> {
  // Signal handlers go in first: until a listener exists, Ctrl-C kills the process outright.
  const running: { server?: BillPayServer } = {};
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n  ${signal}: stopping billpay...\n`);
    (running.server ? running.server.close() : Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const proxies = proxySettings();

  const server = await startBillPayServer({
    port: port('PORT', defaults.port),
    processorPort: port('PROCESSOR_PORT', defaults.processorPort),
    host: env.HOST || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.BILLPAY_DATA_DIR || undefined,
    practicesDir: env.BILLPAY_PRACTICES_DIR || undefined,
    development,
    // Behind a load balancer every request comes from its address; per-address limits then need
    // the client's address as the trusted proxies tell it in X-Forwarded-For.
    ...proxies,
    sandboxTokenRequestsPerHour: positiveInteger('BILLPAY_SANDBOX_TOKENS_PER_HOUR'),
    webhookIntervalMs: positiveInteger('BILLPAY_WEBHOOK_INTERVAL_MS'),
    consoleOrigin: env.BILLPAY_CONSOLE_ORIGIN || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || undefined,
    twilioAccountSid: env.TWILIO_ACCOUNT_SID || undefined,
    twilioAuthToken: env.TWILIO_AUTH_TOKEN || undefined,
    twilioFrom: env.TWILIO_FROM || undefined,
    publicUrl: env.BILLPAY_PUBLIC_URL || undefined,
  });
  running.server = server;
  const where = server.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${env.BILLPAY_DATA_DIR || defaults.dataDir}`;
  process.stdout.write(startBanner({ server, where, development, terminal: process.stdout.isTTY }));
}

/**
 * The commands besides `start`, each run once with its arguments; its answer is the exit code:
 * `run-due` one run of the payment plans' installment runner (for a cron, plans/run-due.ts),
 * `keys` a practice's API keys for the practice API (keys/command.ts), `staff` a practice's staff
 * for the console and their enrolment links (staff/command.ts), `import` a statement run from a
 * CSV or JSON Lines file (imports/command.ts), `statements` the paper statements of a statement
 * run, one PDF each (statements/command.ts), `outbox` the messages to patients held in the
 * database outbox (messages/command.ts).
 */
const commands = new Map<string, (args: readonly string[], env: NodeJS.ProcessEnv) => Promise<number>>([
  ['run-due', (_args, commandEnv) => runDueCommand(commandEnv)],
  ['keys', keysCommand],
  ['staff', staffCommand],
  ['import', importCommand],
  ['statements', statementsCommand],
  ['outbox', outboxCommand],
]);
const runCommand = commands.get(command);

if (command === 'start') {
  start().catch((error: unknown) => {
    if (error instanceof PracticeConfigError) {
      console.error(error.message);
    } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`A port is already in use (${(error as Error).message}). Set PORT / PROCESSOR_PORT to free ones.`);
    } else {
      console.error(error);
    }
    process.exit(1);
  });
} else if (runCommand) {
  runCommand(process.argv.slice(3), env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof PracticeConfigError ? error.message : error);
      process.exit(1);
    },
  );
} else {
  console.error(`Unknown command "${command}". Usage:\n  billpay start [--development]\n  billpay run-due\n${KEYS_USAGE.replace(/^Usage:\n/, '')}\n${STAFF_USAGE.replace(/^Usage:\n/, '')}\n${IMPORT_USAGE.replace(/^Usage:\n/, '')}\n${STATEMENTS_USAGE.replace(/^Usage:\n/, '')}\n${OUTBOX_USAGE.replace(/^Usage:\n/, '')}`);
  process.exit(2);
}
