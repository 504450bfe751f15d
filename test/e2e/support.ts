import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey, startBillPayServer, silentLogger, type ApiKeyScope, type BillPayServer, type Logger } from '@billpay/server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromeArgs, findChrome, installHint } from '../../scripts/chrome.mjs';
import { copyMigratedDataFolders } from '../../packages/server/test/support/pglite-template.js';

export interface Harness {
  readonly server: BillPayServer;
  readonly browser: Browser;
  /** A new page that records console errors and Content-Security-Policy violations. */
  newPage(options?: { width?: number; locale?: string }): Promise<{ page: Page; problems: string[] }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Where the server's log goes (default: nowhere), e.g. `createLogger((line) => lines.push(line))`. */
  readonly logger?: Logger;
  /** The server's secret (default: one generated and kept in its database), e.g. to call the processor's sandbox. */
  readonly secret?: string;
  /** Development mode (default off): e.g. webhook endpoints on plain http to localhost. */
  readonly development?: boolean;
  /**
   * Serve the console on a port chosen first, with the console's origin (staff sign-in, passkeys)
   * set to it: with port 0 the server cannot know its origin before it listens.
   */
  readonly console?: boolean;
  /** Email to patients through this SMTP server (e.g. the test's own, `startSmtpCapture`), from billing@harborpoint.example. */
  readonly smtpUrl?: string;
}

/** A port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The real server on a temporary data folder, and Debian's Chromium driven by playwright-core. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const executablePath = findChrome();
  if (!executablePath) throw new Error(installHint);
  const dataDir = await mkdtemp(join(tmpdir(), 'billpay-e2e-'));
  await copyMigratedDataFolders(dataDir);
  const port = options.console ? await freePort() : 0;
  const server = await startBillPayServer({
    port,
    consoleOrigin: options.console ? `http://localhost:${port}` : undefined,
    processorPort: 0,
    dataDir,
    logger: options.logger ?? silentLogger,
    secret: options.secret,
    development: options.development,
    ...(options.smtpUrl ? { smtpUrl: options.smtpUrl, smtpFrom: 'billing@harborpoint.example', messageIntervalMs: 250 } : {}),
  });
  const browser = await chromium.launch({ executablePath, args: chromeArgs });
  return {
    server,
    browser,
    async newPage({ width = 1024, locale = 'en-US' } = {}) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      return { page, problems };
    },
    async close() {
      await browser.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A practice API answer: its status and its JSON body (`undefined` when it has none). */
export interface PracticeApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface PracticeApi {
  /** Calls `/admin/v1{path}` with the key; `body` a string (sent as is) or JSON. */
  call(method: string, path: string, options?: { body?: unknown; contentType?: string; headers?: Record<string, string> }): Promise<PracticeApiAnswer>;
}

/**
 * A practice's own server calling the practice API with a new key of `scopes`, made in-process on
 * the server's database. It calls through `node:http`, not `fetch`: Node's fetch sends
 * `Sec-Fetch-Mode: cors`, which the practice API takes for a browser and refuses.
 */
export async function practiceApi(server: BillPayServer, practiceId: string, scopes: readonly ApiKeyScope[]): Promise<PracticeApi> {
  const { secret } = await createApiKey(server.database.db, { practiceId, scopes, name: 'End-to-end tests', now: new Date() });
  return {
    call(method, path, options = {}) {
      const raw = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      const headers: Record<string, string> = { authorization: `Bearer ${secret}`, ...options.headers };
      if (raw !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
      return new Promise((resolve, reject) => {
        const sent = httpRequest(new URL(`/admin/v1${path}`, server.url), { method, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: response.statusCode ?? 0, body: text === '' ? undefined : JSON.parse(text) });
            } catch (error) {
              reject(new Error(`${method} ${path} answered ${String(response.statusCode)} with no JSON: ${text.slice(0, 200)}`, { cause: error }));
            }
          });
        });
        sent.on('error', reject);
        sent.end(raw);
      });
    },
  };
}
