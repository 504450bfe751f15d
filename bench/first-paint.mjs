// How long until a patient can type their Bill ID, on a phone, beside Adyen Web's Card component.
//   node scripts/build.mjs && node bench/first-paint.mjs [--runs 7]
//
// Loads the demo's pay page (the real server, billpay.js as it ships, brotli-compressed) and a
// page with Adyen Web 6's Card component (bundled here with esbuild, compressed the same way,
// mounted with an inline payment-methods response so it needs no network), each `--runs` times,
// alternating the two so noise on the machine hits both alike, each time in a fresh Chromium
// context (empty cache) with CDP throttling:
//   mid-range phone: CPU 4x slower, 150 ms round trip, 1.6 Mbps down, 750 kbps up
//   slow phone:      CPU 6x slower, 400 ms round trip, 400 kbps down, 400 kbps up
// and prints the medians, the spread and billpay's ratio to Adyen. "Ready" is measured from the
// start of navigation: billpay when the Bill ID input is on screen and enabled; Adyen when its
// card form's fields are drawn. Adyen's secure iframes (card number, expiry, CVC) come from its
// servers, which this harness cannot reach, so its real time is longer than the one shown here.
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { silentLogger, startBillPayServer } from '@billpay/server';
import { chromeArgs, findChrome, installHint } from '../scripts/chrome.mjs';

const here = fileURLToPath(new URL('./first-paint/', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

const profiles = [
  { name: 'mid-range phone (CPU 4x, 150 ms, 1.6 Mbps)', cpu: 4, latency: 150, down: 1_600_000, up: 750_000 },
  { name: 'slow phone (CPU 6x, 400 ms, 400 kbps)', cpu: 6, latency: 400, down: 400_000, up: 400_000 },
];

/** Adyen's page: its HTML, and the Card bundle and its CSS, minified and brotli-compressed. */
async function startAdyenSite() {
  const result = await build({
    entryPoints: { 'adyen-card': `${here}adyen-card.js` },
    outdir: 'out',
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    legalComments: 'none',
    write: false,
    logLevel: 'error',
  });
  const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  const files = new Map([['/', { type: 'text/html; charset=utf-8', body: readFileSync(`${here}adyen.html`) }]]);
  for (const output of result.outputFiles) {
    const name = `/${output.path.split('/').pop()}`;
    files.set(name, { type: name.endsWith('.css') ? 'text/css' : 'text/javascript', body: brotli(output.contents), encoding: 'br' });
  }
  const server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (!file) return response.writeHead(404).end();
    const headers = { 'content-type': file.type, 'content-length': file.body.length, 'cache-control': 'no-cache' };
    if (file.encoding) headers['content-encoding'] = file.encoding;
    response.writeHead(200, headers).end(file.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const bytes = [...files.values()].filter((file) => file.encoding).reduce((sum, file) => sum + file.body.length, 0);
  return { url: `http://127.0.0.1:${server.address().port}/`, bytes, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Milliseconds from navigation start until the Bill ID field can be typed in. */
const billpayReady = () => {
  const { document } = globalThis;
  const lookup = document.querySelector('bill-pay')?.shadowRoot?.querySelector('bill-lookup');
  const input = lookup?.shadowRoot?.querySelector('#bill-id');
  return input && !input.disabled && input.getClientRects().length > 0 ? performance.now() : false;
};

/** Milliseconds from navigation start until Adyen's card form has drawn its fields. */
const adyenReady = () => {
  const { document } = globalThis;
  const fields = document.querySelectorAll('#card .adyen-checkout__field');
  return fields.length >= 3 && fields[0].getClientRects().length > 0 ? performance.now() : false;
};

async function loadOnce(browser, url, ready, profile) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', isMobile: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: profile.latency,
        downloadThroughput: profile.down / 8,
        uploadThroughput: profile.up / 8,
      });
    }
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(ready, null, { polling: 'raf', timeout: 60_000 });
    const ms = await handle.jsonValue();
    // What was downloaded by then: scripts and styles, as transferred (compressed).
    const transferred = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.initiatorType !== 'fetch' && entry.initiatorType !== 'xmlhttprequest')
        .reduce((sum, entry) => sum + entry.transferSize, 0),
    );
    return { ms, transferred };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

const executablePath = findChrome();
if (!executablePath) throw new Error(installHint);
const dataDir = await mkdtemp(join(tmpdir(), 'billpay-first-paint-'));
const server = await startBillPayServer({ port: 0, processorPort: 0, dataDir, logger: silentLogger });
const adyen = await startAdyenSite();
const browser = await chromium.launch({ executablePath, args: chromeArgs });
const payPage = `${server.url}/pay.html`;

console.log(`\ntime until the patient can type (median of ${RUNS} fresh loads each, alternating; Adyen: its container's fields, its card iframes cannot load here)\n`);
console.log(`| profile | billpay: Bill ID field usable | Adyen Card: fields drawn | billpay / Adyen |`);
console.log(`|---|---|---|---|`);
try {
  // One load of each first, not counted: the server's first answers and the disk cache warm up.
  await loadOnce(browser, payPage, billpayReady);
  await loadOnce(browser, adyen.url, adyenReady);
  const details = [];
  for (const profile of [undefined, ...profiles]) {
    const ours = [];
    const theirs = [];
    for (let run = 0; run < RUNS; run++) {
      ours.push(await loadOnce(browser, payPage, billpayReady, profile));
      theirs.push(await loadOnce(browser, adyen.url, adyenReady, profile));
    }
    const a = ours.map((r) => r.ms);
    const b = theirs.map((r) => r.ms);
    const spread = (values) => `${seconds(Math.min(...values))}-${seconds(Math.max(...values))}`;
    console.log(`| ${profile?.name ?? 'unthrottled'} | ${seconds(median(a))} (${spread(a)}) | ${seconds(median(b))} (${spread(b)}) | ${(median(a) / median(b)).toFixed(2)} |`);
    details.push({ profile: profile?.name ?? 'unthrottled', billpayBytes: median(ours.map((r) => r.transferred)), adyenBytes: median(theirs.map((r) => r.transferred)) });
  }
  console.log('');
  for (const detail of details) {
    console.log(`  ${detail.profile}: transferred before ready (resources, compressed): billpay ${(detail.billpayBytes / 1000).toFixed(1)} KB, Adyen ${(detail.adyenBytes / 1000).toFixed(1)} KB`);
  }
  console.log(`  Adyen's bundle here: ${(adyen.bytes / 1000).toFixed(1)} KB brotli (JS and CSS)\n`);
} finally {
  await browser.close();
  await adyen.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
