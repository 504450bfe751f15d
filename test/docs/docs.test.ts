/**
 * Every example in the guides runs, against a real server, as a newcomer would run it (issue 17):
 * the Node SDK's patient flow and its errors, the practice API's curl commands and programs
 * (events, a webhook verified with `standardwebhooks` and a refund), the embedding guide's page on
 * an origin of its own under its strict CSP in Chromium, with its step one (allowedOrigins) being
 * how that origin is allowed, and the designer's theme on it. Then /docs itself: every page is
 * served under the demo's CSP, every link in it leads somewhere, and pages show no CSP violation.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApiKey, parsePracticeConfig, parseScopes, silentLogger, startBillPayServer, type BillPayServer } from '@billpay/server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromeArgs, findChrome, installHint } from '../../scripts/chrome.mjs';
import { EventPageSchema, ImportResultSchema, WebhookEndpointListSchema } from '../../packages/server/src/admin/answer-schemas.js';
import { curl, examplesOf, ROOT, runProgram, shellLines, shellWords, type Example } from './examples.js';
import { findBill, HADDAD } from '../e2e/patient.js';
import { copyMigratedDataFolders } from '../../packages/server/test/support/pglite-template.js';

/** What each example must print (a program) or answer (a curl command): a new example needs its line here. */
const EXPECTED: Readonly<Record<string, readonly RegExp[]>> = {
  'node-sdk#2': [/^Daniela owes \$142\.50$/m, /^Paid \$50\.00: confirmation [A-Z0-9-]+, \$92\.50 left$/m],
  'node-sdk#3': [/^lookup_failed 401 \S+$/m, /^pay\(\) before any lookup\(\): /m],
  'practice-api#2': [/"id":"harbor-point"/],
  'practice-api#3': [/"dryRun":true/, /"created":22/, /"rejected":0/],
  'practice-api#4': [/^payment\.succeeded \S+ 5000$/m],
  'practice-api#5': [/^refund\.succeeded \S+ 1000$/m],
};

/** The example origin the embedding guide allows, replaced by the test page's real one. */
const GUIDE_ORIGIN = 'https://www.harborpoint.example';
const GUIDES = ['node-sdk', 'practice-api', 'embedding', 'designer'] as const;

/** `pnpm <script>` commands the guides give: the script (or pnpm's own command) must exist. */
function checkPnpm(line: string, env: Record<string, string>): void {
  const [, command, ...rest] = shellWords(line, env);
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  assert.ok(command === 'install' || command === 'add' || command! in scripts, `${line}: no "${command}" script in package.json`);
  if (command === 'billpay' && rest[0] === 'keys' && rest[1] === 'create') {
    const scopes = rest[rest.indexOf('--scopes') + 1]!;
    assert.ok(parseScopes(scopes).length >= 1, line);
    assert.equal(rest[rest.indexOf('--practice') + 1], 'harbor-point', line);
  }
}

