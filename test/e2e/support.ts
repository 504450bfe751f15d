import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBillPayServer, silentLogger, type BillPayServer, type Logger } from '@billpay/server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromeArgs, findChrome, installHint } from '../../scripts/chrome.mjs';

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
}

/** The real server on a temporary data folder, and Debian's Chromium driven by playwright-core. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const executablePath = findChrome();
  if (!executablePath) throw new Error(installHint);
  const dataDir = await mkdtemp(join(tmpdir(), 'billpay-e2e-'));
  const server = await startBillPayServer({
    port: 0,
    processorPort: 0,
    dataDir,
    logger: options.logger ?? silentLogger,
    secret: options.secret,
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
