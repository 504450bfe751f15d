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
import { createLogger, type Logger } from './log.js';
import type { PracticeConfig } from './practices/practices.js';
import { startPaymentJobs } from './payments/jobs.js';
import { startPlanJobs } from './plans/jobs.js';
import { createProcessorApp, startSettlementTimer } from './processor/app.js';
import { SandboxClock } from './processor/clock.js';
import { openProcessorDatabase, type ProcessorDatabase } from './processor/database.js';

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
}

export interface BillPayServer {
  readonly url: string;
  readonly processorUrl: string;
  readonly database: BillPayDatabase;
  /** The sandbox processor's own store. */
  readonly processorDatabase: ProcessorDatabase;
  /** The sandbox processor's clock (`POST /v1/sandbox/clock` moves it). */
  readonly processorClock: SandboxClock;
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  readonly seeded: boolean;
  close(): Promise<void>;
}

/** Opens the database, loads practices, seeds the demo, and starts the API and the processor. */
export async function startBillPayServer(options: BillPayServerOptions = {}): Promise<BillPayServer> {
  // Settings are checked before anything is opened: a mistake there is the operator's to fix.
  proxyTrust(options);
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

  // The processor keeps its own store: its own PGlite beside the practice's, or its own schema.
  let processorDatabase: ProcessorDatabase;
  try {
    processorDatabase = await openProcessorDatabase({ url: options.databaseUrl, dataDir: dataDir === undefined ? undefined : join(dataDir, 'processor') });
  } catch (error) {
    await database.close();
    throw error;
  }
  const apiPort = options.port ?? defaults.port;
  // The demo pages are rewritten to the origins the browser will actually use.
  let publicUrl = `http://${displayHost(host)}:${apiPort}`;
  const processorClock = new SandboxClock(now);
  const processorApp = createProcessorApp({
    logger,
    database: processorDatabase,
    practices,
    secret,
    clock: processorClock,
    apiPublicUrl: () => publicUrl,
    tokenRequestsPerHour: options.sandboxTokenRequestsPerHour,
    ...proxies,
  });
  const processor = await listen(processorApp.fetch, options.processorPort ?? defaults.processorPort, host);
  const settlement = startSettlementTimer({ database: processorDatabase, secret, clock: processorClock, logger });
  const processorUrl = `http://${displayHost(host)}:${processor.port}`;
  const processorInternalUrl = `http://127.0.0.1:${processor.port}`;
  // The practice API reaches the processor server to server, with each practice's secret key.
  const gateway = core.processorAt(processorInternalUrl);
  const paymentJobs = startPaymentJobs({ database, gateway, practices, now, logger });
  // Payment plans' installments, charged when due (each once, whichever instance gets there first).
  const planJobs = startPlanJobs({ database, gateway, practices, now, logger });
  const app = createApp({
    database,
    practices,
    logger,
    secret,
    now,
    ...proxies,
    processor: gateway,
    processorPublicUrl: processorUrl,
    // Not ready while the processor is not: no payment could be taken.
    readinessChecks: { processor: httpCheck(`${processorInternalUrl}/v1/health`) },
    demo:
      (options.serveDemo ?? true)
        ? {
            demoDir: options.demoDir ?? defaults.demoDir,
            bundlePath: options.bundlePath ?? defaults.bundlePath,
            get publicUrl() {
              return publicUrl;
            },
            processorUrl,
          }
        : undefined,
  });
  const api = await listen(app.fetch, apiPort, host);
  publicUrl = `http://${displayHost(host)}:${api.port}`;

  let closed = false;
  return {
    url: publicUrl,
    processorUrl,
    database,
    processorDatabase,
    processorClock,
    practices,
    seeded,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([settlement.stop(), paymentJobs.stop(), planJobs.stop()]);
      await Promise.all([api.close(), processor.close()]);
      await Promise.all([database.close(), processorDatabase.close()]);
    },
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
