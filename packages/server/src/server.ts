import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { todayIso } from './dates.js';
import { openCore } from './compose.js';
import { defaults } from './config.js';
import type { BillPayDatabase } from './db/database.js';
import { DEMO_PRACTICE_ID } from './demo/demo-data.js';
import { seedDemoData } from './demo/seed.js';
import { proxyTrust, type ProxySettings } from './edge/client-address.js';
import { httpCheck } from './edge/health.js';
import { createApp } from './http/app.js';
import { SETTINGS_TTL_MS } from './practices/live.js';
import { createLogger, type Logger } from './log.js';
import { loadPractices, type PracticeConfig } from './practices/practices.js';
import { startPaymentJobs } from './payments/jobs.js';
import { startPlanJobs } from './plans/jobs.js';
import type { AdapterFactory } from './processor/registry.js';
import { webhookPath } from './processor/routes.js';
import { createProcessorApp, startSettlementTimer, type ProcessorOptions } from './processor/sandbox/app.js';
import { SandboxClock } from './processor/sandbox/clock.js';
import { openProcessorDatabase, type ProcessorDatabase } from './processor/sandbox/database.js';
import { startWebhookJobs } from './webhooks/jobs.js';
import { channelsFrom } from './messages/channels.js';
import { startMessageJobs } from './messages/jobs.js';

export { defaults };

export interface BillPayServerOptions extends ProxySettings {
  readonly port?: number | undefined;
  readonly processorPort?: number | undefined;
  readonly host?: string | undefined;
  /** PostgreSQL connection string; PGlite is used when absent. */
  readonly databaseUrl?: string | undefined;
  /** PGlite's folder; `null` keeps the database in memory. */
  readonly dataDir?: string | null | undefined;
  readonly practicesDir?: string | undefined;
  /**
   * Development mode: each practice's `developmentOrigins` are allowed too (see practices.ts).
   * Default false.
   */
  readonly development?: boolean | undefined;
  /** Seed the demo patients into the demo practice on first start. Default true. */
  readonly seedDemo?: boolean | undefined;
  /** Serve the demo website and billpay.js. Default true. */
  readonly serveDemo?: boolean | undefined;
  readonly demoDir?: string | undefined;
  readonly bundlePath?: string | undefined;
  /** The built developer documentation served at /docs (default docs/dist of the repository). */
  readonly docsDir?: string | undefined;
  /** The built billing office console, served at /console. Default packages/console/dist. */
  readonly consoleDir?: string | undefined;
  /** The day the demo data is dated from (YYYY-MM-DD); default today. */
  readonly today?: string | undefined;
  readonly logger?: Logger | undefined;
  /**
   * Key of the keyed hashes lockouts and the audit log store. Default: env BILLPAY_SECRET, else
   * one generated on first start and kept in the database, so restarts and other instances on
   * the same database share it.
   */
  readonly secret?: string | undefined;
  /** The clock (tests move it); default the system clock. */
  readonly now?: (() => Date) | undefined;
  /**
   * Tokenization requests the sandbox processor takes from one address an hour (default
   * `TOKEN_REQUESTS_PER_ADDRESS_PER_HOUR`); load tests that tokenize thousands of cards raise it.
   */
  readonly sandboxTokenRequestsPerHour?: number | undefined;
  /** Milliseconds between runs of event publishing and webhook delivery. Default 2 000. */
  readonly webhookIntervalMs?: number | undefined;
  /**
   * How long readiness (`/v1/health`, both servers) waits for each database or server it checks
   * before counting it down. Default 2 000.
   */
  readonly readinessTimeoutMs?: number | undefined;
  /** Processor adapters besides the built-in ones, by the `kind` a practice's `processor` names. */
  readonly processorAdapters?: Readonly<Record<string, AdapterFactory>> | undefined;
  /** The console's origin (see `AppOptions.consoleOrigin`); default this server's own address. */
  readonly consoleOrigin?: string | undefined;
  /**
   * A sandbox processor already running in a process of its own (`startSandboxServer`, as a real
   * processor would be), reached at this URL by the server and by browsers; none is started here.
   * It must share this server's secret (the practices' keys are derived from it).
   */
  readonly sandboxUrl?: string | undefined;
  /**
   * Email to patients through this SMTP server (`SMTP_URL`, nodemailer's URL form), from
   * `smtpFrom` (`SMTP_FROM`). Without it, messages are held in the database outbox
   * (`billpay outbox`).
   */
  readonly smtpUrl?: string | undefined;
  readonly smtpFrom?: string | undefined;
  /**
   * Texts to patients through this Twilio account (`TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN`),
   * from `twilioFrom` (`TWILIO_FROM`: a number or a Messaging Service SID); its replies (STOP,
   * HELP) come to `/messages/sms/{practiceId}` under `publicUrl`. Without them, texts are held in
   * the database outbox.
   */
  readonly twilioAccountSid?: string | undefined;
  readonly twilioAuthToken?: string | undefined;
  readonly twilioFrom?: string | undefined;
  /** Milliseconds between runs of message delivery. Default 2 000. */
  readonly messageIntervalMs?: number | undefined;
  /**
   * The origin patients reach this server at (`BILLPAY_PUBLIC_URL`): the unsubscribe links of
   * messages point at it. Default this server's own address.
   */
  readonly publicUrl?: string | undefined;
}