describe('the guides’ examples, against a real server', () => {
  let dataDir: string;
  let practicesDir: string;
  let server: BillPayServer;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;
  let env: Record<string, string>;
  const siteFiles = new Map<string, { type: string; body: string }>();
  let csp = '';

  before(async () => {
    const executablePath = findChrome();
    if (!executablePath) throw new Error(installHint);
    // The page's own origin, known before the server starts: the guide's step one allows it.
    site = createServer((request, response) => {
      const path = new URL(request.url ?? '/', siteUrl).pathname;
      // A browser asks every site for its icon; the guide's page names none.
      if (path === '/favicon.ico') return void response.writeHead(204).end();
      const file = siteFiles.get(path === '/' ? '/index.html' : path);
      if (!file) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': file.type, ...(file.type.startsWith('text/html') ? { 'content-security-policy': csp } : {}) });
      response.end(file.body);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

    // The embedding guide's practice settings, merged into the demo practice's, as its reader does.
    const settings = examplesOf('embedding').find((example) => example.language === 'json');
    assert.ok(settings, 'the embedding guide shows the allowedOrigins setting');
    practicesDir = mkdtempSync(join(tmpdir(), 'billpay-docs-practices-'));
    const practiceFile = join(ROOT, 'packages/server/practices/harbor-point.json');
    const merged = { ...(JSON.parse(readFileSync(practiceFile, 'utf8')) as object), ...(JSON.parse(settings.text.replaceAll(GUIDE_ORIGIN, siteUrl)) as object) };
    parsePracticeConfig(merged, 'the embedding guide');
    writeFileSync(join(practicesDir, 'harbor-point.json'), JSON.stringify(merged));

    dataDir = mkdtempSync(join(tmpdir(), 'billpay-docs-'));
    await copyMigratedDataFolders(dataDir);
    // Development, as `pnpm start`: the webhook example's receiver is plain http on localhost.
    server = await startBillPayServer({ port: 0, processorPort: 0, dataDir, practicesDir, logger: silentLogger, development: true });
    const { secret } = await createApiKey(server.database.db, { practiceId: 'harbor-point', scopes: ['read', 'import', 'refunds', 'webhooks'], name: 'Docs examples', now: new Date() });
    env = { BILLPAY_URL: server.url, BILLPAY_API_KEY: secret };
    browser = await chromium.launch({ executablePath, args: chromeArgs });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(practicesDir, { recursive: true, force: true });
  });

  /** Runs one example that runs on its own; the embedding guide's page files are served instead. */
  async function run(example: Example): Promise<void> {
    if (example.language === 'ts' || example.language === 'js') {
      if (example.options.file) return;
      const output = await runProgram(example, env);
      const expected = EXPECTED[example.id];
      assert.ok(expected, `${example.id} prints:\n${output}\nSay what it must print in EXPECTED`);
      for (const pattern of expected) assert.match(output, pattern, `${example.id} printed:\n${output}`);
    } else if (example.language === 'sh') {
      for (const line of shellLines(example.text)) {
        const words = shellWords(line, env);
        if (words[0] === 'pnpm') {
          checkPnpm(line, env);
        } else if (words[0] === 'curl') {
          const { status, text } = await curl(words);
          assert.ok(status >= 200 && status < 300, `${example.id}: ${line}\nanswered ${status}: ${text}`);
          const expected = EXPECTED[example.id];
          assert.ok(expected, `${example.id} answers:\n${text}\nSay what it must answer in EXPECTED`);
          for (const pattern of expected) assert.match(text, pattern, `${example.id}: ${line}`);
          if (line.includes('/admin/v1/imports')) ImportResultSchema.parse(JSON.parse(text));
        } else {
          assert.fail(`${example.id}: ${line}\nis neither a pnpm nor a curl command: the docs test cannot run it`);
        }
      }
    } else if (!['html', 'json', 'http', 'css'].includes(example.language)) {
      assert.fail(`${example.id}: a \`${example.language}\` example, which the docs test does not know how to run`);
    }
  }

  for (const guide of ['node-sdk', 'practice-api'] as const) {
    it(`runs every example of the ${guide} guide`, async () => {
      const examples = examplesOf(guide);
      assert.ok(examples.length >= 3);
      for (const example of examples) await run(example);
    });
  }

  it('answers the practice API guide’s calls with what its document says', async () => {
    const headers = { authorization: `Bearer ${env.BILLPAY_API_KEY}` };
    EventPageSchema.parse(await (await fetch(`${server.url}/admin/v1/events?limit=200`, { headers })).json());
    const endpoints = WebhookEndpointListSchema.parse(await (await fetch(`${server.url}/admin/v1/webhook-endpoints`, { headers })).json());
    assert.equal(endpoints.data.length, 1, 'the webhook example registered its endpoint');
  });

  /** A page of Chromium that records console messages, errors and CSP violations. */
  async function openPage(width = 1024): Promise<{ page: Page; info: string[]; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const info: string[] = [];
    const problems: string[] = [];
    // Chromium's own warnings (e.g. about a Permissions-Policy feature it does not know) are not the page's.
    page.on('console', (message) => (message.type() === 'error' ? problems : info).push(message.text()));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
    });
    return { page, info, problems };
  }

  it('embeds the widget as the embedding guide says, on an origin of its own under its CSP, themed as the designer guide says', async () => {
    for (const example of examplesOf('embedding')) await run(example);
    const real = (text: string) => text.replaceAll('http://localhost:8787', server.url).replaceAll('http://localhost:8788', server.processorUrl!);
    const embedding = examplesOf('embedding');
    for (const example of embedding.filter((candidate) => candidate.options.file)) {
      siteFiles.set(`/${example.options.file}`, { type: example.language === 'html' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8', body: real(example.text) });
    }
    const header = embedding.find((example) => example.language === 'http')?.text ?? '';
    assert.match(header, /^Content-Security-Policy: /);
    csp = real(header.replace(/^Content-Security-Policy: /, ''));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const theme = examplesOf('designer').find((example) => example.language === 'css');
    assert.ok(theme);
    siteFiles.set('/theme.css', { type: 'text/css; charset=utf-8', body: theme.text });
    for (const example of examplesOf('designer')) await run(example);

    const { page, info, problems } = await openPage(390);
    await page.goto(`${siteUrl}/`);
    await page.addStyleTag({ url: '/theme.css' });
    await page.getByRole('heading', { level: 1, name: 'Pay your bill' }).waitFor();
    await findBill(page, HADDAD, HADDAD.heading);
    await page.locator('bill-summary').getByText('$65.00').first().waitFor();
    assert.ok(info.includes('billpay is ready for Harbor Point Medical Group'), JSON.stringify(info));
    assert.ok(info.includes('The patient found their bill.'), JSON.stringify(info));
    // The theme reached the widget's shadow DOM: its accent and its font.
    const button = page.locator('bill-summary').getByRole('button').first();
    const look = await button.evaluate((element) => ({ font: getComputedStyle(element).fontFamily, accent: getComputedStyle(element.closest('bill-pay') ?? element).getPropertyValue('--billpay-color-accent').trim() }));
    assert.equal(look.accent, 'rgb(11, 92, 173)');
    assert.match(look.font, /Georgia/);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('gives every custom property of the designer guide’s theme to <bill-pay>, as the elements reference lists', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'packages/elements/custom-elements.json'), 'utf8')) as { modules: { declarations?: { tagName?: string; cssProperties?: { name: string }[] }[] }[] };
    const billPay = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'bill-pay');
    const documented = new Set(billPay?.cssProperties?.map((property) => property.name));
    const theme = examplesOf('designer').find((example) => example.language === 'css')!.text;
    const used = [...theme.matchAll(/(--billpay-[a-z-]+)\s*:/g)].map((match) => match[1]!);
    assert.ok(used.length >= 4);
    for (const name of used) assert.ok(documented.has(name), `${name} is not a documented custom property of <bill-pay>`);
    const guide = readFileSync(join(ROOT, 'docs/guides/designer.md'), 'utf8');
    for (const name of documented) assert.ok(guide.includes(name), `the designer guide's table leaves out ${name}`);
  });

  it('serves /docs under the strict CSP, every link in it leading somewhere', async () => {
    const dist = join(ROOT, 'docs/dist');
    const pages = ['index.html', 'elements.html', 'patient-api.html', 'practice-api.html', 'sdk/index.html', ...GUIDES.map((guide) => `guides/${guide}.html`)];
    const seen = new Set<string>();
    for (const file of pages) {
      assert.ok(existsSync(join(dist, file)), `${file} was built (node scripts/build.mjs)`);
      const response = await fetch(`${server.url}/docs/${file}`);
      assert.equal(response.status, 200, file);
      assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'; style-src 'self'/, file);
      const html = await response.text();
      assert.doesNotMatch(html, /<script>|<style|\sstyle="|\son[a-z]+="/, `${file} has inline script or style`);
      for (const [, href] of html.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)) {
        const url = new URL(href!, `${server.url}/docs/${file}`);
        if (url.origin !== server.url || seen.has(url.pathname)) continue;
        seen.add(url.pathname);
        const linked = await fetch(url);
        assert.equal(linked.status, 200, `${file} links to ${url.pathname}, which answers ${linked.status}`);
        await linked.arrayBuffer();
      }
    }
    const practiceApi = (await (await fetch(`${server.url}/docs/practice-api.html`)).text()).replace(/<[^>]+>/g, '');
    for (const text of ['POST /admin/v1/payments/{id}/refunds', 'practiceKey: refunds', 'amount_exceeds_refundable', 'GET /admin/v1/events']) assert.ok(practiceApi.includes(text), text);
    assert.equal((await fetch(`${server.url}/docs`, { redirect: 'manual' })).headers.get('location'), '/docs/');
  });

  it('shows the documentation’s pages without a console error or CSP violation, the SDK reference included', async () => {
    for (const [file, heading] of [
      ['', 'billpay documentation'],
      ['guides/embedding.html', /^Put bill pay on your practice.s website$/],
      ['practice-api.html', 'Practice API (/admin/v1)'],
      ['elements.html', 'Elements reference'],
      ['sdk/modules/payments.html', 'payments'],
    ] as const) {
      const { page, problems } = await openPage(390);
      await page.goto(`${server.url}/docs/${file}`);
      await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
      // Readable on a phone: nothing but code and tables (which scroll in their boxes) is wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (!file.startsWith('sdk/')) assert.ok(overflow <= 0, `${file || 'index'} is ${overflow}px wider than a 390px screen`);
      if (process.env.DOCS_SCREENSHOTS) await page.screenshot({ path: join(process.env.DOCS_SCREENSHOTS, `${file.replace(/\W+/g, '-') || 'index'}.png`), fullPage: false });
      assert.deepEqual(problems, [], file);
      await page.context().close();
    }
  });
});
