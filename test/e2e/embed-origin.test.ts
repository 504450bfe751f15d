/**
 * A practice's developer puts billpay.js on a page of an origin the practice has not allowed yet
 * (issue 17): the patient is told to call, not to check their connection, and the developer reads
 * in the browser's console which origin to add to which setting. The page is served from a second
 * server, under a strict Content-Security-Policy, as a practice's own site would be.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from './support.js';

describe('billpay.js on a page of an origin the practice does not allow', () => {
  let harness: Harness;
  let site: Server;
  let siteUrl: string;

  before(async () => {
    harness = await startHarness();
    const api = harness.server.url;
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A new practice site</title>
<script type="module" src="${api}/billpay.js"></script></head>
<body><main><h1>Pay your bill</h1><bill-pay practice="harbor-point" api="${api}"></bill-pay></main></body></html>`;
    site = createServer((_request, response) => {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'self'; script-src 'self' ${api}; style-src 'self'; connect-src ${api}; img-src 'self' ${api} data:; frame-src 'none'; object-src 'none'; base-uri 'none'`,
      });
      response.end(page);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => site?.close(resolve));
    await harness?.close();
  });

  it('tells the patient to call, and the developer which origin to add to allowedOrigins', async () => {
    const { page, problems } = await harness.newPage({ width: 390 });
    await page.goto(`${siteUrl}/`);
    const alert = page.locator('bill-pay').getByRole('alert');
    await alert.waitFor();
    const said = (await alert.innerText()).replace(/\s+/g, ' ');
    assert.match(said, /Online bill pay isn’t available on this page yet\. Please call the billing office to pay\./);
    assert.doesNotMatch(said, /internet connection/);
    // One console message of billpay's, for the developer: the origin and the setting; no CSP
    // violation (Chromium itself also logs the 403 it loaded).
    const ours = problems.filter((problem) => !/Failed to load resource: the server responded with a status of 403/.test(problem));
    assert.equal(ours.length, 1, JSON.stringify(problems));
    assert.match(ours[0]!, /billpay: .*origin_not_allowed.*127\.0\.0\.1:\d+.*allowedOrigins of practice harbor-point/);
  });
});