export interface BillPayServer {
  readonly url: string;
  /** The sandbox processor's URL; it runs only when some practice uses it. */
  readonly processorUrl: string | undefined;
  readonly database: BillPayDatabase;
  /** The sandbox processor's own store. */
  readonly processorDatabase: ProcessorDatabase | undefined;
  /** The sandbox processor's clock (`POST /v1/sandbox/clock` moves it). */
  readonly processorClock: SandboxClock | undefined;
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  readonly seeded: boolean;
  close(): Promise<void>;
}

/**
 * Opens the database, loads practices, seeds the demo, and starts the API and, when some practice
 * uses it, the sandbox processor.
 */
export async function startBillPayServer(options: BillPayServerOptions = {}): Promise<BillPayServer> {
  // Settings are checked before anything is opened: a mistake there is the operator's to fix.
  proxyTrust(options);
  // Messages to patients go through these (none configured: held in the database outbox).
  const channels = channelsFrom({ smtpUrl: options.smtpUrl, smtpFrom: options.smtpFrom, twilioAccountSid: options.twilioAccountSid, twilioAuthToken: options.twilioAuthToken, twilioFrom: options.twilioFrom });
  const proxies: ProxySettings = { trustedProxies: options.trustedProxies, proxyHops: options.proxyHops };
  const logger = options.logger ?? createLogger();
  const host = options.host ?? defaults.host;
  const core = await openCore(options);
  const { practices, database, secret, dataDir } = core;
  const now = options.now ?? (() => new Date());

  let seeded = false;
  const demoPractice = practices.get(DEMO_PRACTICE_ID);
  if ((options.seedDemo ?? true) && demoPractice) {
    seeded = await seedDemoData(database.db, demoPractice, options.today ?? todayIso(now()));
  }

  const apiPort = options.port ?? defaults.port;
  // The demo pages are rewritten to the origins the browser will actually use.
  let publicUrl = `http://${displayHost(host)}:${apiPort}`;
  // Where the sandbox pushes webhooks: known once the API listens (events before then are polled).
  let apiInternalUrl: string | undefined = undefined;
  // The sandbox processor runs only when some practice uses it.
  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;
  try {
    if (core.usesSandbox && !options.sandboxUrl) {
      sandbox = await startSandbox({
        ...options,
        ...proxies,
        host,
        logger,
        practices,
        secret,
        now,
        dataDir,
        apiPublicUrl: () => publicUrl,
        // Each practice on the sandbox gets its events pushed to this server, signed; it polls too.
        webhookUrl: (practiceId) => (apiInternalUrl && practices.has(practiceId) ? `${apiInternalUrl}${webhookPath(practiceId)}` : undefined),
      });
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  // The practice API reaches each practice's processor server to server, by its configuration.
  const external = options.sandboxUrl?.replace(/\/$/, '');
  const sandboxAt = sandbox ? { url: sandbox.internalUrl, publicUrl: sandbox.url } : external ? { url: external, publicUrl: external } : undefined;
  const gateway = core.processor({ sandbox: sandboxAt });
  const paymentJobs = startPaymentJobs({ database, gateway, practices, now, logger });
  // Payment plans' installments, charged when due (each once, whichever instance gets there first).
  const planJobs = startPlanJobs({ database, gateway, practices, now, logger });
  // Events published and webhooks sent (each delivery by one instance, whichever claims it).
  const webhookJobs = startWebhookJobs({ database, secret, now, logger, intervalMs: options.webhookIntervalMs, allowLoopback: options.development ?? false });
  const serveDemo = options.serveDemo ?? true;
  // The jobs read the practices too: their settings are looked at on a timer as well as before each request.
  const settingsTimer = setInterval(() => void core.settings.refresh(), SETTINGS_TTL_MS);
  settingsTimer.unref();
  const app = createApp({
    database,
    practices,
    settings: core.settings,
    logger,
    secret,
    now,
    ...proxies,
    processor: gateway,
    development: options.development,
    consoleOrigin: options.consoleOrigin ?? (apiPort === 0 ? undefined : `http://${displayHost(host)}:${apiPort}`),
    // Not ready while the processor is not: no payment could be taken.
    console: { dir: options.consoleDir ?? defaults.consoleDir },
    // Twilio signs replies over the URL it was given: this server's public one.
    textReplies: channels.sms && options.twilioAuthToken ? { authToken: options.twilioAuthToken, publicUrl: () => options.publicUrl ?? publicUrl } : undefined,
    readinessChecks: sandboxAt ? { processor: httpCheck(`${sandboxAt.url}/v1/health`, options.readinessTimeoutMs) } : {},
    readinessTimeoutMs: options.readinessTimeoutMs,
    demo:
      serveDemo
        ? {
            demoDir: options.demoDir ?? defaults.demoDir,
            bundlePath: options.bundlePath ?? defaults.bundlePath,
            docsDir: options.docsDir ?? defaults.docsDir,
            get publicUrl() {
              return publicUrl;
            },
            processorUrl: sandboxAt?.publicUrl,
          }
        : undefined,
  });
  const api = await listen(app.fetch, apiPort, host);
  publicUrl = `http://${displayHost(host)}:${api.port}`;
  apiInternalUrl = `http://127.0.0.1:${api.port}`;
  // Started once the API listens, so the links in messages name where it is.
  const messageJobs = startMessageJobs({
    database,
    secret,
    practices,
    channels,
    now,
    logger,
    intervalMs: options.messageIntervalMs,
    publicUrl: () => options.publicUrl ?? publicUrl,
    // The demo's pay page is named as http://localhost:8787, as its pages are: rewritten to where this server is.
    payPageUrl: (practice) => (practice.payPageUrl && serveDemo && !options.publicUrl ? practice.payPageUrl.replace(/^http:\/\/localhost:8787(?=\/)/, publicUrl) : practice.payPageUrl),
  });

  let closed = false;
  return {
    url: publicUrl,
    processorUrl: sandboxAt?.publicUrl,
    database,
    processorDatabase: sandbox?.database,
    processorClock: sandbox?.clock,
    practices,
    seeded,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(settingsTimer);
      await Promise.all([sandbox?.stopTimers(), paymentJobs.stop(), planJobs.stop(), webhookJobs.stop(), messageJobs.stop()]);
      channels.email?.close?.();
      await Promise.all([api.close(), sandbox?.close()]);
      await Promise.all([database.close(), sandbox?.database.close()]);
    },
  };
}

export interface SandboxServerOptions extends ProxySettings {
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /** PostgreSQL (the processor keeps its own tables); PGlite in `dataDir`/processor when absent. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string | null | undefined;
  readonly practicesDir?: string | undefined;
  /** The billing servers' secret: the practices' keys are derived from it, so it must be theirs. */
  readonly secret: string;
  /** The billing server's address, for the processor's signed webhooks; none: it polls. */
  readonly apiUrl?: string | undefined;
  readonly sandboxTokenRequestsPerHour?: number | undefined;
  readonly logger?: Logger | undefined;
}

/**
 * The sandbox processor alone, in a process of its own as a real processor is: the billing
 * servers reach it by `sandboxUrl`. Its store is its own (PGlite beside the practice's, or its own
 * tables in PostgreSQL).
 */
export async function startSandboxServer(options: SandboxServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const practices = await loadPractices(options.practicesDir ?? defaults.practicesDir);
  const dataDir = options.databaseUrl ? undefined : options.dataDir === null ? undefined : (options.dataDir ?? defaults.dataDir);
  const apiUrl = options.apiUrl?.replace(/\/$/, '');
  const sandbox = await startSandbox({
    ...options,
    host: options.host ?? defaults.host,
    processorPort: options.port,
    logger: options.logger ?? createLogger(),
    practices,
    now: () => new Date(),
    dataDir,
    apiPublicUrl: apiUrl,
    webhookUrl: (practiceId) => (apiUrl && practices.has(practiceId) ? `${apiUrl}${webhookPath(practiceId)}` : undefined),
  });
  let closed = false;
  return {
    url: sandbox.url,
    async close() {
      if (closed) return;
      closed = true;
      await sandbox.stopTimers();
      await sandbox.close();
      await sandbox.database.close();
    },
  };
}

/**
 * The sandbox processor on its own port, with its own store (its own PGlite beside the
 * practice's, or its own schema) and its settlement timer.
 */
async function startSandbox(
  options: Pick<BillPayServerOptions, 'databaseUrl' | 'processorPort' | 'sandboxTokenRequestsPerHour'> &
    Omit<ProcessorOptions, 'database' | 'clock' | 'tokenRequestsPerHour'> & { host: string; now: () => Date; dataDir: string | undefined },
) {
  const database = await openProcessorDatabase({ url: options.databaseUrl, dataDir: options.dataDir === undefined ? undefined : join(options.dataDir, 'processor') });
  const clock = new SandboxClock(options.now);
  const app = createProcessorApp({ ...options, database, clock, tokenRequestsPerHour: options.sandboxTokenRequestsPerHour });
  let server: Awaited<ReturnType<typeof listen>>;
  try {
    server = await listen(app.fetch, options.processorPort ?? defaults.processorPort, options.host);
  } catch (error) {
    await database.close();
    throw error;
  }
  const settlement = startSettlementTimer({ database, secret: options.secret, clock, logger: options.logger, webhookUrl: options.webhookUrl });
  return {
    url: `http://${displayHost(options.host)}:${server.port}`,
    internalUrl: `http://127.0.0.1:${server.port}`,
    database,
    clock,
    stopTimers: () => settlement.stop(),
    close: () => server.close(),
  };
}

function displayHost(host: string): string {
  return host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}

async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    const server: ServerType = serve({ fetch, port, hostname }, (info: AddressInfo) => {
      server.off('error', onError);
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', onError);
  });
}
